import datetime

import pytest
from django.utils import timezone

from pages.models import FAQEntry, Page, PageRevision, SiteSettings, TreatmentJourney
from tests.factories import (
    FAQEntryFactory,
    FAQEntryTranslationFactory,
    PageFactory,
    PageTranslationFactory,
    SectionFactory,
    SectionTranslationFactory,
)

pytestmark = pytest.mark.django_db

INLINES = (
    "takeaways",
    "sections",
    "faqs",
    "resources",
    "relations",
    "journey",
    "translations",
    "takeawaytranslations",
    "sectiontranslations",
    "faqentrytranslations",
)


def errors_of(response):
    return [response.context["adminform"].form.errors] + [
        (f.formset.prefix, [dict(e) for e in f.formset.errors], list(f.formset.non_form_errors()))
        for f in response.context["inline_admin_formsets"]
    ]


def page_form(**overrides) -> dict:
    data = {
        "title": "Who it can help",
        "slug": "who-it-can-help",
        "kind": "topic",
        "lede": "Plain words.",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "nav_label": "",
        "nav_order": "10",
        "show_in_nav": "on",
        "seo_title": "",
        "meta_description": "Who may be helped.",
        "needs_medical_review": "on",
        "last_reviewed_on": "2026-11-01",
        "reviewer_name": "Dana Reviewer",
        "reviewer_credentials": "MD",
        "next_review_due": "2027-05-01",
    }
    for prefix in INLINES:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data


def with_sections(data: dict, sections, *, existing=()) -> dict:
    data = dict(data)
    data["sections-TOTAL_FORMS"] = str(len(existing) + len(sections))
    data["sections-INITIAL_FORMS"] = str(len(existing))
    for i, section in enumerate(existing):
        data.update(
            {
                f"sections-{i}-id": str(section.pk),
                f"sections-{i}-page": str(section.page_id),
                f"sections-{i}-position": str(section.position),
                f"sections-{i}-heading": section.heading,
                f"sections-{i}-anchor": section.anchor,
                f"sections-{i}-body_markdown": section.body_markdown,
            }
        )
    for j, (position, heading, body) in enumerate(sections, start=len(existing)):
        data.update(
            {
                f"sections-{j}-position": str(position),
                f"sections-{j}-heading": heading,
                f"sections-{j}-anchor": "",
                f"sections-{j}-body_markdown": body,
            }
        )
    return data


def test_staff_create_edit_and_publish_a_page_through_admin(admin_client, client, admin_user):
    data = with_sections(
        page_form(), [(2, "Second", "Two."), (1, "First", "One <script>x</script>")]
    )
    data.update({"journey-TOTAL_FORMS": "1", "journey-0-preparation_min": "2",
                 "journey-0-preparation_max": "3", "journey-0-integration_min": "1",
                 "journey-0-cycles_min": "2", "journey-0-cycles_max": "8",
                 "journey-0-months_min": "6", "journey-0-months_max": "8",
                 "journey-0-total_min": "5", "journey-0-total_max": "20",
                 "journey-0-note": "Personal plans."})  # fmt: skip
    response = admin_client.post("/admin/pages/page/add/", data)
    assert response.status_code == 302, errors_of(response)
    page = Page.objects.get(slug="who-it-can-help")
    assert [s.heading for s in page.sections.all()] == ["First", "Second"]  # by position
    assert page.sections.get(heading="First").body_html == "<p>One </p>"
    assert TreatmentJourney.objects.get(page=page).note == "Personal plans."
    assert client.get("/who-it-can-help/").status_code == 404  # still a draft

    first = page.sections.get(heading="First")
    second = page.sections.get(heading="Second")
    edit = with_sections(page_form(title="Who it may help", status="published"), [],
                         existing=[first, second])  # fmt: skip
    edit.update({"journey-TOTAL_FORMS": "1", "journey-INITIAL_FORMS": "1",
                 **{k: v for k, v in data.items() if k.startswith("journey-0-")},
                 "journey-0-id": str(page.journey.pk), "journey-0-page": str(page.pk),
                 "journey-0-cycles_max": "6"})  # fmt: skip
    response = admin_client.post(f"/admin/pages/page/{page.pk}/change/", edit)
    assert response.status_code == 302, errors_of(response)
    html = client.get("/who-it-can-help/").content.decode()
    assert "Who it may help" in html
    assert "<strong>2 to 6 times</strong>" in html

    revisions = list(PageRevision.objects.filter(page=page).order_by("created_at", "id"))
    assert len(revisions) == 2
    assert revisions[1].user == admin_user
    assert "title" in revisions[1].summary and "treatment journey" in revisions[1].summary


def test_bad_journey_numbers_are_refused_next_to_the_field(admin_client):
    data = page_form()
    data.update({"journey-TOTAL_FORMS": "1", "journey-0-preparation_min": "4",
                 "journey-0-preparation_max": "3", "journey-0-integration_min": "1",
                 "journey-0-cycles_min": "2", "journey-0-cycles_max": "8",
                 "journey-0-months_min": "6", "journey-0-months_max": "8",
                 "journey-0-total_min": "5", "journey-0-total_max": "20"})  # fmt: skip
    response = admin_client.post("/admin/pages/page/add/", data)
    assert response.status_code == 200
    assert "Must be at least the smallest number." in response.content.decode()
    assert not Page.objects.exists()  # nothing partial stored


def test_the_publish_action_makes_pages_public(admin_client, client):
    page = PageFactory(slug="later", status=Page.Status.DRAFT, published_at=None)
    response = admin_client.post(
        "/admin/pages/page/", {"action": "publish_pages", "_selected_action": [page.pk]}
    )
    assert response.status_code == 302
    assert client.get("/later/").status_code == 200
    assert PageRevision.objects.get(page=page).summary == "Published."


def test_revert_puts_the_page_and_its_children_back(admin_client, client, admin_user):
    from pages.services import page_revision_create

    page = PageFactory(slug="p", title="Original")
    SectionFactory(page=page, heading="Kept", body_markdown="original body")
    original = page_revision_create(page=page, user=admin_user)

    page.title = "Changed"
    page.save()
    page.sections.all().delete()
    SectionFactory(page=page, heading="Added", body_markdown="new body")
    page_revision_create(page=page, user=admin_user)
    assert "Changed" in client.get("/p/").content.decode()

    history = admin_client.get(f"/admin/pages/page/{page.pk}/revisions/").content.decode()
    assert "Changed: title, sections." in history and "admin" in history
    confirm = admin_client.get(f"/admin/pages/page/{page.pk}/revisions/{original.pk}/revert/")
    assert confirm.status_code == 200  # a GET only asks
    assert Page.objects.get(pk=page.pk).title == "Changed"

    response = admin_client.post(f"/admin/pages/page/{page.pk}/revisions/{original.pk}/revert/")
    assert response.status_code == 302
    html = client.get("/p/").content.decode()
    assert "Original" in html and "original body" in html and "new body" not in html
    latest = PageRevision.objects.filter(page=page).first()
    assert latest.summary.startswith("Reverted to the version saved")
    assert latest.user == admin_user


def test_revert_brings_back_the_translations_and_their_review_too(admin_client, client, admin_user):
    from pages.services import page_revision_create

    page = PageFactory(slug="p", title="Original")
    section = SectionFactory(page=page, heading="Kept", body_markdown="original body")
    faq = FAQEntryFactory(page=page)
    PageTranslationFactory(page=page, title="Original en español")  # reviewed
    SectionTranslationFactory(section=section, heading="Guardada", body_markdown="cuerpo original")
    FAQEntryTranslationFactory(faq=faq, question="¿Pregunta original?")
    original = page_revision_create(page=page, user=admin_user)
    assert "Guardada" in client.get("/es/p/").content.decode()

    # A new, unreviewed Spanish wording and an English edit; the section translation deleted.
    spanish = page.translations.get()
    spanish.title, spanish.reviewed_on, spanish.reviewer_name = "Cambiada", None, ""
    spanish.save()
    section.translations.all().delete()
    faq.translations.update(question="¿Pregunta cambiada?")
    page.title = "Changed"
    page.save()
    latest = page_revision_create(page=page, user=admin_user)
    assert latest.summary == "Changed: title, translations."
    html = client.get("/es/p/").content.decode()
    assert "Esta página aún no está disponible en español" in html and "Guardada" not in html

    response = admin_client.post(f"/admin/pages/page/{page.pk}/revisions/{original.pk}/revert/")
    assert response.status_code == 302
    spanish = Page.objects.get(pk=page.pk).translations.get()
    assert spanish.title == "Original en español" and spanish.is_reviewed
    html = client.get("/es/p/").content.decode()
    assert "Original en español" in html and "cuerpo original" in html
    assert "¿Pregunta original?" in html and "Cambiada" not in html


def test_reverting_to_a_revision_saved_before_translations_were_recorded_keeps_them(
    admin_client, client, admin_user
):
    from pages.services import page_revision_create

    page = PageFactory(slug="p", title="Original")
    section = SectionFactory(page=page, heading="Kept", position=1)
    old = page_revision_create(page=page, user=admin_user)
    # As a revision recorded before this change looked: no translations in it.
    old.snapshot.pop("page_translations")
    for row in old.snapshot["sections"]:
        row.pop("translations")
    old.save()
    PageTranslationFactory(page=page, title="Título")
    SectionTranslationFactory(section=section, heading="Se queda")
    page.title = "Changed"
    page.save()
    assert page_revision_create(page=page, user=admin_user).summary == "Changed: title."

    admin_client.post(f"/admin/pages/page/{page.pk}/revisions/{old.pk}/revert/")
    html = client.get("/es/p/").content.decode()
    assert "Título" in html and "Se queda" in html  # today's Spanish, not lost


def test_overdue_review_filter_lists_pages_past_due_or_never_reviewed(admin_client):
    today = timezone.localdate()
    PageFactory(title="Past due", next_review_due=today - datetime.timedelta(days=1))
    PageFactory(title="Never reviewed", last_reviewed_on=None, reviewer_name="")
    PageFactory(title="Fine", next_review_due=today + datetime.timedelta(days=90))
    PageFactory(title="Privacy", needs_medical_review=False, next_review_due=None)
    html = admin_client.get("/admin/pages/page/?review=overdue").content.decode()
    assert "Past due" in html and "Never reviewed" in html
    assert ">Fine<" not in html and ">Privacy<" not in html


def test_view_on_site_opens_the_preview_for_a_draft(admin_client):
    draft = PageFactory(slug="d", status=Page.Status.DRAFT, published_at=None)
    live = PageFactory(slug="l")
    html = admin_client.get(f"/admin/pages/page/{draft.pk}/change/").content.decode()
    assert f"/admin/pages/page/{draft.pk}/preview/" in html
    html = admin_client.get(f"/admin/pages/page/{live.pk}/change/").content.decode()
    assert 'href="/l/" class="viewsitelink"' in html


def test_site_settings_can_be_edited_but_not_deleted(admin_client, client):
    SiteSettings.load()
    assert admin_client.get("/admin/pages/sitesettings/").status_code == 302
    response = admin_client.get("/admin/pages/sitesettings/1/delete/")
    assert response.status_code == 403
    data = {
        "clinic_name": "Moment of Clarity",
        "short_name": "MoC",
        "phone": "949-625-0564",
        "area_served": "Orange County",
        "hours": "Weekdays",
        "address": "",
        "insurance_note": "",
        "confidentiality_statement": "Private.",
        "crisis_strip_text": "",
    }
    response = admin_client.post("/admin/pages/sitesettings/1/change/", data)
    assert response.status_code == 200  # the crisis text cannot be emptied
    data["crisis_strip_text"] = "Need help now?"
    assert admin_client.post("/admin/pages/sitesettings/1/change/", data).status_code == 302
    html = client.get("/").content.decode()
    assert "Need help now?" in html and "Orange County" in html and 'href="tel:988"' in html


def test_site_settings_show_how_a_message_reads_and_refuse_a_sender_name_that_says_too_much(
    admin_client,
):
    """Issue 12: the sender name starts every text, email subject and calendar entry."""
    SiteSettings.load()
    html = admin_client.get("/admin/pages/sitesettings/1/change/").content.decode()
    assert "How a message reads" in html
    assert "MC Office reminder: your appointment is Tuesday 9 December" in html
    assert "Email subject: <q>MC Office: your appointment is confirmed</q>" in html
    assert "Calendar entry: <q>MC Office</q>" in html
    data = {
        "clinic_name": "Moment of Clarity",
        "short_name": "Couples Counseling OC",
        "phone": "949-625-0564",
        "area_served": "Orange County",
        "hours": "Weekdays",
        "address": "",
        "insurance_note": "",
        "confidentiality_statement": "Private.",
        "crisis_strip_text": "Need help now?",
    }
    response = admin_client.post("/admin/pages/sitesettings/1/change/", data)
    assert response.status_code == 200
    assert "“couples”, “counseling”" in response.content.decode()
    data["short_name"] = "Moment of Clarity"
    response = admin_client.post("/admin/pages/sitesettings/1/change/", data)
    assert response.status_code == 200
    assert "not the clinic&#x27;s full name" in response.content.decode()
    assert SiteSettings.load().short_name == "MC Office"
    data["short_name"] = "MoC Desk"
    assert admin_client.post("/admin/pages/sitesettings/1/change/", data).status_code == 302
    html = admin_client.get("/admin/pages/sitesettings/1/change/").content.decode()
    assert "MoC Desk reminder: your appointment is" in html


def test_the_migration_replaces_the_old_defaults_but_not_what_staff_wrote(db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "pages.migrations.0005_discreet_sender_and_accurate_insurance"
    )
    page = PageFactory(slug="home-ish")
    faq = FAQEntry.objects.create(
        page=page, position=1, question="Insurance?", answer_markdown=migration.OLD_INSURANCE_ANSWER
    )
    kept = FAQEntry.objects.create(page=page, position=2, question="Own?", answer_markdown="Ours.")
    SiteSettings.load()
    SiteSettings.objects.update(
        short_name="Moment of Clarity", insurance_note=migration.OLD_INSURANCE_NOTE
    )
    migration.replace_old_defaults(apps, None)
    row = SiteSettings.objects.get()
    assert row.short_name == "MC Office"
    assert "out-of-network" in row.insurance_note and "in full" not in row.insurance_note
    faq.refresh_from_db()
    assert "superbill" in faq.answer_html and "usually not covered" in faq.answer_markdown
    kept.refresh_from_db()
    assert kept.answer_markdown == "Ours."
    SiteSettings.objects.update(short_name="Our Desk")
    migration.replace_old_defaults(apps, None)
    assert SiteSettings.objects.get().short_name == "Our Desk"
