"""A neutral sender name and an accurate insurance line (issue 12).

Rows still holding the old defaults (never edited by staff) get the new ones; anything staff
wrote themselves is left alone.
"""

import clinic_site.discretion
from django.db import migrations, models

OLD_SENDER_NAME = "Moment of Clarity"
NEW_SENDER_NAME = "MC Office"
OLD_INSURANCE_NOTE = "We accept most PPO insurance plans, which may cover treatment in full."
NEW_INSURANCE_NOTE = (
    "We accept most PPO plans. Plans often pay part of the cost of therapy and medical "
    "visits, sometimes as out-of-network benefits (we give you a superbill to claim); "
    "ketamine itself is prescribed off-label and is usually not covered."
)
# The FAQ's "Will insurance pay for it?" answer, before and after (frozen copies).
OLD_INSURANCE_ANSWER = (
    "We accept most PPO insurance plans, and your plan may cover treatment in full. We will "
    "help you check your coverage before you start."
)
NEW_INSURANCE_ANSWER = (
    "Usually for part of it, rarely for all of it. We accept most PPO plans. Many plans pay "
    "part of the cost of therapy sessions and medical visits, often through out-of-network "
    "benefits: you pay us, and we give you a superbill (an itemized receipt with the codes "
    "your insurer asks for) so you can claim back what your plan allows. Plans usually pay "
    "for therapy that treats a diagnosed condition, so couples sessions on their own may not "
    "be covered. Ketamine is prescribed off-label here, so the medicine and the extra time of "
    "medicine sessions are usually not covered. Before you start, we check your benefits "
    "with you and give you a written estimate of what you would pay."
)


def replace_old_defaults(apps, schema_editor):
    from pages.cache import content_changed
    from pages.markdown_render import render_markdown

    SiteSettings = apps.get_model("pages", "SiteSettings")
    FAQEntry = apps.get_model("pages", "FAQEntry")
    changed = SiteSettings.objects.filter(short_name=OLD_SENDER_NAME).update(
        short_name=NEW_SENDER_NAME
    )
    changed += SiteSettings.objects.filter(insurance_note=OLD_INSURANCE_NOTE).update(
        insurance_note=NEW_INSURANCE_NOTE
    )
    changed += FAQEntry.objects.filter(answer_markdown=OLD_INSURANCE_ANSWER).update(
        answer_markdown=NEW_INSURANCE_ANSWER, answer_html=render_markdown(NEW_INSURANCE_ANSWER)
    )
    if changed:
        content_changed()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0004_notice_of_privacy_practices"),
    ]

    operations = [
        migrations.AlterField(
            model_name="sitesettings",
            name="insurance_note",
            field=models.TextField(blank=True, default=NEW_INSURANCE_NOTE),
        ),
        migrations.AlterField(
            model_name="sitesettings",
            name="short_name",
            field=models.CharField(
                default=NEW_SENDER_NAME,
                help_text="Starts every text message, email subject and calendar entry, which "
                "housemates, family or an employer may see. Use a neutral name that says "
                "nothing about health or treatment, and not the clinic's full name (anyone "
                "can look it up).",
                max_length=40,
                validators=[clinic_site.discretion.validate_discreet],
                verbose_name="sender name in messages",
            ),
        ),
        migrations.RunPython(replace_old_defaults, migrations.RunPython.noop),
    ]
