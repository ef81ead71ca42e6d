"""Spanish starter wording for every starter page: original Spanish written from the English
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
        "meta_description": "Terapia de pareja con dosis bajas de ketamina y evaluación "
        "médica cuidadosa, en el Sur de California. Solicitudes confidenciales; aceptamos la "
        "mayoría de los planes PPO.",
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
                "[formulario de solicitud confidencial](/es/inquiry/).\n"
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
                "de cada visita pagada, y ustedes lo envían a su aseguradora para reclamar "
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
                "su aseguradora en su [solicitud](/es/inquiry/), y lo revisamos con ustedes.",
            ),
            (
                "¿La primera llamada es gratis?",
                "Sí, la primera llamada corta no cuesta nada y no los compromete a nada.",
            ),
        ],
    },
    "page:who-can-benefit": {
        "title": "¿A quién puede ayudar la terapia de pareja asistida con ketamina?",
        "nav_label": "A quién puede ayudar",
        "lede": "Está pensada para parejas que están pasando por un momento realmente "
        "difícil, sobre todo cuando uno o los dos también viven con una condición de salud "
        "mental.",
        "seo_title": "A quién puede ayudar la terapia de pareja asistida con ketamina",
        "meta_description": "Qué parejas podrían beneficiarse de la terapia de pareja asistida "
        "con ketamina, incluso cuando uno de los dos vive con depresión, ansiedad, TEPT o "
        "trauma.",
        "takeaways": [
            "Está dirigida a parejas cuyas dificultades van de la mano con depresión, "
            "ansiedad, TEPT, consumo de sustancias o pensamientos de suicidio.",
            "Las parejas de veteranos y militares afectadas por el trauma de combate podrían "
            "ser buenas candidatas.",
            "No es para todos: primero, un profesional clínico evalúa a cada uno.",
        ],
        "sections": [
            (
                "Parejas que cargan con algo más que el estrés de la relación",
                "El malestar en la pareja casi nunca llega solo. Desde hace tiempo, los "
                "investigadores han observado que una relación infeliz y condiciones como la "
                "depresión suelen alimentarse mutuamente.\n\n"
                "La terapia de pareja asistida con ketamina se está estudiando para parejas "
                "en las que uno o los dos también viven con:\n\n"
                "- depresión\n"
                "- ansiedad\n"
                "- estrés postraumático (TEPT)\n"
                "- un trastorno por consumo de sustancias\n"
                "- pensamientos de suicidio\n\n"
                "Algunas de estas situaciones, como un problema actual con el consumo de "
                "sustancias, requieren un cuidado especial antes de considerar la ketamina. "
                "Nuestra evaluación lo revisa con atención.",
            ),
            (
                "Parejas de veteranos y militares",
                "El trauma del combate puede hacer que la cercanía se sienta peligrosa, "
                "incluso con la persona que uno ama. Para algunas parejas de veteranos y "
                "militares, tratar los síntomas del trauma y trabajar en la relación al mismo "
                "tiempo puede ayudar en ambos frentes.\n\n"
                "Si usted es veterano y está en crisis, marque el 988 y oprima 1 para hablar "
                "con la Línea de Crisis para Veteranos a cualquier hora.",
            ),
            (
                "Parejas a las que les cuesta abrirse",
                "No hace falta un diagnóstico para estar pasándola mal. Algunas parejas nos "
                "buscan porque:\n\n"
                "- cada conversación termina en la misma discusión\n"
                "- mostrarse lo que de verdad sienten se siente arriesgado\n"
                "- se han ido alejando emocionalmente y no saben cómo volver a encontrarse",
            ),
            (
                "Por qué la ketamina podría ayudar",
                "Los investigadores han propuesto varias maneras en que la ketamina, dada en "
                "un entorno supervisado, podría apoyar el trabajo de pareja. Son ideas que "
                "todavía se están estudiando, no hechos comprobados:\n\n"
                "- **Neuroplasticidad.** Durante un tiempo, el cerebro podría tener más "
                "facilidad para formar patrones nuevos.\n"
                "- **Conectividad distinta.** Las redes del cerebro podrían comunicarse de "
                "otra manera y aflojar las formas habituales de reaccionar.\n"
                "- **Una distancia que ayuda.** Una leve sensación de desapego puede hacer "
                "más fácil mirar los temas dolorosos.\n"
                "- **Menos defensas.** Cada uno podría sentirse menos cohibido y con menos "
                "ganas de evitar los temas difíciles.\n\n"
                "Juntas, estas cosas podrían facilitar que entiendan el punto de vista del "
                "otro, que sientan empatía y que sigan adelante con una conversación difícil.",
            ),
            (
                "Cuando podría no ser la opción adecuada",
                "La ketamina no es segura para todos. Antecedentes de psicosis, algunas "
                "condiciones del corazón o de la presión arterial, el embarazo y algunos "
                "medicamentos pueden descartarla o exigir un cuidado especial. Si hay "
                "preocupaciones de seguridad en la relación, puede que la terapia de pareja "
                "no sea el punto de partida adecuado. Su profesional clínico lo hablará con "
                "cada uno, en privado y también juntos.",
            ),
        ],
    },
    "page:how-it-differs": {
        "title": "¿En qué se diferencia de la terapia de pareja tradicional?",
        "nav_label": "En qué se diferencia",
        "lede": "Las dos son formas de terapia de pareja. La diferencia está en cómo se llega "
        "a las emociones, en cómo se organizan las sesiones y en qué tan pronto pueden "
        "ceder las defensas.",
        "seo_title": "Terapia de pareja asistida con ketamina frente a la tradicional",
        "meta_description": "Cuatro diferencias entre la terapia de pareja asistida con "
        "ketamina y la terapia de pareja tradicional, y por qué todavía es un enfoque nuevo.",
        "takeaways": [
            "La terapia tradicional trabaja sobre todo con los pensamientos y la conducta.",
            "El trabajo asistido con ketamina busca además llegar a los sentimientos de "
            "forma más directa.",
            "Sigue una serie de etapas, en lugar del mismo formato cada semana.",
            "Es algo nuevo: elijan profesionales calificados que primero revisen si es "
            "adecuado para ustedes.",
        ],
        "sections": [
            (
                "Qué impulsa el cambio",
                "En la terapia tradicional, el cambio viene de la conversación, de "
                "comprender lo que pasa y de nuevos hábitos que se practican entre sesiones. "
                "La terapia asistida con ketamina conserva todo eso y suma un medicamento "
                "que, por poco tiempo, podría hacer al cerebro más receptivo a patrones "
                "nuevos.",
            ),
            (
                "Cómo se llega a los sentimientos",
                "Gran parte de la terapia de pareja tradicional es cognitiva y conductual: "
                "notar los pensamientos, aprender habilidades, cambiar rutinas. En las "
                "sesiones asistidas con ketamina, muchas personas cuentan que llegan a "
                "sentimientos a los que normalmente les cuesta llegar, y que luego pueden "
                "explorar con el terapeuta.",
            ),
            (
                "Cómo se organizan las sesiones",
                "La terapia tradicional suele ser un ritmo constante de sesiones de "
                "conversación. La terapia asistida con ketamina avanza por etapas: "
                "evaluación, preparación, sesiones con medicamento e integración. Cada sesión "
                "con medicamento se planea con bastante anticipación.",
            ),
            (
                "Qué tan pronto pueden ceder las defensas",
                "En la terapia habitual, confiar lo suficiente como para bajar la guardia "
                "puede tomar mucho tiempo. El estado alterado que produce la ketamina podría "
                "aflojar esa guardia antes en algunas parejas. No hace el trabajo por "
                "ustedes; puede que les ayude a empezarlo.",
            ),
            (
                "Un campo que todavía está naciendo",
                "La investigación sobre la ketamina en la terapia de pareja está en una "
                "etapa temprana. Trabajen solo con profesionales calificados que evalúen a "
                "cada uno y que hablen con honestidad sobre lo que se sabe y lo que no.",
            ),
        ],
    },
    "page:depression-and-anxiety": {
        "title": "¿Puede ayudar a parejas que viven con depresión o ansiedad?",
        "nav_label": "Depresión y ansiedad",
        "lede": "La depresión y la ansiedad afectan a los dos, no solo a quien las vive. Este "
        "enfoque atiende los síntomas y la relación al mismo tiempo.",
        "seo_title": "Parejas, depresión y ansiedad: terapia asistida con ketamina",
        "meta_description": "Cómo podría ayudar la terapia de pareja asistida con ketamina "
        "cuando la depresión o la ansiedad desgastan la relación, y qué es el uso fuera de "
        "indicación.",
        "takeaways": [
            "La ansiedad suele bajar durante una sesión supervisada, y eso puede facilitar "
            "la conversación.",
            "Podría ayudarles a salir de patrones rígidos y a volver a conectar.",
            "La ketamina se receta fuera de indicación (off-label) para estos usos; la FDA "
            "no la ha aprobado para ellos.",
        ],
        "sections": [
            (
                "Sesiones más tranquilas",
                "Muchas personas se sienten más relajadas y menos ansiosas durante una sesión "
                "con ketamina. Esa calma puede hacer más fácil que los dos participen de "
                "lleno, en lugar de estar a la defensiva esperando el próximo momento "
                "difícil.",
            ),
            (
                "Salir de los patrones de siempre",
                "La depresión y la ansiedad pueden atrapar a una pareja en las mismas "
                "reacciones: uno se retira, el otro lo persigue, y los dos se sienten solos. "
                "Con un poco de distancia de esas reacciones, es posible ver el patrón con "
                "más claridad y notar cómo los síntomas han ido moldeando la relación.",
            ),
            (
                "Volver a encontrarse",
                "Sentirse desconectados emocionalmente es común cuando uno o los dos tienen "
                "depresión. Las sesiones les dan un espacio acompañado para intentar "
                "acercarse de nuevo.",
            ),
            (
                "Cuando otros tratamientos no han ayudado lo suficiente",
                "Algunas parejas llegan con nosotros después de años de terapia y de "
                "medicamentos que ayudaron solo en parte. La ketamina se ha estudiado sobre "
                "todo para la depresión que no ha respondido a otros tratamientos, y puede "
                "valer la pena conversarlo si ese es su caso.",
            ),
            (
                "Qué quiere decir \u201cfuera de indicación\u201d (off-label)",
                "La FDA aprobó la ketamina como anestésico. Los médicos pueden, legalmente, "
                "recetar un medicamento aprobado para otros fines cuando lo consideran "
                "apropiado; a esto se le llama uso fuera de indicación. **La FDA no ha "
                "aprobado la ketamina para tratar la depresión, la ansiedad ni ningún otro "
                "trastorno psiquiátrico.** Un medicamento relacionado, la esketamina "
                "(Spravato), sí está aprobado por la FDA para la depresión resistente al "
                "tratamiento y solo se ofrece a través de un programa restringido. Antes de "
                "que decidan nada, les explicaremos lo que esto significa para ustedes.",
            ),
            (
                "Si en este momento algo no se siente seguro",
                "Si usted o su pareja están pensando en el suicidio, llame o envíe un texto "
                "al 988 a cualquier hora (para español, oprima 2). En una emergencia, llame "
                "al 911.",
            ),
        ],
    },
    "page:how-many-sessions": {
        "title": "¿Cuántas sesiones vamos a necesitar?",
        "nav_label": "Cuántas sesiones",
        "lede": "Depende de sus metas y de cómo vayan las cosas. Aquí les mostramos el camino "
        "más común, para que tengan una idea de qué esperar.",
        "seo_title": "¿Cuántas sesiones de terapia de pareja asistida con ketamina?",
        "meta_description": "El número habitual de sesiones de terapia de pareja asistida con "
        "ketamina: preparación, medicamento e integración, por lo general en seis a ocho "
        "meses.",
        "takeaways": [
            "La mayoría de las parejas tiene de 2 a 8 sesiones con medicamento en 6 a 8 "
            "meses; algunas necesitan solo una.",
            "Antes de cada sesión con medicamento hay de 2 a 3 sesiones de preparación.",
            "Después de cada una hay por lo menos una sesión de integración.",
            "En total son más o menos de 5 a 20 citas, y el plan se revisa con ustedes sobre "
            "la marcha.",
        ],
        "sections": [
            (
                "Cada plan es distinto",
                "Cuántas sesiones necesiten depende de la clínica, de lo que quieran cambiar "
                "y de cómo responda cada uno. La imagen de abajo muestra un plan típico; el "
                "suyo puede ser más corto o más largo.",
            ),
            (
                "Lo que influye en el número",
                "- cuánto tiempo llevan las dificultades en la relación y qué tan complejas "
                "son\n"
                "- las necesidades de salud mental de cada uno\n"
                "- cómo responden a las primeras sesiones\n"
                "- las metas que fijen junto con su terapeuta",
            ),
            (
                "Revisamos el plan sobre la marcha",
                "Revisamos el plan con ustedes con regularidad. Agregar sesiones, hacer una "
                "pausa o terminar son opciones, y la decisión siempre es de ustedes.",
            ),
        ],
    },
    "page:key-takeaways-and-faq": {
        "title": "Puntos clave y preguntas frecuentes",
        "nav_label": "Preguntas",
        "lede": "Lo esencial en pocas palabras, y las respuestas a lo que las parejas más nos "
        "preguntan.",
        "seo_title": "Terapia de pareja asistida con ketamina: puntos clave y preguntas",
        "meta_description": "Respuestas breves sobre la terapia de pareja asistida con "
        "ketamina en el Sur de California: a quién puede ayudar, cómo funciona, la seguridad "
        "y cuánto tiempo toma.",
        "takeaways": [
            "Podría ser más útil cuando uno o los dos también viven con una condición de "
            "salud mental.",
            "Combina dosis bajas de ketamina con terapia de pareja para trabajar problemas "
            "de mucho tiempo.",
            "La meta es abrir un breve momento en el que sea más fácil llegar a los "
            "sentimientos profundos.",
            "Muchas personas se sienten más tranquilas durante las sesiones, y eso puede "
            "facilitar una conversación sincera.",
            "Un plan típico tiene de 2 a 8 sesiones con medicamento en 6 a 8 meses, cada una "
            "con preparación antes e integración después.",
        ],
        "faqs": [
            (
                "¿A quién es más probable que le ayude esta terapia?",
                "A parejas que están pasando por un momento difícil en las que uno o los dos "
                "también tienen depresión, ansiedad, TEPT, un problema con el consumo de "
                "sustancias o pensamientos de suicidio, y a parejas a las que les cuesta "
                "mucho abrirse el uno con el otro. Primero, un profesional clínico revisa si "
                "es segura y adecuada para cada uno.",
            ),
            (
                "¿Qué pasa, en concreto, en la terapia de pareja asistida con ketamina?",
                "Trabajan con un terapeuta de pareja a lo largo de cuatro etapas: evaluación, "
                "preparación, sesiones con medicamento e integración. En las sesiones con "
                "medicamento, uno o los dos toman una dosis baja de ketamina en la clínica, "
                "con el terapeuta presente.",
            ),
            (
                "¿Para qué sirve la sesión con medicamento?",
                "La esperanza es abrir un breve momento con las defensas más bajas, para que "
                "los sentimientos y puntos de vista a los que normalmente cuesta llegar se "
                "puedan compartir y trabajar.",
            ),
            (
                "¿Nos vamos a sentir mejor de inmediato?",
                "Muchas personas se sienten más tranquilas y menos ansiosas durante una "
                "sesión, y eso puede facilitar hablar con sinceridad. Los cambios duraderos "
                "suelen venir del trabajo que hacen antes y después, y los resultados varían "
                "de una pareja a otra.",
            ),
            (
                "¿Cuántas sesiones son lo normal?",
                "Por lo general, de 2 a 8 sesiones con medicamento en 6 a 8 meses, cada una "
                "con 2 a 3 sesiones de preparación antes y por lo menos una sesión de "
                "integración después: unas 5 a 20 citas en total. Algunas parejas necesitan "
                "solo una sesión con medicamento.",
            ),
            (
                "¿La FDA aprobó la ketamina para esto?",
                "No. La FDA aprobó la ketamina como anestésico, y aquí se receta fuera de "
                "indicación (off-label). No está aprobada por la FDA para ningún trastorno "
                "psiquiátrico. La esketamina (Spravato), un medicamento relacionado, está "
                "aprobada para la depresión resistente al tratamiento a través de un "
                "programa restringido.",
            ),
            (
                "¿El seguro lo va a pagar?",
                "Por lo general, una parte; rara vez todo. Aceptamos la mayoría de los planes "
                "PPO. Muchos planes pagan parte del costo de las sesiones de terapia y de las "
                "visitas médicas, a menudo por medio de beneficios fuera de la red: ustedes "
                "nos pagan y les damos un *superbill* (un recibo detallado con los códigos "
                "que pide su aseguradora) para que reclamen lo que su plan permita. Los "
                "planes suelen pagar la terapia que trata una condición diagnosticada, así "
                "que es posible que las sesiones de pareja por sí solas no estén cubiertas. "
                "Aquí la ketamina se receta fuera de indicación, por lo que el medicamento y "
                "el tiempo adicional de las sesiones con medicamento por lo general no están "
                "cubiertos. Antes de empezar, revisamos sus beneficios con ustedes y les "
                "damos un cálculo por escrito de lo que pagarían. Nuestra página de "
                "[costo y seguro médico](/es/cost-and-insurance/) lo explica paso a paso.",
            ),
            (
                "¿Lo que les contamos se mantiene en privado?",
                "Sí. Las llamadas y los formularios son confidenciales, y manejamos su "
                "información de salud como lo exige la ley. Encontrarán los detalles en "
                "nuestro [aviso de privacidad](/es/privacy/).",
            ),
        ],
    },
    "page:privacy": {
        "title": "Aviso de privacidad",
        "nav_label": "Privacidad",
        "lede": "Cómo cuidamos lo que comparten con nosotros en este sitio web y durante su "
        "atención.",
        "seo_title": "Aviso de privacidad y Aviso de Prácticas de Privacidad",
        "meta_description": "Cómo protege la clínica la información que ustedes comparten en "
        "este sitio web, y dónde encontrar nuestro Aviso de Prácticas de Privacidad.",
        "sections": [
            (
                "Este sitio web",
                "- No usamos rastreadores de publicidad, servicios de analítica ni fuentes o "
                "scripts de terceros. Todos los archivos de este sitio vienen de nuestro "
                "propio servidor.\n"
                "- Leer estas páginas no les pide ningún dato personal.\n"
                "- Lo que nos envían por los formularios de solicitud o de citas se guarda "
                "cifrado, y solo lo ve el personal que lo necesita para ayudarles.\n"
                "- Nuestros mensajes son breves: nunca incluyen diagnósticos ni detalles del "
                "tratamiento en textos o correos.",
            ),
            (
                "Aviso de Prácticas de Privacidad",
                "Como proveedores de atención médica, debemos proteger su información de "
                "salud según la ley federal (HIPAA) y la ley de California, y entregarles un "
                "Aviso de Prácticas de Privacidad que explica cómo podemos usarla y "
                "compartirla. El aviso completo está en su propia página: "
                "[Aviso de Prácticas de Privacidad](/es/notice-of-privacy-practices/). "
                "También les damos una copia en su primera cita, y pueden pedirla en "
                "cualquier momento llamándonos.\n\n"
                "Según HIPAA, cada uno tiene derecho, entre otras cosas, a:\n\n"
                "- ver y obtener una copia de sus expedientes de salud\n"
                "- pedirnos que los corrijamos\n"
                "- pedirnos que nos comuniquemos con ustedes de cierta manera o en cierto "
                "lugar\n"
                "- pedirnos que limitemos lo que compartimos\n"
                "- obtener una lista de ciertas divulgaciones que hayamos hecho\n"
                "- presentar una queja ante nosotros o ante el Departamento de Salud y "
                "Servicios Humanos de EE. UU. si creen que no se respetaron sus derechos; "
                "no habrá ninguna penalización por quejarse",
            ),
            (
                "Preguntas",
                "Si tienen alguna pregunta sobre su privacidad, llámennos y pidan hablar con "
                "el oficial de privacidad.",
            ),
        ],
    },
    "page:notice-of-privacy-practices": {
        "title": "Aviso de Prácticas de Privacidad",
        "nav_label": "Aviso de Prácticas de Privacidad",
        "lede": "Cómo podemos usar y compartir la información de salud de ustedes, los "
        "derechos que cada uno tiene sobre ella y cómo comunicarse con nosotros o presentar "
        "una queja.",
        "seo_title": "Aviso de Prácticas de Privacidad",
        "meta_description": "Nuestro Aviso de Prácticas de Privacidad (HIPAA): cómo podemos "
        "usar y compartir su información de salud, sus derechos, nuestras obligaciones y "
        "cómo presentar una queja.",
        "sections": [
            (
                "Nuestras obligaciones con ustedes",
                "La información de salud que los identifica es privada, y la ley la protege. "
                "La ley nos obliga a:\n\n"
                "- mantener en privado su información de salud protegida;\n"
                "- entregarles este aviso sobre nuestras obligaciones legales y nuestras "
                "prácticas de privacidad;\n"
                "- cumplir lo que dice el aviso que esté vigente;\n"
                "- avisarles sin demora si ocurre una violación de seguridad que pueda haber "
                "puesto en riesgo la privacidad o la seguridad de su información.\n\n"
                "No usaremos ni compartiremos su información de maneras distintas a las que "
                "se describen aquí, a menos que nos den permiso por escrito.",
            ),
            (
                "Cuando vienen como pareja",
                "En la terapia de pareja, cada uno es paciente y tiene sus propios derechos "
                "según este aviso. Lo que compartan en las sesiones juntos puede quedar "
                "anotado en expedientes que les conciernen a los dos. Al empezar la atención "
                "les explicamos cómo se llevan los expedientes conjuntos e individuales, y "
                "qué compartiremos y qué no entre ustedes, y les pedimos a los dos que estén "
                "de acuerdo. Cualquiera de los dos puede preguntarnos sobre esto en cualquier "
                "momento.",
            ),
            (
                "Cómo usamos y compartimos su información para su atención",
                "Podemos usar y compartir su información de salud sin su permiso por escrito "
                "para estos fines:\n\n"
                "- **Tratamiento.** Para darles atención y coordinarla. Por ejemplo, su "
                "terapeuta y el profesional clínico que los evalúa para el tratamiento con "
                "ketamina comparten información entre sí, y podemos hablar con otro médico "
                "que los esté atendiendo.\n"
                "- **Pago.** Para facturar y recibir el pago de ustedes, de su plan de salud "
                "o de otros. Por ejemplo, le damos a su aseguradora la información que "
                "necesita para pagar sus sesiones, o para confirmar la cobertura antes de "
                "que empiecen.\n"
                "- **Operaciones de atención médica.** Para administrar la clínica y mejorar "
                "la atención. Por ejemplo, podemos revisar expedientes para comprobar la "
                "calidad y la seguridad de nuestros servicios, capacitar al personal o "
                "trabajar con nuestros contadores y abogados.\n\n"
                "También podemos usar su información para recordarles sus citas y para "
                "informarles sobre opciones de tratamiento o servicios que puedan "
                "interesarles. Nuestros recordatorios son breves y nunca mencionan "
                "diagnósticos ni detalles del tratamiento.",
            ),
            (
                "Otras maneras en que podemos usar o compartir su información",
                "La ley permite u obliga a compartir información en algunas otras "
                "situaciones, por lo general solo después de que se cumplen ciertas "
                "condiciones. Entre ellas:\n\n"
                "- **Cuando la ley lo exige**, incluso al Departamento de Salud y Servicios "
                "Humanos de EE. UU. si quiere comprobar que cumplimos la ley de privacidad.\n"
                "- **Salud y seguridad públicas**, por ejemplo para reportar la sospecha de "
                "abuso o negligencia contra un niño, una persona mayor o un adulto "
                "dependiente, reportar reacciones adversas a medicamentos, o prevenir o "
                "reducir una amenaza grave para la salud o la seguridad de cualquier "
                "persona. Si nos cuentan de una amenaza grave de violencia contra una "
                "persona razonablemente identificable, la ley de California puede obligarnos "
                "a avisarle a esa persona y a la policía.\n"
                "- **Supervisión de la salud**, como auditorías, inspecciones y licencias a "
                "cargo de agencias del gobierno.\n"
                "- **Demandas y procesos legales**, en respuesta a una orden judicial y, en "
                "algunos casos, a una citación (subpoena), dentro de los límites de la ley "
                "de California.\n"
                "- **Autoridades policiales**, en los casos limitados que permite la ley.\n"
                "- **Funciones del gobierno**, como actividades militares, de veteranos y de "
                "seguridad nacional, en los casos limitados que permite la ley.\n"
                "- **Reclamos de compensación laboral** (workers' compensation), según lo "
                "permita la ley.\n"
                "- **Médicos forenses, examinadores médicos y directores de funerarias**, y "
                "**donación de órganos y tejidos**, cuando una persona ha fallecido.\n"
                "- **Investigaciones** que cumplen las protecciones legales de privacidad.\n"
                "- **Socios comerciales**: empresas que trabajan para nosotros, como la "
                "facturación o el almacenamiento seguro de expedientes, que deben firmar un "
                "contrato en el que se comprometen a proteger su información.\n\n"
                "**Familiares y amistades.** Con su consentimiento, o si no se oponen cuando "
                "tienen la oportunidad, podemos compartir información con un familiar, una "
                "amistad u otra persona que participe en su atención o en el pago, como "
                "quien los lleva a casa después de una sesión con medicamento. En una "
                "emergencia, o si no pueden dar su consentimiento ni oponerse, podemos "
                "compartir lo que consideremos que es lo mejor para ustedes.",
            ),
            (
                "Protecciones más estrictas que seguimos",
                "Cuando otra ley protege su información de forma más estricta que HIPAA, "
                "seguimos la regla más estricta.\n\n"
                "- **Ley de California.** La Ley de Confidencialidad de la Información "
                "Médica de California (Código Civil, sección 56 y siguientes) y otras leyes "
                "estatales limitan algunos usos y divulgaciones que la ley federal "
                "permitiría. Por ejemplo, no compartimos su información con su empleador ni "
                "la usamos para mercadeo sin su autorización por escrito.\n"
                "- **Notas de psicoterapia.** Las notas personales y aparte que un terapeuta "
                "toma sobre el contenido de sus conversaciones en terapia tienen una "
                "protección adicional. No las usaremos ni compartiremos sin su autorización "
                "por escrito, salvo en los pocos casos que permite la ley, como para "
                "defendernos en un proceso legal que ustedes inicien o para prevenir una "
                "amenaza grave para la salud o la seguridad.\n"
                "- **Expedientes de tratamiento por consumo de sustancias.** Si llevamos "
                "expedientes protegidos por las reglas federales sobre la confidencialidad "
                "del tratamiento de trastornos por consumo de sustancias (42 CFR Parte 2), "
                "también seguimos esas reglas. Esos expedientes, y los testimonios sobre "
                "ellos, no se usarán ni se compartirán en ningún proceso civil, penal, "
                "administrativo o legislativo en su contra, a menos que den su "
                "consentimiento por escrito o que un tribunal emita una orden que cumpla los "
                "requisitos de esas reglas.\n"
                "- **Otra información delicada**, como los resultados de pruebas de VIH y de "
                "pruebas genéticas, tiene protección adicional según la ley de California, y "
                "solo la compartimos como esa ley lo permite.",
            ),
            (
                "Usos que necesitan su permiso por escrito",
                "Necesitamos su autorización por escrito antes de:\n\n"
                "- usar o compartir notas de psicoterapia, salvo como se describe arriba;\n"
                "- usar o compartir su información para mercadeo;\n"
                "- vender su información (no vendemos información de salud);\n"
                "- usarla o compartirla para cualquier otro fin que no se describa en este "
                "aviso.\n\n"
                "Pueden retirar (revocar) una autorización en cualquier momento "
                "avisándonos por escrito. Revocarla detiene los usos y divulgaciones "
                "futuros, pero no puede deshacer lo que ya compartimos mientras estaba "
                "vigente.",
            ),
            (
                "Sus derechos",
                "Cada uno de ustedes tiene derecho a:\n\n"
                "- **Ver y obtener una copia de sus expedientes.** Pidan ver u obtener una "
                "copia, en papel o en formato electrónico, de los expedientes de salud y de "
                "facturación que tenemos sobre ustedes. Por lo general respondemos en un "
                "plazo de 30 días y podemos cobrar una tarifa razonable basada en el costo. "
                "En casos poco comunes, la ley nos permite negar parte de una solicitud; les "
                "diremos por escrito por qué y cómo pedir una revisión.\n"
                "- **Pedirnos que corrijamos sus expedientes.** Si creen que hay información "
                "incorrecta o incompleta, pídannos que la modifiquemos. Podemos decir que "
                "no, pero les diremos por escrito por qué en un plazo de 60 días, y ustedes "
                "pueden agregar una declaración de desacuerdo.\n"
                "- **Obtener una lista de divulgaciones.** Pidan una lista (un registro) de "
                "las veces que compartimos su información en los seis años anteriores a su "
                "solicitud, con quién y por qué. No incluirá lo compartido para tratamiento, "
                "pago y operaciones, ni lo que ustedes autorizaron. La primera lista en "
                "cualquier período de 12 meses es gratuita.\n"
                "- **Pedirnos que limitemos lo que usamos o compartimos.** Pueden pedirnos "
                "que no usemos ni compartamos cierta información. No estamos obligados a "
                "aceptar, salvo que, si pagan un servicio por completo de su bolsillo, "
                "debemos aceptar no compartir información sobre ese servicio con su plan de "
                "salud para fines de pago u operaciones, a menos que la ley nos obligue.\n"
                "- **Pedir comunicaciones confidenciales.** Pídannos que nos comuniquemos "
                "con ustedes de cierta manera (por ejemplo, solo a su celular) o en otra "
                "dirección. Aceptaremos todas las peticiones razonables y no les "
                "preguntaremos por qué.\n"
                "- **Obtener una copia en papel de este aviso** en cualquier momento, aunque "
                "hayan aceptado recibirlo en formato electrónico.\n"
                "- **Elegir a alguien que actúe en su nombre.** Si le han dado a alguien un "
                "poder notarial para asuntos médicos, o si alguien es su tutor legal, esa "
                "persona puede ejercer sus derechos. Primero comprobaremos su autoridad.\n"
                "- **Recibir aviso de una violación de seguridad.** Les avisaremos si ocurre "
                "una violación que pueda haber puesto en riesgo la privacidad o la seguridad "
                "de su información.\n\n"
                "Para ejercer cualquiera de estos derechos, comuníquense con nuestro Oficial "
                "de Privacidad (los datos están más abajo). Es posible que les pidamos hacer "
                "algunas solicitudes por escrito.",
            ),
            (
                "Quejas",
                "Si creen que se violaron sus derechos de privacidad, pueden presentarnos "
                "una queja comunicándose con nuestro Oficial de Privacidad (los datos están "
                "más abajo).\n\n"
                "También pueden presentar una queja ante la Oficina de Derechos Civiles del "
                "Departamento de Salud y Servicios Humanos de EE. UU.: por internet en "
                "[hhs.gov/ocr/complaints](https://www.hhs.gov/ocr/complaints/index.html), "
                "llamando al [1-877-696-6775](tel:+18776966775) o por correo a 200 "
                "Independence Avenue S.W., Washington, D.C. 20201.\n\n"
                "**No tomaremos represalias contra ustedes** ni los trataremos de manera "
                "diferente por presentar una queja.",
            ),
            (
                "Cambios a este aviso",
                "Podemos cambiar los términos de este aviso, y los cambios se aplicarán a "
                "toda la información que tengamos sobre ustedes. El nuevo aviso se publicará "
                "en esta página y en nuestra oficina, con su fecha de vigencia, y pueden "
                "pedirnos una copia.",
            ),
        ],
    },
}
