"""Spanish starter wording for some starter pages: original Spanish written from the English
pages (not a machine translation), for a US Latino audience, "ustedes" for the couple.

Loaded as *unreviewed* translations (no reviewer, no date): the /es/ pages keep showing the
English with a note until a bilingual clinician reviews each one in the admin (Pages → the
page → "Spanish version": reviewed on, reviewed by). Rows are matched to the English page's
by order (takeaways, sections) when first loaded; staff edits are never overwritten.
"""

SPANISH_PAGES = {
    "page:home": {
        "title": "Terapia de pareja asistida con ketamina en el Sur de California",
        "nav_label": "Inicio",
        "lede": "Cuando las mismas discusiones vuelven una y otra vez, y la depresión o la "
        "ansiedad son parte de la historia, puede sentirse como si ya nada les llegara a los "
        "dos. Les ofrecemos una manera cuidadosa y supervisada de volver a intentarlo, juntos.",
        "seo_title": "Terapia de pareja asistida con ketamina, Sur de California",
        "meta_description": "Terapia de pareja con dosis bajas de ketamina y una evaluación "
        "médica cuidadosa, en el Sur de California. Consultas confidenciales; aceptamos "
        "planes PPO.",
        "takeaways": [
            "Terapia de conversación para los dos, con una dosis baja de ketamina en momentos "
            "planeados.",
            "Primero, un profesional clínico revisa si es seguro y adecuado para cada uno.",
            "Las sesiones con medicamento se hacen en nuestra clínica, con un terapeuta "
            "capacitado en la sala.",
            "Aquí la ketamina se usa fuera de las indicaciones aprobadas (off-label): la FDA "
            "no la ha aprobado para condiciones psiquiátricas.",
        ],
        "sections": [
            (
                "Quiénes somos",
                "Somos una clínica de salud mental en el Sur de California y atendemos a "
                "parejas del Condado de Orange y alrededores. Trabajamos con parejas que se "
                "sienten estancadas, y con el ánimo bajo, la preocupación o el trauma que "
                "muchas veces acompañan el dolor en la relación.\n\n"
                "Recibimos pacientes nuevos. No necesitan una referencia para hacernos una "
                "pregunta.",
            ),
            (
                "Qué pasa cuando se comunican con nosotros",
                "1. **Ustedes nos contactan** por teléfono o con el "
                "[formulario de consulta confidencial](/es/inquiry/).\n"
                "2. **Hablamos con ustedes**, escuchamos lo que está pasando y respondemos "
                "sus preguntas. No hay ninguna presión para seguir adelante.\n"
                "3. **Un profesional clínico evalúa a cada uno** para ver si este tipo de "
                "atención es segura y adecuada. Si no lo es, les ayudaremos a encontrar algo "
                "que sí lo sea.\n\n"
                "Todo lo que nos cuenten es confidencial.",
            ),
        ],
    },
    "page:what-it-is": {
        "title": "En qué consiste la terapia de pareja asistida con ketamina",
        "nav_label": "Qué es",
        "lede": "Es, ante todo, terapia de pareja. En momentos planeados, uno o los dos "
        "toman una dosis baja de ketamina en nuestra clínica, mientras un terapeuta "
        "capacitado se queda con ustedes.",
        "seo_title": "Qué es la terapia de pareja asistida con ketamina",
        "meta_description": "Cómo funciona la terapia de pareja asistida con ketamina: "
        "evaluación, preparación, sesiones supervisadas con medicamento e integración.",
        "takeaways": [
            "El centro es la terapia de conversación; la ketamina apoya el trabajo en unos "
            "pocos momentos.",
            "Hay cuatro etapas: evaluación, preparación, sesiones con medicamento e integración.",
            "Las sesiones con medicamento se hacen en la clínica, nunca en casa, con un "
            "terapeuta presente.",
        ],
        "sections": [
            (
                "La idea, en palabras sencillas",
                "Los problemas de pareja que llevan mucho tiempo suelen venir con un muro de "
                "defensas. Una dosis baja de ketamina, dada con cuidado, puede bajar ese muro "
                "durante unas horas. La esperanza es que en ese tiempo puedan escuchar, "
                "hablar y sentir con más apertura, y luego llevar lo aprendido a la vida "
                "diaria con la ayuda de su terapeuta.",
            ),
            (
                "Las cuatro etapas",
                "1. **Evaluación.** Un profesional clínico conoce a cada uno, revisa su "
                "salud y decide con ustedes si esta atención es adecuada.\n"
                "2. **Preparación.** Sesiones con su terapeuta para fijar metas, generar "
                "confianza y saber qué esperar.\n"
                "3. **Sesiones con medicamento.** La ketamina se da en la clínica. Su "
                "terapeuta está presente todo el tiempo y les ayuda a conversar a medida que "
                "pasan los efectos.\n"
                "4. **Integración.** Sesiones de seguimiento para entender lo que surgió y "
                "convertirlo en cambios que perduren.",
            ),
            (
                "Uno de los dos, o ambos",
                "Hay dos maneras de hacer una sesión con medicamento:\n\n"
                "- **Uno de los dos toma ketamina** mientras el otro se mantiene lúcido y "
                "lo acompaña.\n"
                "- **Los dos toman ketamina** en la misma sesión.\n\n"
                "Lo más adecuado depende de su salud, de sus metas y de lo que recomiende su "
                "profesional clínico.",
            ),
            (
                "La seguridad es lo primero",
                "La ketamina puede subir la presión arterial y causar mareo, náuseas o una "
                "sensación como de sueño que pasan pronto. Por eso aquí solo se da con "
                "monitoreo, y por eso necesitarán que alguien los lleve a casa. En 2023 la "
                "FDA advirtió sobre la ketamina tomada en casa sin supervisión; nosotros no "
                "ofrecemos eso.",
            ),
        ],
    },
    "page:cost-and-insurance": {
        "title": "Costo y seguro médico",
        "nav_label": "Costo",
        "lede": "Lo que cobramos, cómo puede ayudar un seguro PPO y lo que los planes suelen "
        "dejar fuera. Revisamos los números con ustedes antes de reservar nada.",
        "seo_title": "Costo y seguro de la terapia de pareja asistida con ketamina",
        "meta_description": "Nuestras tarifas, beneficios PPO fuera de la red, recibos "
        "detallados para reembolso y lo que el seguro no suele cubrir, explicado con claridad.",
        "sections": [
            (
                "Si tienen un plan PPO",
                "Aceptamos la mayoría de los planes de seguro PPO. Muchos planes PPO también "
                "tienen beneficios *fuera de la red*, que les devuelven parte de lo que pagan "
                "a un profesional que no está en la red del plan, a menudo después de cubrir "
                "un deducible anual. Algunas parejas descubren que su plan cubre gran parte "
                "del costo, incluso todo; a otras les paga poco o nada. Con gusto les "
                "ayudamos a averiguarlo.\n\n"
                "Preguntas que vale la pena hacerle a su aseguradora:\n\n"
                "- ¿Tenemos beneficios fuera de la red para atención de salud mental?\n"
                "- ¿De cuánto es el deducible, y cuánto ya hemos cubierto?\n"
                "- ¿Qué parte del costo nos devuelven, y hasta qué monto?\n"
                "- ¿Cubre la terapia de pareja o familiar, y necesita aprobación previa?",
            ),
            (
                "Recibos detallados para reembolso (superbills)",
                "Un *superbill* es un recibo detallado con los códigos que pide la "
                "aseguradora. Si no estamos en la red de su plan, podemos darles uno después "
                "de cada consulta pagada, y ustedes lo envían a su aseguradora para reclamar "
                "lo que el plan les devuelva.",
            ),
            (
                "Lo que el seguro no suele cubrir",
                "- La ketamina en sí y el tiempo de una sesión con medicamento muchas veces "
                "no están cubiertos, porque el medicamento se usa fuera de las indicaciones "
                "aprobadas.\n"
                "- La terapia de pareja por sí sola, cuando ninguno de los dos tiene un "
                "diagnóstico que el plan reconozca.\n"
                "- Las citas perdidas y las cancelaciones de último momento.\n\n"
                "Cada plan es distinto, así que tomen esto como una guía, no como una promesa.",
            ),
            (
                "Si pagan por su cuenta",
                "Es posible que puedan usar una cuenta de ahorros para la salud (HSA) o una "
                "cuenta de gastos flexibles (FSA); el administrador de su plan puede "
                "confirmarlo. Si pagan por su cuenta o no tienen seguro, tienen derecho a un "
                "Cálculo Estimado de Buena Fe por escrito de los cargos esperados antes de "
                "empezar la atención.",
            ),
        ],
        "faqs": [
            (
                "¿Nuestro seguro pagará todo?",
                "Es posible, pero no lo sabremos hasta revisar su plan. Llámennos o mencionen "
                "su aseguradora en su [consulta](/es/inquiry/), y lo revisamos con ustedes.",
            ),
            (
                "¿La primera llamada es gratis?",
                "Sí, la primera llamada corta no cuesta nada y no los compromete a nada.",
            ),
        ],
    },
}
