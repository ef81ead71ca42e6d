"""Why an inquiry is urgent (clinicians), plain words (front desk), the partner's own
contact details, the queue's name and channel columns, and Pacific-labelled times."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from intake.models import Inquiry
from intake.selectors import short_triage_reason, visible_triage_reasons
from notifications.models import Message
from tests.factories import InquiryFactory, PartnerScreeningFactory, StaffUserFactory

QUEUE = "admin:intake_inquiry_changelist"
SUICIDE = "Submitter: PHQ-9 item 9 above 0 (thoughts of death or self-harm)"
SAFETY = "Partner: relationship safety screen positive (clinicians only)"
MEDICAL = "Partner: ketamine medical screen yes/not sure — high blood pressure"


def detail(client, inquiry):
    return client.get(reverse("admin:intake_inquiry_change", args=[inquiry.pk])).content.decode()


@pytest.fixture
def urgent(db):
    inquiry = InquiryFactory(
        priority="urgent",
        triage_reasons=[SUICIDE, SAFETY, MEDICAL],
        contact_name="Jordan Rivera",
        preferred_contact="phone",
    )
    PartnerScreeningFactory(inquiry=inquiry, role="submitter", name="Jordan")
    PartnerScreeningFactory(
        inquiry=inquiry,
        role="partner",
        name="Casey",
        email="casey.own@example.com",
        phone="+19495550199",
        preferred_contact="sms",
        sms_safe=True,
        sms_consent_at=timezone.now(),
        voicemail_ok=False,
    )
    return inquiry


@pytest.fixture
def clinical_only(db):
    """Sees clinical detail but not relationship-safety results."""
    user = StaffUserFactory(username="clinicalonly")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["intake", "staff"],
            codename__in=["view_inquiry", "change_inquiry", "view_clinical"],
        )
    )
    return user


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("clinician", {SUICIDE, SAFETY, MEDICAL}),
        ("clinical_only", {SUICIDE, MEDICAL}),
        ("front_desk", set()),
        ("clinic_admin", set()),
    ],
)
def test_triage_reasons_on_the_detail_per_role(request, client_for, urgent, who, sees):
    html = detail(client_for(request.getfixturevalue(who)), urgent)
    for reason in (SUICIDE, SAFETY, MEDICAL):
        assert (reason in html) is (reason in sees), reason
    assert ("Why this priority" in html) is bool(sees)
    # Staff without the clinical picture get plain words instead.
    assert ("Urgent — call first" in html) is (not sees)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "shown", "hidden"),
    [
        ("clinician", "Submitter: PHQ-9 item 9 above 0", "Urgent — call first"),
        ("front_desk", "Urgent — call first", "PHQ-9"),
    ],
)
def test_queue_shows_a_short_reason_or_plain_words(request, client_for, urgent, who, shown, hidden):
    html = client_for(request.getfixturevalue(who)).get(reverse(QUEUE)).content.decode()
    assert shown in html and hidden not in html
    assert "(+2 more)" in html or who != "clinician"


@pytest.mark.parametrize(
    ("reasons", "perms", "visible"),
    [
        (
            [SUICIDE, SAFETY],
            {"staff.view_clinical", "staff.view_relationship_safety"},
            [SUICIDE, SAFETY],
        ),
        ([SUICIDE, SAFETY], {"staff.view_clinical"}, [SUICIDE]),
        ([SUICIDE, SAFETY], {"staff.view_relationship_safety"}, []),
        ([SUICIDE], set(), []),
        (None, {"staff.view_clinical"}, []),
    ],
)
def test_visible_triage_reasons(reasons, perms, visible):
    class User:
        def has_perm(self, perm):
            return perm in perms

    assert visible_triage_reasons(reasons=reasons, user=User()) == visible


@pytest.mark.parametrize(
    ("reasons", "short"),
    [
        ([], ""),
        (["Short one"], "Short one"),
        (["Short one", "b", "c"], "Short one (+2 more)"),
        (["x" * 70], "x" * 59 + "…"),
    ],
)
def test_short_triage_reason(reasons, short):
    assert short_triage_reason(reasons) == short


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["front_desk", "clinician", "clinic_admin"])
def test_partner_column_has_own_preferences_above_own_contact_details(
    request, client_for, urgent, who
):
    html = detail(client_for(request.getfixturevalue(who)), urgent)
    column = html[html.index('id="partner-partner"') :]
    assert "How to reach Casey" in column
    assert "Prefers: Text message." in column
    assert "You may text: safe and consented." in column
    assert "Do not leave a voicemail." in column
    assert column.index("How to reach Casey") < column.index("(949) 555-0199")
    assert "casey.own@example.com" in column


@pytest.mark.django_db
def test_queue_has_name_and_channel_columns(client_for, front_desk, urgent):
    html = client_for(front_desk).get(reverse(QUEUE)).content.decode()
    assert 'class="field-name">Jordan Rivera<' in html
    assert 'class="field-contact_channel">Phone call<' in html


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["front_desk", "clinician"])
def test_queue_query_count_stays_constant_with_names_and_reasons(
    request, client_for, django_assert_max_num_queries, who
):
    for _ in range(50):
        InquiryFactory(triage_reasons=[SUICIDE, MEDICAL], priority="urgent")
    client = client_for(request.getfixturevalue(who))
    client.get(reverse(QUEUE))  # warm the site-settings cache
    with django_assert_max_num_queries(12):
        page = client.get(reverse(QUEUE))
    assert len(page.context["cl"].result_list) == 50
    assert page.content.decode().count('class="field-name"') == 50


@pytest.mark.django_db
def test_times_are_labelled_pacific_without_a_double_period(client_for, clinician, urgent):
    urgent.created_at = dt.datetime(2026, 3, 4, 11, 29, tzinfo=dt.UTC)  # 3:29 a.m. Pacific
    urgent.save(update_fields=["created_at"])
    # A sentence ends right after this time ("Screening: completed …."): once "a.m..".
    urgent.screenings.filter(role="submitter").update(completed_at=urgent.created_at)
    html = detail(client_for(clinician), urgent)
    assert "Screening: completed Wed Mar 4, 3:29 AM Pacific." in html
    assert "Wed Mar 4, 3:29 AM Pacific" in html
    assert not re.search(r"[ap]\.m\.\.", html)


@pytest.mark.django_db
def test_timeline_says_when_a_held_text_goes_out(client_for, front_desk, urgent):
    goes_out = timezone.now() + dt.timedelta(hours=9)
    Message.objects.create(
        channel="sms",
        to="+19495550142",
        template_key="screening_link",
        body="A link",
        idempotency_key="held-text",
        scheduled_for=goes_out,
        content_type=ContentType.objects.get_for_model(Inquiry),
        object_id=urgent.pk,
    )
    html = detail(client_for(front_desk), urgent)
    local = timezone.localtime(goes_out, timezone.get_default_timezone())
    assert f"held until {local:%a %b %-d, %-I:%M %p} Pacific" in html


def test_dashboard_tiles_and_timeline_have_no_list_bullets():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "staff/static/staff/admin.css").read_text()
    # Django admin gives every `ul li` a square bullet; the tiles' items must undo it.
    rules = re.findall(r"([^{}]+)\{([^}]*)\}", css)
    assert any(
        ".staff-tiles li" in selector and "list-style: none" in body for selector, body in rules
    )


@pytest.mark.django_db
def test_the_detail_gives_a_voicemail_script_next_to_each_persons_contact_preferences(
    client_for, front_desk, urgent
):
    """Issue 12: what to say on a shared line, per person, from their own preferences."""
    Inquiry.objects.filter(pk=urgent.pk).update(voicemail_ok=True)
    urgent.refresh_from_db()
    html = detail(client_for(front_desk), urgent)
    assert html.count("What to say on a shared line") == 2
    # The submitter said voicemail is fine: a message with a first name and a number only.
    assert "from MC Office, calling for Jordan. Please call me back at 949-625-0564." in html
    # The partner did not: no message at all.
    assert "Do not leave a voicemail: Casey did not agree to one." in html
    assert "Ask for Casey by first name only." in html


@pytest.mark.parametrize("voicemail_ok", [True, False])
def test_the_voicemail_script_is_discreet(voicemail_ok):
    from clinic_site.discretion import health_words_in
    from notifications.voicemail import voicemail_script

    script = voicemail_script(
        first_name="Jordan Rivera", sender_name="MC Office", phone="949-625-0564",
        voicemail_ok=voicemail_ok,
    )  # fmt: skip
    for line in (script.voicemail, script.someone_else_answers):
        assert health_words_in(line) == []
        assert "Rivera" not in line and "Moment of Clarity" not in line
