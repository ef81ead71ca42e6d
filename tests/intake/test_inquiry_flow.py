"""The public inquiry through the test client: steps, Back, validation, replay, privacy."""

import pytest
from django.db import connection
from django.test import override_settings

from intake.models import Inquiry, PartnerScreening
from notifications.models import Message
from pages.models import SiteSettings

from .flow import (
    CONCERNS,
    CONSENT,
    CONTACT,
    ELIGIBLE,
    INTEREST,
    PARTNER,
    PARTNER_WITH_SMS,
    fill_steps_1_to_5,
    post_step,
    step_url,
    submission_token,
    submit_inquiry,
)

pytestmark = pytest.mark.django_db

CRISIS_FACTS = (
    "not for emergencies",
    "not monitored around the clock",
    "911",
    "988",
    "741741",
    "1-800-799-7233",
    "838255",
)


def assert_crisis_info(html: str):
    for fact in CRISIS_FACTS:
        assert fact in html, fact
    assert "press 3" not in html


def field_error_html(response, field: str) -> str:
    """The HTML of one field's wrapper, which must hold its error message."""
    html = response.content.decode()
    marker = "error_submission_token" if field == "submission_token" else f"div_id_{field}"
    start = html.index(f'id="{marker}"')
    return html[start : start + 4000]


def test_the_whole_inquiry_creates_one_inquiry_and_two_screenings(client):
    for n in range(1, 7):
        if n > 1:
            post_step(client, n - 1, [CONTACT, PARTNER, ELIGIBLE, CONCERNS, INTEREST][n - 2])
        page = client.get(step_url(n))
        assert page.status_code == 200
        html = page.content.decode()
        assert f"Step {n} of 6" in html
        assert html.count("<h1") == 1
        assert_crisis_info(html)
    token = submission_token(client)
    response = post_step(client, 6, {**CONSENT, "submission_token": token})
    assert response.status_code == 302

    inquiry = Inquiry.objects.get()
    assert inquiry.priority == "standard" and inquiry.status == "new"
    assert inquiry.contact_name == "Dana Whitfield"
    assert inquiry.contact_phone == "+19495550134"
    assert inquiry.concerns == ["communication", "depression"]
    assert inquiry.email_consent_at is not None and "email me" in inquiry.email_consent_wording
    assert inquiry.sms_consent_at is None and inquiry.sms_consent_wording == ""
    assert "privacy notice" in inquiry.privacy_notice_wording
    assert inquiry.insurance_carrier == "Blue Shield"
    roles = sorted(inquiry.screenings.values_list("role", flat=True))
    assert roles == ["partner", "submitter"]

    done = client.get(response.url)
    html = done.content.decode()
    assert inquiry.reference_code in html
    assert "/inquiry/s/" in html
    assert "/book/?inquiry=" in html
    assert "Please pass this link on to Robin" in html  # no partner contact was given
    # Own link (button + field) and the partner's (field + the text-message link).
    assert html.count("/inquiry/s/") == 4
    assert_crisis_info(html)


def test_back_keeps_the_answers(client):
    post_step(client, 1, CONTACT)
    post_step(client, 2, PARTNER)
    response = client.post(step_url(3), {"back": "1"})
    assert response.url == step_url(2)
    page = client.get(step_url(2))
    assert 'value="Robin"' in page.content.decode()
    page = client.get(step_url(1))
    assert 'value="Dana Whitfield"' in page.content.decode()


def test_a_later_step_cannot_be_skipped_to(client):
    post_step(client, 1, CONTACT)
    assert client.get(step_url(4)).url == step_url(2)


@pytest.mark.parametrize(
    ("step", "data", "field", "message"),
    [
        (1, {**CONTACT, "contact_phone": "555-0134"}, "contact_phone", "US mobile number"),
        (1, {**CONTACT, "contact_phone": "call me maybe"}, "contact_phone", "US mobile number"),
        (1, {**CONTACT, "contact_email": "dana@"}, "contact_email", "valid email"),
        (1, {**CONTACT, "contact_name": "x" * 121}, "contact_name", "at most 120"),
        (1, {**CONTACT, "preferred_contact": "sms", "sms_safe": "no"}, "preferred_contact", "isn"),
        (1, {**CONTACT, "preferred_contact": "pigeon"}, "preferred_contact", "valid choice"),
        (2, {**PARTNER, "partner_phone": "12"}, "partner_phone", "US mobile number"),
        (2, {**PARTNER, "partner_email_consent": "on"}, "partner_email", "email"),
        (3, {"both_adults": "maybe", "in_california": "yes"}, "both_adults", "valid choice"),
        (4, {**CONCERNS, "message": "x" * 2001}, "message", "at most 2000"),
        (4, {**CONCERNS, "concerns": ["other"]}, "concerns_other", "what else"),
        (4, {**CONCERNS, "concerns": ["gambling"]}, "concerns", "valid choice"),
        (5, {**INTEREST, "insurance_carrier": ""}, "insurance_carrier", "PPO"),
    ],
)
def test_bad_input_is_named_next_to_the_field_and_nothing_is_stored(
    client, step, data, field, message
):
    earlier = [CONTACT, PARTNER, ELIGIBLE, CONCERNS, INTEREST][: step - 1]
    for n, values in enumerate(earlier, start=1):
        post_step(client, n, values)
    response = post_step(client, step, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in field_error_html(response, field)
    assert Inquiry.objects.count() == 0 and PartnerScreening.objects.count() == 0


@pytest.mark.parametrize(
    ("consent", "field", "message"),
    [
        ({}, "privacy_acknowledged", "privacy notice"),
        ({**CONSENT, "website": "http://spam.example"}, "website", "leave this field empty"),
    ],
)
def test_missing_consent_or_a_filled_honeypot_stores_nothing(client, consent, field, message):
    fill_steps_1_to_5(client)
    token = submission_token(client)
    response = post_step(client, 6, {**consent, "submission_token": token})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in field_error_html(response, field)
    assert Inquiry.objects.count() == 0


def test_a_tampered_submission_token_is_refused_and_stores_nothing(client):
    fill_steps_1_to_5(client)
    response = post_step(client, 6, {**CONSENT, "submission_token": "forged-token"})
    assert response.status_code == 400
    assert "expired or was already sent" in field_error_html(response, "submission_token")
    assert Inquiry.objects.count() == 0


def test_a_double_click_creates_one_inquiry_and_shows_it_again(client):
    fill_steps_1_to_5(client)
    token = submission_token(client)
    first = post_step(client, 6, {**CONSENT, "submission_token": token})
    second = post_step(client, 6, {**CONSENT, "submission_token": token})
    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    assert Inquiry.objects.count() == 1


def test_a_replayed_final_submit_from_elsewhere_learns_nothing(client, django_user_model):
    from django.test import Client

    fill_steps_1_to_5(client)
    token = submission_token(client)
    post_step(client, 6, {**CONSENT, "submission_token": token})
    reference = Inquiry.objects.get().reference_code

    attacker = Client()
    response = post_step(attacker, 6, {**CONSENT, "submission_token": token})
    assert response.status_code == 409
    assert reference not in response.content.decode()
    assert "expired or was already sent" in field_error_html(response, "submission_token")
    assert Inquiry.objects.count() == 1
    assert attacker.get("/inquiry/sent/").status_code == 302  # no done page for them


@override_settings(INQUIRY_RATE_LIMIT="1/h")
def test_the_per_ip_rate_limit_answers_with_a_clear_message(client):
    from django.test import Client

    submit_inquiry(client)
    other = Client()
    fill_steps_1_to_5(other)
    token = submission_token(other)
    response = post_step(other, 6, {**CONSENT, "submission_token": token})
    assert response.status_code == 429
    assert "several inquiries from this connection" in response.content.decode()
    assert Inquiry.objects.count() == 1


def test_nothing_is_texted_to_the_partner_on_the_submitters_word_alone(client):
    """Issue 12: consent to texts is the partner's own, given on their own link."""
    submit_inquiry(client, partner=PARTNER_WITH_SMS)
    inquiry = Inquiry.objects.get()
    partner = inquiry.screenings.get(role="partner")
    assert partner.phone == "+19495550177" and partner.sms_safe
    assert not partner.can_text and partner.sms_consent_at is None
    assert partner.needs_contact_confirmation
    assert not Message.objects.filter(channel="sms").exists()
    # The submitter consented to email: their own link goes there, never to the partner.
    emails = Message.objects.filter(template_key="screening_link", channel="email")
    assert [m.to for m in emails] == ["dana@example.com"]
    done = client.get("/inquiry/sent/").content.decode()
    assert "Please pass this link on to Robin" in done


def test_the_partner_confirms_their_own_contact_preferences_before_anything_is_texted(client):
    from django.test import Client

    from intake.forms import SMS_CONSENT_WORDING
    from intake.services import screening_link_token

    submit_inquiry(client, partner=PARTNER_WITH_SMS)
    partner = PartnerScreening.objects.get(role="partner")
    url = f"/inquiry/s/{screening_link_token(screening=partner)}/"
    robin = Client()
    page = robin.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "how may we contact you?" in html
    assert 'value="(949) 555-0177"' in html  # what the submitter suggested, to confirm
    assert "Section 1 of" not in html
    # A bad answer changes nothing.
    bad = robin.post(url, {"phone": "949-555-0177", "preferred_contact": "sms", "sms_safe": "yes",
                           "voicemail_ok": "no"})  # fmt: skip
    assert bad.status_code == 400 and "please consent to texts" in bad.content.decode()
    partner.refresh_from_db()
    assert partner.contact_confirmed_at is None
    # Their own consent, in their own words and time.
    mine = {"sms_safe": "yes", "voicemail_ok": "yes", "sms_consent": "on"}
    response = robin.post(url, {"phone": "949-555-0177", "preferred_contact": "sms", **mine})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.can_text and partner.voicemail_ok
    assert partner.sms_consent_wording == SMS_CONSENT_WORDING
    assert partner.contact_confirmed_at is not None
    assert "Section 1 of 8" in robin.get(url).content.decode()
    # The link was passed on: it is now bound to Robin's device.
    assert Client().get(url).status_code == 403


def test_not_eligible_is_kept_marked_and_answered_politely(client):
    submit_inquiry(client, eligibility={"both_adults": "yes", "in_california": "no"})
    inquiry = Inquiry.objects.get()
    assert inquiry.priority == "not_eligible"
    assert any("California" in reason for reason in inquiry.triage_reasons)
    html = client.get("/inquiry/sent/").content.decode()
    assert "Thank you for telling us" in html
    assert "A member of our team will read your inquiry and reply to you personally" in html
    assert "only adults in California" in html
    # No booking is offered to an inquiry the clinic cannot take on (the site footer's
    # general link aside)...
    main = html[html.index('<main id="main"') : html.index("</main>")]
    assert "/book/" not in main and "book a" not in main.lower()
    # ...but the clinic's phone and the crisis numbers are there.
    assert f'href="tel:{SiteSettings.load().phone}"' in html
    assert_crisis_info(html)


def test_the_eligibility_step_asks_whether_both_partners_are_in_california(client):
    """Issue 12: the session must be in California for both, not only for the submitter."""
    post_step(client, 1, CONTACT)
    post_step(client, 2, PARTNER)
    html = client.get(step_url(3)).content.decode()
    assert "Are you and your partner both in California?" in html
    assert "Are you located in California?" not in html
    assert "either of you lives or would join from outside California" in html
    submit_inquiry(client, eligibility={"both_adults": "yes", "in_california": "no"})
    inquiry = Inquiry.objects.get()
    assert inquiry.priority == "not_eligible"
    assert "Not eligible: not both partners in California" in inquiry.triage_reasons


def test_page_titles_use_the_sites_separator(client):
    clinic = SiteSettings.load().clinic_name
    html = client.get(step_url(1)).content.decode()
    assert f"<title>Step 1 of 6 | Confidential inquiry | {clinic}</title>" in html
    submit_inquiry(client)
    html = client.get("/inquiry/sent/").content.decode()
    assert f"<title>Inquiry sent | {clinic}</title>" in html
    assert "·" not in html[html.index("<title>") : html.index("</title>")]


def test_raw_columns_and_the_session_hold_no_plain_names_contacts_or_answers(client):
    fill_steps_1_to_5(client)
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_data FROM django_session")
        sessions = " ".join(row[0] for row in cursor.fetchall())
    assert "Dana" not in sessions and "money" not in sessions

    token = submission_token(client)
    post_step(client, 6, {**CONSENT, "submission_token": token})
    secrets = ["Dana", "dana@example.com", "9495550134", "Robin", "money", "depression"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM intake_inquiry")
        inquiry_row = " ".join(str(v) for v in cursor.fetchone())
        cursor.execute("SELECT * FROM intake_partnerscreening")
        screening_rows = " ".join(str(v) for row in cursor.fetchall() for v in row)
        cursor.execute("SELECT contact_name, message FROM intake_inquiry")
        name_cipher, message_cipher = cursor.fetchone()
    for secret in secrets:
        assert secret not in inquiry_row, secret
        assert secret not in screening_rows, secret
    assert name_cipher.startswith("gAAAA") and message_cipher.startswith("gAAAA")  # Fernet


def test_the_second_click_of_a_double_click_racing_the_first_shows_the_same_inquiry(client):
    """The second request read the session before the first one finished and saved it."""
    from intake import wizard
    from intake.services import inquiry_submit

    fill_steps_1_to_5(client)
    token = submission_token(client)
    request = type("R", (), {"session": client.session})()
    state = wizard.load(request)
    first, _ = inquiry_submit(data=wizard.build_submission(state, CONSENT), submission_token=token)

    response = post_step(client, 6, {**CONSENT, "submission_token": token})
    assert response.status_code == 302 and response.url == "/inquiry/sent/"
    assert first.reference_code in client.get(response.url).content.decode()
    assert Inquiry.objects.count() == 1
