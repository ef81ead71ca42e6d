"""Issue 13 item 6: consent to email is asked on step 1, right under the choice of email."""

import re

import pytest

from intake.forms import EMAIL_CONSENT_WORDING
from intake.models import Inquiry, PartnerScreening

from .flow import CONSENT, CONTACT, fill_steps_1_to_5, post_step, step_url, submission_token

pytestmark = pytest.mark.django_db


def test_the_email_consent_sits_right_under_the_choice_of_email(client):
    html = client.get(step_url(1)).content.decode()
    choice = html.index('name="preferred_contact" value="email"')
    followup = html.index('data-followup-value="email"')
    consent = html.index('name="email_consent"')
    next_question = html.index('name="sms_safe"')
    assert choice < followup < consent < next_question
    # in the page without JavaScript: a plain checkbox inside the follow-up group
    group = html[followup : html.index("</div>", consent)]
    assert 'class="choice-followup"' in html[followup - 200 : followup]
    assert 'type="checkbox"' in group


@pytest.mark.parametrize(
    ("preferred", "consent", "error"),
    [
        ("email", "", True),  # chose email, no consent: asked there
        ("email", "on", False),
        ("phone", "", False),  # consent to email is optional for another choice
        ("phone", "on", False),
        ("sms", "", False),
    ],
)
def test_choosing_email_without_consent_is_named_next_to_the_field_and_in_the_summary(
    client, preferred, consent, error
):
    data = {**CONTACT, "preferred_contact": preferred, "email_consent": consent}
    response = post_step(client, 1, data)
    if not error:
        assert response.status_code == 302 and response.url == step_url(2)
        return
    assert response.status_code == 400
    html = response.content.decode()
    wrapper = html[html.index('id="div_id_email_consent"') :][:3000]
    assert "You chose email" in wrapper and "invalid-feedback" in wrapper
    summary = html[
        html.index('id="error-summary"') : html.index("</div>", html.index('id="error-summary"'))
    ]
    assert re.search(r'<a href="#id_email_consent">[^<]*You chose email', summary)
    assert "<title>Error:" in html


def test_consent_given_on_step_1_is_recorded_and_not_asked_again(client):
    fill_steps_1_to_5(client)
    html = client.get(step_url(6)).content.decode()
    assert 'name="email_consent"' not in html
    post_step(client, 6, {**CONSENT, "submission_token": submission_token(client)})
    submitter = PartnerScreening.objects.get(role=PartnerScreening.Role.SUBMITTER)
    assert submitter.email_consent_wording == EMAIL_CONSENT_WORDING
    assert submitter.email_consent_at is not None
    assert Inquiry.objects.count() == 1


def test_without_email_chosen_the_last_step_still_offers_email(client):
    contact = {**CONTACT, "preferred_contact": "phone", "email_consent": ""}
    fill_steps_1_to_5(client, contact=contact)
    assert 'name="email_consent"' in client.get(step_url(6)).content.decode()
    token = submission_token(client)
    post_step(client, 6, {**CONSENT, "email_consent": "on", "submission_token": token})
    submitter = PartnerScreening.objects.get(role=PartnerScreening.Role.SUBMITTER)
    assert submitter.email_consent_wording == EMAIL_CONSENT_WORDING
