"""The inquiry detail per role, and the audit rows for viewing, changing and exporting."""

import pytest
from django.urls import reverse

from intake.models import Inquiry
from staff.models import AuditEntry, InquiryNote
from tests.factories import (
    InquiryFactory,
    InquiryNoteFactory,
    InstrumentResultFactory,
    PartnerScreeningFactory,
)

QUEUE = "admin:intake_inquiry_changelist"


def detail_url(inquiry):
    return reverse("admin:intake_inquiry_change", args=[inquiry.pk])


@pytest.fixture
def screened_inquiry(db):
    inquiry = InquiryFactory(
        priority="urgent",
        contact_name="Jordan Rivera",
        contact_phone="+19495550142",
        sms_safe=False,
        voicemail_ok=False,
    )
    me = PartnerScreeningFactory(inquiry=inquiry, role="submitter", name="Jordan")
    partner = PartnerScreeningFactory(inquiry=inquiry, role="partner", name="Casey")
    InstrumentResultFactory(
        screening=me,
        instrument="phq9",
        total=17,
        band="moderately_severe",
        positive=True,
        flagged_items=["item9"],
    )
    InstrumentResultFactory(
        screening=partner,
        instrument="ketamine_medical",
        total=1,
        band="positive",
        positive=True,
        flagged_items=["blood_pressure"],
    )
    InstrumentResultFactory(
        screening=partner,
        instrument="relationship_safety",
        total=1,
        band="positive",
        positive=True,
        flagged_items=["afraid_of_reaction"],
    )
    return inquiry


SCORE = "Moderately severe"
MEDICAL = "high blood pressure that is not well controlled"
SAFETY = "Relationship safety (clinicians only)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "sees_scores", "sees_safety"),
    [
        ("front_desk", False, False),
        ("clinic_admin", False, False),
        ("clinician", True, True),
        ("superuser", True, True),
    ],
)
def test_each_role_sees_only_its_part_of_the_detail(
    request, client_for, screened_inquiry, who, sees_scores, sees_safety
):
    client = client_for(request.getfixturevalue(who))
    html = client.get(detail_url(screened_inquiry)).content.decode()
    assert "Urgent" in html  # everyone sees the priority
    assert "Jordan Rivera" in html and "(949) 555-0142" in html
    assert html.index("How to reach them") < html.index("Contact details")
    # One instruction per channel (not "Safe to text: yes (no consent recorded ...)").
    assert "Do not text: they said texting is not safe." in html
    assert "Do not leave a voicemail." in html
    assert "Safe to text" not in html
    assert (SCORE in html) is sees_scores
    assert (MEDICAL in html) is sees_scores
    assert (SAFETY in html) is sees_safety
    assert ("afraid of how your partner" in html) is sees_safety


@pytest.mark.django_db
def test_front_desk_cannot_delete_add_or_export(client_for, front_desk, screened_inquiry):
    client = client_for(front_desk)
    assert (
        client.get(reverse("admin:intake_inquiry_delete", args=[screened_inquiry.pk])).status_code
        == 403
    )
    assert client.get(reverse("admin:intake_inquiry_add")).status_code == 403
    page = client.get(reverse(QUEUE))
    assert "export_selected_csv" not in page.content.decode()
    forged = client.post(
        reverse(QUEUE),
        {"action": "export_selected_csv", "_selected_action": [screened_inquiry.pk]},
    )
    assert forged.get("Content-Type", "").startswith("text/csv") is False
    assert not AuditEntry.objects.filter(action="export").exists()


@pytest.mark.django_db
def test_viewing_the_detail_is_audited(client_for, front_desk, screened_inquiry):
    client_for(front_desk).get(detail_url(screened_inquiry), REMOTE_ADDR="192.0.2.10")
    entry = AuditEntry.objects.get(action="view")
    assert entry.user == front_desk
    assert entry.object_id == str(screened_inquiry.pk)
    assert entry.ip_address == "192.0.2.10"


@pytest.mark.django_db
def test_changing_status_goes_through_the_workflow_and_is_audited(
    client_for, front_desk, screened_inquiry
):
    client = client_for(front_desk)
    url = detail_url(screened_inquiry)
    # Skipping straight to "accepted" is refused next to the field, nothing stored.
    page = client.post(url, {"status": "accepted", "close_reason": "", "assigned_to": ""})
    assert page.status_code == 200 and "cannot become" in page.content.decode()
    # Closing without a reason is refused too.
    page = client.post(url, {"status": "closed", "close_reason": "", "assigned_to": ""})
    assert "Closing needs a reason" in page.content.decode()
    screened_inquiry.refresh_from_db()
    assert screened_inquiry.status == "new"
    assert not AuditEntry.objects.filter(action="change").exists()

    response = client.post(
        url,
        {
            "status": "in_review",
            "close_reason": "",
            "assigned_to": front_desk.pk,
            "new_note": "Called, no answer; no voicemail per preference.",
        },
    )
    assert response.status_code == 302
    screened_inquiry.refresh_from_db()
    assert screened_inquiry.status == "in_review"
    assert screened_inquiry.assigned_to == front_desk
    changes = [e.changes for e in AuditEntry.objects.filter(action="change").order_by("id")]
    assert {"assigned_to": [None, f"frontdesk (#{front_desk.pk})"]} in changes
    assert {"status": ["new", "in_review"]} in changes
    note = InquiryNote.objects.get()
    assert note.author == front_desk and "no voicemail" in note.body
    page = client.get(url).content.decode()
    assert "no voicemail per preference" in page and "frontdesk" in page


@pytest.mark.django_db
def test_export_is_for_permitted_roles_and_is_audited(client_for, clinician, screened_inquiry):
    other = InquiryFactory()
    response = client_for(clinician).post(
        reverse(QUEUE),
        {"action": "export_selected_csv", "_selected_action": [screened_inquiry.pk, other.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert screened_inquiry.reference_code in body and other.reference_code in body
    assert "Jordan" not in body  # no names or contact details in the export
    entry = AuditEntry.objects.get(action="export")
    assert entry.user == clinician
    assert sorted(entry.changes["object_ids"]) == sorted([str(screened_inquiry.pk), str(other.pk)])


@pytest.mark.django_db
def test_notes_cannot_be_edited(front_desk, screened_inquiry):
    from staff.models import AppendOnlyError

    note = InquiryNoteFactory(inquiry=screened_inquiry, author=front_desk, body="first")
    note.body = "rewritten"
    with pytest.raises(AppendOnlyError):
        note.save()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "url_name", "allowed"),
    [
        ("front_desk", "admin:intake_inquiry_changelist", True),
        ("front_desk", "admin:auth_user_changelist", False),
        ("front_desk", "admin:pages_sitesettings_changelist", False),
        ("front_desk", "admin:staff_auditentry_changelist", False),
        ("clinician", "admin:intake_inquiry_changelist", True),
        ("clinician", "admin:auth_user_changelist", False),
        ("clinic_admin", "admin:auth_user_changelist", True),
        ("clinic_admin", "admin:staff_auditentry_changelist", True),
        ("clinic_admin", "admin:intake_inquiry_changelist", True),
    ],
)
def test_pages_per_role(request, client_for, who, url_name, allowed):
    client = client_for(request.getfixturevalue(who))
    status = client.get(reverse(url_name)).status_code
    assert (status == 200) is allowed, status


def test_inquiry_statuses_all_have_workflow_rules():
    from intake.services import ALLOWED_TRANSITIONS

    assert set(ALLOWED_TRANSITIONS) == set(Inquiry.Status.values)


@pytest.mark.django_db
def test_clinic_admin_reaches_an_inquirys_audit_trail_from_its_page(
    client_for, clinic_admin, front_desk, screened_inquiry
):
    client_for(front_desk).get(detail_url(screened_inquiry))
    client = client_for(clinic_admin)
    page = client.get(detail_url(screened_inquiry))
    trail = page.context["audit_trail_url"]
    assert trail in page.content.decode().replace("&amp;", "&")
    entries = client.get(trail).context["cl"].result_list
    assert [(e.username, e.action) for e in entries] == [
        ("clinicadmin", "view"),
        ("frontdesk", "view"),
    ]
