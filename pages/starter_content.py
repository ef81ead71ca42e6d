"""Starter copy for the public pages, written for this project.

Loaded once by `manage.py seed_content`; after that the words belong to the clinic's staff,
who change them in admin. Facts come from the clinic's brief; claims are kept careful
("may", "some couples") because the research is young. Every resource is a real, checkable
publication or service. Medical review fields are left empty on purpose: a named clinician
must review each page before the site may say it was reviewed.
"""

# Accurate for an off-label treatment (issue 12): insurance pays part, rarely all. The
# "Cost and insurance" page goes into detail; this is the short answer in the FAQ.
INSURANCE_ANSWER = (
    "Usually for part of it, rarely for all of it. We accept most PPO plans. Many plans pay "
    "part of the cost of therapy sessions and medical visits, often through out-of-network "
    "benefits: you pay us, and we give you a superbill (an itemized receipt with the codes "
    "your insurer asks for) so you can claim back what your plan allows. Plans usually pay "
    "for therapy that treats a diagnosed condition, so couples sessions on their own may not "
    "be covered. Ketamine is prescribed off-label here, so the medicine and the extra time of "
    "medicine sessions are usually not covered. Before you start, we check your benefits "
    "with you and give you a written estimate of what you would pay. Our "
    "[cost and insurance page](/cost-and-insurance/) goes through it step by step."
)

RESOURCES = {
    "khalifian2024": {
        "title": "A novel framework for ketamine-assisted couple therapy",
        "publisher": "Frontiers in Psychiatry (Khalifian C, Rashkovsky K, Mitchell E, et al.)",
        "year": 2024,
        "url": "https://doi.org/10.3389/fpsyt.2024.1376646",
    },
    "mathai2022": {
        "title": "Toward synergies of ketamine and psychotherapy",
        "publisher": "Frontiers in Psychology (Mathai DS, Mora V, Garcia-Romeu A)",
        "year": 2022,
        "url": "https://doi.org/10.3389/fpsyg.2022.868103",
    },
    "sanacora2017": {
        "title": "A consensus statement on the use of ketamine in the treatment of mood disorders",
        "publisher": "JAMA Psychiatry (Sanacora G, Frye MA, McDonald W, et al.)",
        "year": 2017,
        "url": "https://doi.org/10.1001/jamapsychiatry.2017.0080",
    },
    "whisman2007": {
        "title": "Marital distress and DSM-IV psychiatric disorders in a population-based "
        "national survey",
        "publisher": "Journal of Abnormal Psychology (Whisman MA)",
        "year": 2007,
        "url": "https://doi.org/10.1037/0021-843X.116.3.638",
    },
    "fda_compounded_2023": {
        "title": "FDA warns patients and health care providers about potential risks associated "
        "with compounded ketamine products, including oral formulations, for the treatment of "
        "psychiatric disorders (October 10, 2023)",
        "publisher": "U.S. Food and Drug Administration",
        "year": 2023,
        "url": "https://www.fda.gov/drugs/human-drug-compounding/fda-warns-patients-and-health-"
        "care-providers-about-potential-risks-associated-compounded-ketamine",
    },
    "fda_spravato_2019": {
        "title": "FDA approves new nasal spray medication for treatment-resistant depression; "
        "available only at a certified doctor's office or clinic",
        "publisher": "U.S. Food and Drug Administration",
        "year": 2019,
        "url": "https://www.fda.gov/news-events/press-announcements/fda-approves-new-nasal-"
        "spray-medication-treatment-resistant-depression-available-only-certified",
    },
    "lifeline988": {
        "title": "988 Suicide & Crisis Lifeline: call or text 988, or chat online",
        "publisher": "988 Lifeline",
        "year": None,
        "url": "https://988lifeline.org/",
    },
    "veterans_crisis_line": {
        "title": "Veterans Crisis Line: dial 988 then press 1, or text 838255",
        "publisher": "U.S. Department of Veterans Affairs",
        "year": None,
        "url": "https://www.veteranscrisisline.net/",
    },
    "hhs_hipaa_rights": {
        "title": "Your rights under HIPAA",
        "publisher": "U.S. Department of Health and Human Services",
        "year": None,
        "url": "https://www.hhs.gov/hipaa/for-individuals/guidance-materials-for-consumers/index.html",
    },
    "hhs_npp_guidance": {
        "title": "Notice of Privacy Practices for protected health information",
        "publisher": "U.S. Department of Health and Human Services, Office for Civil Rights",
        "year": None,
        "url": "https://www.hhs.gov/hipaa/for-professionals/privacy/guidance/"
        "privacy-practices-for-protected-health-information/index.html",
    },
    "hhs_complaint": {
        "title": "Filing a HIPAA complaint",
        "publisher": "U.S. Department of Health and Human Services, Office for Civil Rights",
        "year": None,
        "url": "https://www.hhs.gov/hipaa/filing-a-complaint/index.html",
    },
}

# Only the fee the clinic has published (the free first call); staff add the others in the
# admin (Fees), and the cost page lists exactly what they enter.
FEES = {
    "first-call": {
        "name": "First phone call",
        "amount": "Free",
        "note": "About 15 minutes; no commitment",
        "name_es": "Primera llamada telefónica",
        "note_es": "Unos 15 minutos; sin compromiso",
        "amount_es": "Gratis",
        "position": 1,
    },
}

_TOPIC_REVIEW = {"needs_medical_review": True}

PAGES = [
    {
        "key": "page:home",
        "kind": "home",
        "slug": "home",
        "title": "Ketamine-assisted couples therapy in Southern California",
        "nav_label": "Home",
        "nav_order": 0,
        "lede": "When the same arguments keep coming back, and depression or anxiety is part "
        "of the picture, it can feel as if nothing reaches the two of you any more. We offer "
        "a carefully supervised way to try again, together.",
        "seo_title": "Ketamine-assisted couples therapy, Southern California",
        "meta_description": "Couples therapy supported by low-dose ketamine, with careful "
        "medical screening, in Southern California. Confidential inquiries; most PPO plans "
        "accepted.",
        **_TOPIC_REVIEW,
        "takeaways": [
            "Talk therapy for both of you, with a low dose of ketamine at planned moments.",
            "A clinician checks first whether it is safe and suitable for each partner.",
            "Medicine sessions happen in our clinic, with a trained therapist in the room.",
            "Ketamine is used off-label here: it is not FDA-approved for psychiatric conditions.",
        ],
        "sections": [
            (
                "Who we are",
                "We are a mental health clinic in Southern California, serving couples in "
                "Orange County and nearby. We work with couples who feel stuck, and with the "
                "low moods, worry or trauma that often travel alongside relationship pain."
                "\n\n"
                "New patients are welcome. You do not need a referral to ask a question.",
            ),
            (
                "What happens when you get in touch",
                "1. **You reach out** by phone or through the confidential "
                "[inquiry form](/inquiry/).\n"
                "2. **We talk with you**, listen to what is going on and answer questions. "
                "There is no pressure to go further.\n"
                "3. **A clinician assesses each partner** to see whether this kind of care "
                "is safe and a good fit. If it is not, we will help you find something that "
                "is.\n\n"
                "Everything you tell us is kept confidential.",
            ),
        ],
        "related": [],
    },
    {
        "key": "page:who-can-benefit",
        "kind": "topic",
        "slug": "who-can-benefit",
        "title": "Who might benefit from ketamine-assisted couples therapy?",
        "nav_label": "Who it can help",
        "nav_order": 10,
        "lede": "This approach is meant for couples in real distress, especially when one or "
        "both partners are also living with a mental health condition.",
        "seo_title": "Who ketamine-assisted couples therapy may help",
        "meta_description": "Which couples may be a good fit for ketamine-assisted couples "
        "therapy, including partners living with depression, anxiety, PTSD or trauma.",
        **_TOPIC_REVIEW,
        "takeaways": [
            "It is aimed at couples whose relationship struggles sit alongside depression, "
            "anxiety, PTSD, substance use or thoughts of suicide.",
            "Veterans and military couples affected by combat trauma may be a good fit.",
            "It is not right for everyone: a clinician assesses each partner first.",
        ],
        "sections": [
            (
                "Couples carrying more than relationship stress",
                "Relationship distress rarely arrives on its own. Researchers have long "
                "noted that unhappy relationships and conditions such as depression tend to "
                "feed each other.\n\n"
                "Ketamine-assisted couples therapy is being explored for couples where one "
                "or both partners also live with:\n\n"
                "- depression\n"
                "- anxiety\n"
                "- post-traumatic stress (PTSD)\n"
                "- a substance use disorder\n"
                "- thoughts of suicide\n\n"
                "Some of these, such as a current substance use problem, need extra care "
                "before ketamine can be considered. Our assessment looks at this closely.",
            ),
            (
                "Veterans and military couples",
                "Combat-related trauma can make closeness feel unsafe, even with someone you "
                "love. For some veteran and military couples, treating the trauma symptoms "
                "and working on the relationship at the same time may help both.\n\n"
                "If you are a veteran in crisis, dial 988 and press 1 to reach the Veterans "
                "Crisis Line at any hour.",
            ),
            (
                "Couples who find it hard to open up",
                "You do not need a diagnosis to be struggling. Some couples come to us "
                "because:\n\n"
                "- conversations turn into the same argument every time\n"
                "- it feels risky to show each other how you really feel\n"
                "- you have drifted apart emotionally and do not know how to reach back",
            ),
            (
                "Why ketamine might help",
                "Researchers have proposed several ways that ketamine, given in a "
                "supervised setting, could support couples work. These are ideas still "
                "being studied, not proven facts:\n\n"
                "- **Neuroplasticity.** The brain may become more able to form new patterns "
                "for a while.\n"
                "- **Changed connectivity.** Brain networks may talk to each other "
                "differently, loosening habitual ways of reacting.\n"
                "- **Helpful distance.** A mild sense of detachment can make painful topics "
                "easier to look at.\n"
                "- **Lower guard.** Partners may feel less inhibited and less inclined to "
                "avoid hard subjects.\n\n"
                "Together these may make it easier to understand each other's point of "
                "view, to feel empathy and to stay in a difficult conversation.",
            ),
            (
                "When it may not be the right choice",
                "Ketamine is not safe for everyone. A history of psychosis, some heart and "
                "blood-pressure conditions, pregnancy, and some medicines can rule it out "
                "or call for extra care. If there are safety concerns in the relationship, "
                "couples work may not be the right starting point. Your clinician will talk "
                "this through with each of you, privately as well as together.",
            ),
        ],
        "resources": ["khalifian2024", "whisman2007", "veterans_crisis_line"],
        "related": ["page:what-it-is", "page:depression-and-anxiety"],
    },
    {
        "key": "page:what-it-is",
        "kind": "topic",
        "slug": "what-it-is",
        "title": "What ketamine-assisted couples therapy involves",
        "nav_label": "What it is",
        "nav_order": 20,
        "lede": "It is couples therapy, first and foremost. At planned points, one or both "
        "partners take a low dose of ketamine in our clinic while a trained therapist "
        "stays with you.",
        "seo_title": "What ketamine-assisted couples therapy is",
        "meta_description": "How ketamine-assisted couples therapy works: assessment, "
        "preparation, supervised medicine sessions and integration, in a clinic setting.",
        **_TOPIC_REVIEW,
        "takeaways": [
            "Talk therapy is the heart of it; ketamine supports the work at a few moments.",
            "There are four phases: assessment, preparation, medicine sessions, integration.",
            "Medicine sessions happen in the clinic, never at home, with a therapist present.",
        ],
        "sections": [
            (
                "The idea in plain words",
                "Long-running relationship problems often come with a wall of "
                "defensiveness. A low dose of ketamine, given with care, may lower that "
                "wall for a few hours. The hope is that in that window you can listen, "
                "speak and feel more openly, and then carry what you learn into everyday "
                "life with your therapist's help.",
            ),
            (
                "The four phases",
                "1. **Assessment.** A clinician gets to know each of you, checks your "
                "health and decides with you whether this care is suitable.\n"
                "2. **Preparation.** Sessions with your therapist to set goals, build "
                "trust and know what to expect.\n"
                "3. **Medicine sessions.** Ketamine is given in the clinic. Your therapist "
                "is there throughout and helps you talk as the effects fade.\n"
                "4. **Integration.** Follow-up sessions to make sense of what came up and "
                "turn it into changes you can keep.",
            ),
            (
                "One partner or both",
                "There are two ways to hold a medicine session:\n\n"
                "- **One partner takes ketamine** while the other stays clear-headed and "
                "offers support.\n"
                "- **Both partners take ketamine** in the same session.\n\n"
                "Which is right depends on your health, your goals and what your clinician "
                "recommends.",
            ),
            (
                "Safety comes first",
                "Ketamine can raise blood pressure and cause short-lived dizziness, nausea "
                "or a dreamlike feeling. That is why it is only given here, with monitoring, "
                "and why you will need someone to drive you home. In 2023 the FDA warned "
                "about ketamine taken at home without monitoring; we do not offer that.",
            ),
        ],
        "resources": ["khalifian2024", "mathai2022", "fda_compounded_2023"],
        "related": ["page:how-it-differs", "page:how-many-sessions"],
    },
    {
        "key": "page:how-it-differs",
        "kind": "topic",
        "slug": "how-it-differs",
        "title": "How is it different from traditional couples counseling?",
        "nav_label": "How it differs",
        "nav_order": 30,
        "lede": "Both are forms of couples therapy. The difference is in how emotions are "
        "reached, how sessions are arranged and how quickly defences may soften.",
        "seo_title": "Ketamine-assisted vs traditional couples counseling",
        "meta_description": "Four ways ketamine-assisted couples therapy differs from "
        "traditional couples counseling, and why it is still an emerging approach.",
        **_TOPIC_REVIEW,
        "takeaways": [
            "Traditional counseling works mostly through thinking and behaviour.",
            "Ketamine-assisted work also aims to reach feelings more directly.",
            "It follows a set of phases rather than the same weekly format.",
            "It is new: choose qualified professionals who check suitability first.",
        ],
        "sections": [
            (
                "What drives the change",
                "In traditional counseling, change comes from conversation, insight and new "
                "habits practised between sessions. Ketamine-assisted therapy keeps all of "
                "that and adds a medicine that may, for a short time, make the brain more "
                "open to new patterns.",
            ),
            (
                "How feelings are reached",
                "Much of traditional couples work is cognitive and behavioural: noticing "
                "thoughts, learning skills, changing routines. In ketamine-assisted "
                "sessions, partners often describe reaching feelings that are usually hard "
                "to get to, which can then be explored with the therapist.",
            ),
            (
                "How sessions are arranged",
                "Traditional counseling usually means a steady rhythm of talk sessions. "
                "Ketamine-assisted therapy moves through phases: assessment, preparation, "
                "medicine sessions and integration. Each medicine session is planned well "
                "ahead.",
            ),
            (
                "How quickly defences may soften",
                "Building enough trust to lower your guard can take a long time in regular "
                "therapy. The altered state ketamine brings may ease that guard sooner for "
                "some couples. It does not do the work for you; it may make the work easier "
                "to begin.",
            ),
            (
                "Still an emerging field",
                "Research on ketamine in couples therapy is at an early stage. Please work "
                "only with qualified professionals who assess each partner and are honest "
                "about what is and is not known.",
            ),
        ],
        "resources": ["khalifian2024", "mathai2022"],
        "related": ["page:what-it-is", "page:who-can-benefit"],
    },
    {
        "key": "page:depression-and-anxiety",
        "kind": "topic",
        "slug": "depression-and-anxiety",
        "title": "Can it help couples living with depression or anxiety?",
        "nav_label": "Depression and anxiety",
        "nav_order": 40,
        "lede": "Depression and anxiety affect both partners, not only the person who has "
        "them. This approach looks after the symptoms and the relationship together.",
        "seo_title": "Couples, depression and anxiety: ketamine-assisted therapy",
        "meta_description": "How ketamine-assisted couples therapy may help when depression or "
        "anxiety strains a relationship, and what off-label use of ketamine means.",
        **_TOPIC_REVIEW,
        "takeaways": [
            "Anxiety often eases during a supervised session, which can make talking easier.",
            "It may help partners step out of fixed patterns and reconnect.",
            "Ketamine is prescribed off-label for these uses; it is not FDA-approved for them.",
        ],
        "sections": [
            (
                "Calmer sessions",
                "Many people feel more relaxed and less anxious during a ketamine session. "
                "That calm can make it easier for both partners to take part fully, rather "
                "than bracing for the next hard moment.",
            ),
            (
                "Stepping out of the usual patterns",
                "Depression and anxiety can lock a couple into the same reactions: one "
                "withdraws, the other pursues, and both feel alone. With a little distance "
                "from those reactions, partners may see the pattern more clearly and notice "
                "how symptoms have been shaping the relationship.",
            ),
            (
                "Finding each other again",
                "Feeling emotionally cut off is common when one or both partners are "
                "depressed. Sessions give you a supported space to try reaching each other "
                "again.",
            ),
            (
                "When other treatment has not helped enough",
                "Some couples come to us after years of therapy and medicines that helped "
                "only partly. Ketamine has been studied most for depression that has not "
                "responded to other treatment, and it may be worth discussing if that is "
                "your situation.",
            ),
            (
                "What \u201coff-label\u201d means",
                "Ketamine is FDA-approved as an anesthetic. Doctors may legally prescribe an "
                "approved medicine for other purposes when they judge it appropriate; this "
                "is called off-label use. **Ketamine is not FDA-approved to treat "
                "depression, anxiety or any other psychiatric disorder.** A related "
                "medicine, esketamine (Spravato), is FDA-approved for treatment-resistant "
                "depression and is available only through a restricted program. We will "
                "explain what this means for you before you decide anything.",
            ),
            (
                "If things feel unsafe right now",
                "If you or your partner are thinking about suicide, call or text 988 at any "
                "time. In an emergency, call 911.",
            ),
        ],
        "resources": [
            "sanacora2017",
            "fda_spravato_2019",
            "fda_compounded_2023",
            "lifeline988",
        ],
        "related": ["page:who-can-benefit", "page:how-many-sessions"],
    },
    {
        "key": "page:how-many-sessions",
        "kind": "topic",
        "slug": "how-many-sessions",
        "title": "How many sessions will we need?",
        "nav_label": "How many sessions",
        "nav_order": 50,
        "lede": "It depends on your goals and on how things go. Here is the usual shape of "
        "the journey, so you know roughly what to expect.",
        "seo_title": "How many ketamine-assisted couples therapy sessions?",
        "meta_description": "The usual number of ketamine-assisted couples therapy sessions: "
        "preparation, medicine and integration, typically over six to eight months.",
        **_TOPIC_REVIEW,
        "journey": True,
        "takeaways": [
            "Most couples have 2 to 8 medicine sessions over 6 to 8 months; some need one.",
            "Each medicine session has 2 to 3 preparation sessions before it.",
            "Each is followed by at least one integration session.",
            "That adds up to roughly 5 to 20 appointments, reviewed with you as you go.",
        ],
        "sections": [
            (
                "Every plan is different",
                "How many sessions you need depends on the clinic, on what you hope to "
                "change and on how each of you responds. The picture below shows a typical "
                "plan; yours may be shorter or longer.",
            ),
            (
                "What shapes the number",
                "- how long-standing and complex the relationship difficulties are\n"
                "- each partner's own mental health needs\n"
                "- how you respond to the first sessions\n"
                "- the goals you set together with your therapist",
            ),
            (
                "Checking in as you go",
                "We review the plan with you regularly. Adding sessions, pausing or "
                "stopping are all options, and the choice is always yours.",
            ),
        ],
        "resources": ["khalifian2024"],
        "related": ["page:what-it-is", "page:key-takeaways-and-faq"],
    },
    {
        "key": "page:key-takeaways-and-faq",
        "kind": "topic",
        "slug": "key-takeaways-and-faq",
        "title": "Key takeaways and common questions",
        "nav_label": "Questions",
        "nav_order": 60,
        "lede": "The short version, and answers to what couples ask us most.",
        "seo_title": "Ketamine-assisted couples therapy: key points and FAQ",
        "meta_description": "Short answers about ketamine-assisted couples therapy in "
        "Southern California: who it may help, how it works, safety and how long it takes.",
        **_TOPIC_REVIEW,
        "takeaways": [
            "It may be most useful when one or both partners also live with a mental health "
            "condition.",
            "It pairs low-dose ketamine with couples talk therapy to work on long-standing "
            "problems.",
            "The aim is a short window in which deeper feelings are easier to reach.",
            "Many people feel calmer during sessions, which can make honest talk easier.",
            "A typical plan is 2 to 8 medicine sessions over 6 to 8 months, each with "
            "preparation before and integration after.",
        ],
        "sections": [],
        "faqs": [
            (
                "Who is this therapy most likely to help?",
                "Couples in distress where one or both partners also have depression, "
                "anxiety, PTSD, a substance use problem or thoughts of suicide, and "
                "couples who find it very hard to open up to each other. A clinician "
                "checks first whether it is safe and suitable for each of you.",
            ),
            (
                "What actually happens in ketamine-assisted couples therapy?",
                "You work with a couples therapist through four phases: assessment, "
                "preparation, medicine sessions and integration. In medicine sessions, one "
                "or both of you take a low dose of ketamine in the clinic with the "
                "therapist present.",
            ),
            (
                "What is the medicine session meant to do?",
                "The hope is to open a short window in which defences are lower, so that "
                "feelings and perspectives that are usually hard to reach can be shared "
                "and worked with.",
            ),
            (
                "Will we feel better straight away?",
                "Many people feel calmer and less anxious during a session, which can make "
                "it easier to talk honestly. Lasting change usually comes from the work you "
                "do before and after, and results differ from couple to couple.",
            ),
            (
                "How many sessions are usual?",
                "Typically 2 to 8 medicine sessions over 6 to 8 months, each with 2 to 3 "
                "preparation sessions before and at least one integration session after: "
                "about 5 to 20 appointments in all. Some couples need only one medicine "
                "session.",
            ),
            (
                "Is ketamine FDA-approved for this?",
                "No. Ketamine is FDA-approved as an anesthetic and is prescribed off-label "
                "here. It is not FDA-approved for any psychiatric disorder. Esketamine "
                "(Spravato), a related medicine, is approved for treatment-resistant "
                "depression through a restricted program.",
            ),
            (
                "Will insurance pay for it?",
                INSURANCE_ANSWER,
            ),
            (
                "Is what we tell you kept private?",
                "Yes. Calls and forms are confidential, and we handle your health "
                "information as the law requires. See our [privacy notice](/privacy/) for "
                "details.",
            ),
        ],
        "resources": ["khalifian2024", "sanacora2017", "fda_compounded_2023", "lifeline988"],
        "related": ["page:what-it-is", "page:how-many-sessions"],
    },
    {
        "key": "page:cost-and-insurance",
        "kind": "cost",
        "slug": "cost-and-insurance",
        "title": "Cost and insurance",
        "nav_label": "Cost",
        "nav_order": 70,
        "lede": "What we charge, how PPO insurance may help, and what plans often leave out. "
        "We go through the numbers with you before anything is booked.",
        "seo_title": "Cost and insurance for ketamine-assisted couples therapy",
        "meta_description": "Our fees, PPO out-of-network benefits, superbills and what "
        "insurance usually does not cover, explained plainly.",
        "needs_medical_review": False,
        "staff_note": "The fee table comes from Fees in the admin. Keep this page free of "
        "promises: what a plan pays depends on the plan.",
        "sections": [
            (
                "Using a PPO plan",
                "We accept most PPO insurance plans. Many PPO plans also have "
                "*out-of-network* benefits that pay back part of what you spend with a "
                "clinician outside their network, often once a yearly deductible is met. "
                "Some couples find their plan covers much of the cost, even all of it; for "
                "others it pays little or nothing. We are glad to help you check.\n\n"
                "Questions worth asking your insurer:\n\n"
                "- Do we have out-of-network benefits for mental health care?\n"
                "- How much is the deductible, and how much of it is already met?\n"
                "- What share of the cost is paid back, and up to what amount?\n"
                "- Is couples or family therapy covered, and does it need approval first?",
            ),
            (
                "Superbills",
                "A superbill is a detailed receipt with the codes an insurer asks for. If we "
                "are out of network for your plan, we can give you one after each paid "
                "visit, and you send it to your insurer to claim what your plan pays back.",
            ),
            (
                "What insurance usually does not cover",
                "- The ketamine itself and the time of a medicine session are often not "
                "covered, because the medicine is used off-label.\n"
                "- Couples therapy on its own, when neither partner has a diagnosis that "
                "the plan recognises.\n"
                "- Missed appointments and late cancellations.\n\n"
                "Plans differ, so please treat this as a guide, not a promise.",
            ),
            (
                "Paying for yourselves",
                "You may be able to use a health savings account (HSA) or flexible spending "
                "account (FSA); your plan's administrator can confirm. If you pay for "
                "yourselves or have no insurance, you have the right to a written Good "
                "Faith Estimate of the expected charges before your care begins.",
            ),
        ],
        "faqs": [
            (
                "Will our insurance pay for all of it?",
                "It may, but we cannot know until we have checked your plan. Call us or "
                "mention your insurer in your [inquiry](/inquiry/), and we will go "
                "through it with you.",
            ),
            (
                "Is the first phone call free?",
                "Yes, the short first phone call costs nothing and commits you to nothing.",
            ),
        ],
        "related": ["page:how-many-sessions", "page:key-takeaways-and-faq"],
    },
    {
        "key": "page:privacy",
        "kind": "privacy",
        "slug": "privacy",
        "title": "Privacy notice",
        "nav_label": "Privacy",
        "nav_order": 90,
        "show_in_nav": False,
        "lede": "How we look after what you share with us on this website and in our care.",
        "seo_title": "Privacy notice and Notice of Privacy Practices",
        "meta_description": "How the clinic protects the information you share through this "
        "website, and where to find our Notice of Privacy Practices.",
        "needs_medical_review": False,
        "sections": [
            (
                "This website",
                "- We do not use advertising trackers, analytics services or third-party "
                "fonts or scripts. Every file on this site comes from our own server.\n"
                "- Reading these pages does not ask you for any personal information.\n"
                "- What you send through the inquiry or booking forms is encrypted when we "
                "store it and is seen only by staff who need it to help you.\n"
                "- We keep messages to you brief: no diagnoses or treatment details in "
                "texts or emails.",
            ),
            (
                "Notice of Privacy Practices",
                "As a health-care provider we must protect your health information under "
                "federal law (HIPAA) and California law, and give you a Notice of Privacy "
                "Practices explaining how we may use and share it. The full notice is on "
                "its own page: [Notice of Privacy Practices](/notice-of-privacy-practices/). "
                "We also give you a copy at your first appointment, and you can ask for one "
                "at any time by calling us.\n\n"
                "Under HIPAA you have the right, among others, to:\n\n"
                "- see and get a copy of your health records\n"
                "- ask us to correct them\n"
                "- ask us to contact you in a particular way or at a particular place\n"
                "- ask us to limit what we share\n"
                "- get a list of certain disclosures we have made\n"
                "- complain to us or to the U.S. Department of Health and Human Services if "
                "you think your rights were not respected; you will not be penalised for "
                "complaining",
            ),
            (
                "Questions",
                "If you have a question about your privacy, call us and ask for the privacy "
                "officer.",
            ),
        ],
        "resources": ["hhs_hipaa_rights", "hhs_complaint"],
        "related": ["page:notice-of-privacy-practices"],
    },
    {
        "key": "page:notice-of-privacy-practices",
        "kind": "privacy_practices",
        "slug": "notice-of-privacy-practices",
        "title": "Notice of Privacy Practices",
        "nav_label": "Notice of Privacy Practices",
        "nav_order": 95,
        "show_in_nav": False,
        "lede": "How we may use and share health information about you and your partner, the "
        "rights each of you has over it, and how to reach us or complain.",
        "seo_title": "Notice of Privacy Practices",
        "meta_description": "Our HIPAA Notice of Privacy Practices: how we may use and share "
        "your health information, your rights, our duties, and how to complain.",
        "needs_medical_review": False,
        "effective_on_seeding": True,
        "staff_note": "STARTER TEXT FOR COUNSEL REVIEW. This notice was written as a starting "
        "point, not as legal advice. Before relying on it, have the clinic's privacy or "
        "health-care counsel review it and confirm, at least: (1) the Privacy Officer's title "
        "and the contact details in Site settings; (2) whether the clinic creates or receives "
        "substance use disorder records covered by 42 CFR Part 2, and the Part 2 wording "
        "required if it does; (3) the California rules that apply (CMIA, mental health and "
        "minors' records); (4) how joint couples-session records are handled; (5) the "
        "effective date. Change the effective date whenever the notice is revised, keep "
        "copies of every version for six years, and give the revised notice to patients as "
        "the law requires. Delete this note once counsel has approved the text.",
        "sections": [
            (
                "Our duties to you",
                "Health information that identifies you is private, and the law protects "
                "it. We are required by law to:\n\n"
                "- keep your protected health information private;\n"
                "- give you this notice of our legal duties and privacy practices;\n"
                "- follow the terms of the notice that is currently in effect;\n"
                "- tell you promptly if a breach occurs that may have compromised the "
                "privacy or security of your information.\n\n"
                "We will not use or share your information other than as described here "
                "unless you tell us we can in writing.",
            ),
            (
                "When you come to us as a couple",
                "In couples therapy each partner is a patient with their own rights under "
                "this notice. Information you share in joint sessions may be recorded in "
                "records that concern you both. At the start of care we explain how joint "
                "and individual records are kept, and what we will and will not share "
                "between partners, and we ask you both to agree to it. Either of you can "
                "ask us about this at any time.",
            ),
            (
                "How we use and share your information for your care",
                "We may use and share your health information without your written "
                "permission for these purposes:\n\n"
                "- **Treatment.** To provide and coordinate your care. For example, your "
                "therapist and the clinician who assesses you for ketamine treatment share "
                "information with each other, and we may talk with another doctor who is "
                "treating you.\n"
                "- **Payment.** To bill and get paid by you, your health plan or others. For "
                "example, we give your insurer the information it needs to pay for your "
                "sessions, or to confirm coverage before you start.\n"
                "- **Health care operations.** To run our clinic and improve care. For "
                "example, we may review records to check the quality and safety of our "
                "services, train staff, or work with our accountants and lawyers.\n\n"
                "We may also use your information to remind you of appointments, and to tell "
                "you about treatment options or services that may interest you. Our "
                "reminders are kept brief and never mention diagnoses or treatment details.",
            ),
            (
                "Other ways we may use or share your information",
                "The law allows or requires us to share information in some other "
                "situations, usually only after certain conditions are met. These "
                "include:\n\n"
                "- **When the law requires it**, including to the U.S. Department of Health "
                "and Human Services if it wants to check that we are complying with privacy "
                "law.\n"
                "- **Public health and safety**, such as reporting suspected abuse or "
                "neglect of a child, an elder or a dependent adult, reporting adverse "
                "reactions to medicines, or preventing or reducing a serious threat to "
                "anyone's health or safety. If you tell us of a serious threat of violence "
                "against a reasonably identifiable person, California law may require us to "
                "warn that person and the police.\n"
                "- **Health oversight**, such as audits, inspections and licensing by "
                "government agencies.\n"
                "- **Lawsuits and legal actions**, in response to a court order, and in "
                "some cases to a subpoena, within the limits of California law.\n"
                "- **Law enforcement**, in limited cases allowed by law.\n"
                "- **Government functions**, such as military, veterans and national "
                "security activities, in the limited cases the law allows.\n"
                "- **Workers' compensation** claims, as the law allows.\n"
                "- **Coroners, medical examiners and funeral directors**, and **organ and "
                "tissue donation**, when someone has died.\n"
                "- **Research** that meets legal privacy safeguards.\n"
                "- **Business associates**: companies that do work for us, such as billing "
                "or secure record storage, which must sign a contract promising to protect "
                "your information.\n\n"
                "**Family and friends.** With your agreement, or if you do not object when "
                "you have the chance, we may share information with a family member, friend "
                "or other person involved in your care or in paying for it, such as the "
                "person who drives you home after a medicine session. In an emergency, or "
                "if you cannot agree or object, we may share what we judge to be in your "
                "best interest.",
            ),
            (
                "Stricter protections we follow",
                "Where another law protects your information more strictly than HIPAA, we "
                "follow the stricter rule.\n\n"
                "- **California law.** California's Confidentiality of Medical Information "
                "Act (Civil Code section 56 and following) and other state laws limit some "
                "uses and disclosures that federal law would allow. For example, we do not "
                "share your information with your employer, and we do not use it for "
                "marketing, without your written authorization.\n"
                "- **Psychotherapy notes.** A therapist's separate personal notes about the "
                "content of your therapy conversations are given extra protection. We will "
                "not use or share them without your written authorization, except in the "
                "few cases the law allows, such as to defend ourselves in a legal action "
                "you bring or to prevent a serious threat to health or safety.\n"
                "- **Substance use disorder records.** If we keep records that are "
                "protected by federal rules on the confidentiality of substance use disorder "
                "treatment (42 CFR Part 2), we follow those rules as well. Those records, "
                "and testimony about them, will not be used or shared in any civil, "
                "criminal, administrative or legislative proceeding against you unless you "
                "give written consent or a court issues an order that meets the rules' "
                "requirements.\n"
                "- **Other sensitive information**, such as HIV test results and genetic "
                "test results, has extra protection under California law, and we share it "
                "only as that law allows.",
            ),
            (
                "Uses that need your written permission",
                "We must have your written authorization before we:\n\n"
                "- use or share psychotherapy notes, except as described above;\n"
                "- use or share your information for marketing;\n"
                "- sell your information (we do not sell health information);\n"
                "- use or share it for any other purpose not described in this notice.\n\n"
                "You may take back (revoke) an authorization at any time by telling us in "
                "writing. Revoking it stops future uses and disclosures, but cannot undo "
                "what we already shared while it was in effect.",
            ),
            (
                "Your rights",
                "Each of you has the right to:\n\n"
                "- **See and get a copy of your records.** Ask us to see or get a copy, on "
                "paper or electronically, of the health and billing records we keep about "
                "you. We will usually respond within 30 days and may charge a reasonable, "
                "cost-based fee. In rare cases the law allows us to deny part of a request; "
                "we will tell you why in writing and how to ask for a review.\n"
                "- **Ask us to correct your records.** If you think information is wrong or "
                "incomplete, ask us to amend it. We may say no, but we will tell you why in "
                "writing within 60 days, and you can add a statement of disagreement.\n"
                "- **Get a list of disclosures.** Ask for a list (an accounting) of the "
                "times we shared your information in the six years before your request, who "
                "we shared it with and why. It will not include disclosures for treatment, "
                "payment and operations, or ones you authorized. The first list in any "
                "12 months is free.\n"
                "- **Ask us to limit what we use or share.** You can ask us not to use or "
                "share certain information. We do not have to agree, except that if you pay "
                "for a service in full out of pocket, we must agree not to share information "
                "about it with your health plan for payment or operations, unless the law "
                "requires us to.\n"
                "- **Ask for confidential communications.** Ask us to contact you in a "
                "particular way (for example, only on your mobile phone) or at a different "
                "address. We will agree to all reasonable requests and will not ask why.\n"
                "- **Get a paper copy of this notice** at any time, even if you agreed to "
                "get it electronically.\n"
                "- **Choose someone to act for you.** If you have given someone medical "
                "power of attorney, or someone is your legal guardian, that person can use "
                "your rights. We will check their authority first.\n"
                "- **Be told about a breach.** We will let you know if a breach occurs that "
                "may have compromised the privacy or security of your information.\n\n"
                "To use any of these rights, contact our Privacy Officer (details below). "
                "We may ask you to make some requests in writing.",
            ),
            (
                "Complaints",
                "If you believe your privacy rights have been violated, you can complain "
                "to us by contacting our Privacy Officer (details below).\n\n"
                "You can also file a complaint with the U.S. Department of Health and Human "
                "Services, Office for Civil Rights: online at "
                "[hhs.gov/ocr/complaints](https://www.hhs.gov/ocr/complaints/index.html), "
                "by calling [1-877-696-6775](tel:+18776966775), or by writing to 200 "
                "Independence Avenue S.W., Washington, D.C. 20201.\n\n"
                "**We will not retaliate against you** or treat you differently in any way "
                "for filing a complaint.",
            ),
            (
                "Changes to this notice",
                "We can change the terms of this notice, and the changes will apply to all "
                "the information we have about you. The new notice will be posted on this "
                "page and in our office, with its effective date, and you can ask us for a "
                "copy.",
            ),
        ],
        "resources": ["hhs_hipaa_rights", "hhs_npp_guidance", "hhs_complaint"],
        "related": ["page:privacy"],
    },
]
