"""Helpers that walk the public inquiry and a screening through the Django test client."""

from django.urls import reverse

from intake import instruments

CONTACT = {
    "contact_name": "Dana Whitfield",
    "contact_email": "dana@example.com",
    "contact_phone": "(949) 555-0134",
    "preferred_contact": "email",
    "email_consent": "on",  # asked under the email choice
    "sms_safe": "yes",
    "voicemail_ok": "no",
}
PARTNER = {"partner_first_name": "Robin"}
PARTNER_WITH_SMS = {
    "partner_first_name": "Robin",
    "partner_phone": "949-555-0177",
    "partner_preferred_contact": "sms",
    "partner_sms_safe": "yes",
    "partner_voicemail_ok": "no",
}
ELIGIBLE = {"both_adults": "yes", "in_california": "yes"}
CONCERNS = {
    "concerns": ["communication", "depression"],
    "message": "We keep having the same argument about money.",
}
INTEREST = {
    "medicine_interest": "both",
    "session_format": "in_person",
    "payment": "ppo",
    "insurance_carrier": "Blue Shield",
    "military_family": "no",
}
CONSENT = {"privacy_acknowledged": "on"}


def step_url(n: int) -> str:
    return reverse("intake:step", kwargs={"number": n})


def post_step(client, n: int, data: dict, **extra):
    return client.post(step_url(n), {**data, **extra})


def fill_steps_1_to_5(client, *, contact=None, partner=None, eligibility=None):
    for n, data in enumerate(
        [contact or CONTACT, partner or PARTNER, eligibility or ELIGIBLE, CONCERNS, INTEREST],
        start=1,
    ):
        response = post_step(client, n, data)
        assert response.status_code == 302, (n, response.content.decode()[:3000])
        assert response.url == step_url(n + 1)


def submission_token(client) -> str:
    response = client.get(step_url(6))
    return response.context["form"].initial["submission_token"]


def submit_inquiry(client, **kwargs):
    fill_steps_1_to_5(client, **kwargs)
    token = submission_token(client)
    response = post_step(client, 6, {**CONSENT, "submission_token": token})
    assert response.status_code == 302, response.content.decode()[:3000]
    return response, token


def calm_answers(key: str) -> dict:
    """The lowest-risk answers for every section."""
    instrument = instruments.get(key)
    answers = {}
    for item in instrument.items:
        if item.shown_if is not None:
            continue
        if item.multiple:
            continue
        plain = [o for o in item.options if not o.flag]
        answers[item.key] = plain[0].value if key != "csi4" else plain[-1].value
    if key == "relationship_safety":
        answers["feel_safe"] = "yes"
    if key == "pcptsd5":
        answers["gate"] = "no"
    if key == "drug_use":
        answers["any_use"] = "no"
    return answers


def post_section(client, url: str, key: str, answers: dict):
    return client.post(url, {"instrument_key": key, **answers})
