"""Links where the starter copy refers to another page (issue 13 item 8): the privacy
notice, the cost page, the inquiry form.

Rows still holding the starter text word for word (never edited by staff) get the linked
text; anything staff wrote themselves is left alone. Frozen copies of both texts.
"""

from django.db import migrations

FAQ_ANSWERS = [
    (
        (
            "Usually for part of it, rarely for all of it. We accept most PPO plans. Many plans "
            "pay part of the cost of therapy sessions and medical visits, often through "
            "out-of-network benefits: you pay us, and we give you a superbill (an itemized "
            "receipt with the codes your insurer asks for) so you can claim back what your plan "
            "allows. Plans usually pay for therapy that treats a diagnosed condition, so "
            "couples sessions on their own may not be covered. Ketamine is prescribed off-label "
            "here, so the medicine and the extra time of medicine sessions are usually not "
            "covered. Before you start, we check your benefits with you and give you a written "
            "estimate of what you would pay."
        ),
        (
            "Usually for part of it, rarely for all of it. We accept most PPO plans. Many plans "
            "pay part of the cost of therapy sessions and medical visits, often through "
            "out-of-network benefits: you pay us, and we give you a superbill (an itemized "
            "receipt with the codes your insurer asks for) so you can claim back what your plan "
            "allows. Plans usually pay for therapy that treats a diagnosed condition, so "
            "couples sessions on their own may not be covered. Ketamine is prescribed off-label "
            "here, so the medicine and the extra time of medicine sessions are usually not "
            "covered. Before you start, we check your benefits with you and give you a written "
            "estimate of what you would pay. Our [cost and insurance "
            "page](/cost-and-insurance/) goes through it step by step."
        ),
    ),
    (
        (
            "Yes. Calls and forms are confidential, and we handle your health information as "
            "the law requires. See our privacy notice for details."
        ),
        (
            "Yes. Calls and forms are confidential, and we handle your health information as "
            "the law requires. See our [privacy notice](/privacy/) for details."
        ),
    ),
    (
        (
            "It may, but we cannot know until we have checked your plan. Call us or mention "
            "your insurer in your inquiry, and we will go through it with you."
        ),
        (
            "It may, but we cannot know until we have checked your plan. Call us or mention "
            "your insurer in your [inquiry](/inquiry/), and we will go through it with you."
        ),
    ),
]
SECTION_BODIES = [
    (
        (
            "1. **You reach out** by phone or through the confidential inquiry form.\n2. **We "
            "talk with you**, listen to what is going on and answer questions. There is no "
            "pressure to go further.\n3. **A clinician assesses each partner** to see whether "
            "this kind of care is safe and a good fit. If it is not, we will help you find "
            "something that is.\n\nEverything you tell us is kept confidential."
        ),
        (
            "1. **You reach out** by phone or through the confidential [inquiry "
            "form](/inquiry/).\n2. **We talk with you**, listen to what is going on and answer "
            "questions. There is no pressure to go further.\n3. **A clinician assesses each "
            "partner** to see whether this kind of care is safe and a good fit. If it is not, "
            "we will help you find something that is.\n\nEverything you tell us is kept "
            "confidential."
        ),
    ),
]


def link_starter_copy(apps, schema_editor):
    from pages.cache import content_changed
    from pages.markdown_render import render_markdown

    FAQEntry = apps.get_model("pages", "FAQEntry")
    Section = apps.get_model("pages", "Section")
    changed = 0
    for old, new in FAQ_ANSWERS:
        changed += FAQEntry.objects.filter(answer_markdown=old).update(
            answer_markdown=new, answer_html=render_markdown(new)
        )
    for old, new in SECTION_BODIES:
        changed += Section.objects.filter(body_markdown=old).update(
            body_markdown=new, body_html=render_markdown(new)
        )
    if changed:
        content_changed()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0006_team_fees_cost_page"),
    ]

    operations = [migrations.RunPython(link_starter_copy, migrations.RunPython.noop)]
