"""Each partner's private screening through the test client: scoring, crisis panel, triage,
privacy between partners, bad tokens, replay and query budgets."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from intake import instruments
from intake.models import Inquiry, InstrumentResult
from intake.services import inquiry_booking_token, screening_link_token
from notifications.models import Message
from tests.factories import InquiryFactory, PartnerScreeningFactory

from .flow import calm_answers, post_section

pytestmark = pytest.mark.django_db

HEALTH_WORDS = (
    "suicid", "depress", "self-harm", "harm", "ptsd", "trauma", "alcohol", "drug", "ketamine",
    "phq", "gad", "safety", "abuse", "violence", "anxiety", "therapy", "medicine", "risk",
    "crisis", "screen", "partner",
)  # fmt: skip


@pytest.fixture
def couple():
    # The submitter's own name on the inquiry: the partner's welcome shows its first name only.
    inquiry = InquiryFactory(contact_name="Dana Whitfield")
    submitter = PartnerScreeningFactory(inquiry=inquiry, role="submitter", name="Dana")
    partner = PartnerScreeningFactory(inquiry=inquiry, role="partner", name="Robin")
    return inquiry, submitter, partner


def url_for(screening) -> str:
    return reverse("intake:screening", args=[screening_link_token(screening=screening)])


def answer_all(client, url, overrides=None):
    """Answer every section in order (calm unless overridden); return the last response."""
    overrides = overrides or {}
    response = None
    for _ in range(len(instruments.INSTRUMENTS)):
        page = client.get(url)
        if "instrument" not in (page.context or {}):
            break
        key = page.context["instrument"].key
        answers = {**calm_answers(key), **overrides.get(key, {})}
        response = post_section(client, url, key, answers)
        assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_a_partner_answers_every_section_and_each_is_scored_and_stored(client, couple):
    inquiry, submitter, _partner = couple
    url = url_for(submitter)
    first = client.get(url)
    html = first.content.decode()
    assert "Section 1 of 8" in html and "PHQ-9" in html
    assert "not monitored around the clock" in html and "741741" in html
    assert html.count("<h1") == 1

    answer_all(client, url)
    done = client.get(url)
    assert "your questionnaire is complete" in done.content.decode()
    keys = set(submitter.results.values_list("instrument", flat=True))
    assert keys == {i.key for i in instruments.INSTRUMENTS} - {"suicide_followup"}
    submitter.refresh_from_db()
    assert submitter.completed_at is not None and submitter.started_at is not None
    csi = submitter.results.get(instrument="csi4")
    assert (csi.total, csi.band, csi.positive) == (21, "no_notable_distress", False)
    phq = submitter.results.get(instrument="phq9")
    assert phq.version == instruments.PHQ9.version and phq.completed_at is not None
    inquiry.refresh_from_db()
    assert inquiry.priority == "standard" and inquiry.triaged_at is not None
    assert not Message.objects.exists()


def test_item_9_shows_the_crisis_panel_at_once_then_the_follow_up_and_alerts_staff(client, couple):
    inquiry, submitter, _partner = couple
    url = url_for(submitter)
    phq = {**calm_answers("phq9"), "q9": "1"}
    assert post_section(client, url, "phq9", phq).status_code == 302

    page = client.get(url)
    html = page.content.decode()
    assert page.context["instrument"].key == "suicide_followup"
    assert 'role="alert"' in html and "please reach out now" in html
    assert html.index("<h1") < html.index("please reach out now") < html.index("A few more")
    assert "Section 1 of 8" in html  # the follow-up is part of the PHQ-9 section

    inquiry.refresh_from_db()
    assert inquiry.priority == "urgent"
    assert any("PHQ-9 item 9" in reason for reason in inquiry.triage_reasons)
    alerts = Message.objects.filter(template_key="staff_urgent_alert")
    assert sorted(alerts.values_list("channel", flat=True)) == ["email", "sms"]
    for alert in alerts:
        text = f"{alert.subject} {alert.body} {alert.body_html}".lower()
        assert inquiry.reference_code.lower() in text
        for word in HEALTH_WORDS:
            assert word not in text, word
    # A later urgent answer does not alert twice.
    post_section(
        client, url, "suicide_followup", {**calm_answers("suicide_followup"), "plan": "yes"}
    )
    assert Message.objects.filter(template_key="staff_urgent_alert").count() == 2
    assert "please reach out now" in client.get(url).content.decode()


def test_relationship_safety_positive_shows_the_panel_and_never_messages_the_partner(
    client, couple
):
    inquiry, submitter, partner = couple
    partner.phone, partner.sms_safe = "+19495550177", True
    partner.email = "robin@example.com"
    partner.save()
    url = url_for(submitter)
    for key in ("phq9", "gad7", "pcptsd5", "auditc", "drug_use", "csi4"):
        post_section(client, url, key, calm_answers(key))
    assert 'role="alert"' not in client.get(url).content.decode()
    unsafe = {**calm_answers("relationship_safety"), "afraid_of_reaction": "yes"}
    post_section(client, url, "relationship_safety", unsafe)
    page = client.get(url)
    assert page.context["instrument"].key == "ketamine_medical"
    assert "please reach out now" in page.content.decode()
    inquiry.refresh_from_db()
    assert inquiry.priority == "urgent"
    recipients = {m.to for m in Message.objects.all()}
    assert recipients <= {"oncall@clinic.test", "+19495550100"}  # staff only
    assert "+19495550177" not in recipients and "robin@example.com" not in recipients


def test_a_medical_contraindication_marks_medical_review_when_the_partner_finishes(client, couple):
    inquiry, _submitter, partner = couple
    answer_all(client, url_for(partner), {"ketamine_medical": {"pregnancy": "not_sure"}})
    inquiry.refresh_from_db()
    assert inquiry.priority == "medical_review"
    assert any("Partner: ketamine medical" in reason for reason in inquiry.triage_reasons)
    assert not Message.objects.exists()


def test_non_prescribed_ketamine_ticked_among_the_drugs_marks_medical_review(client, couple):
    """Issue 12: it was stored but changed nothing."""
    inquiry, submitter, _partner = couple
    answer_all(
        client,
        url_for(submitter),
        {"drug_use": {"any_use": "yes", "kinds": ["cannabis", "ketamine"]}},
    )
    inquiry.refresh_from_db()
    assert inquiry.priority == "medical_review"
    assert "Submitter: non-prescribed ketamine in the past 12 months" in inquiry.triage_reasons


def test_one_partners_link_never_shows_the_others_answers_or_progress(couple):
    _inquiry, submitter, partner = couple
    dana, robin = Client(), Client()
    answer_all(dana, url_for(submitter))
    page = robin.get(url_for(partner))
    html = page.content.decode()
    assert page.context["screening"] == partner
    assert "Section 1 of 8" in html
    assert "Dana asked" in html  # who invited them, by first name only
    for leak in ("Whitfield", "complete", "finished", "your partner has"):
        assert leak not in html
    assert partner.results.count() == 0
    # Robin's answers land on Robin's screening only.
    post_section(robin, url_for(partner), "phq9", calm_answers("phq9"))
    assert partner.results.count() == 1 and submitter.results.count() == 8


@pytest.mark.parametrize(
    "make_token",
    [
        lambda s: screening_link_token(screening=s)[:-3] + "abc",  # tampered signature
        lambda s: screening_link_token(screening=s).replace("I", "J", 1),  # tampered value
        lambda s: inquiry_booking_token(inquiry=s.inquiry),  # another purpose
        lambda s: "not-a-token",
    ],
)
def test_a_tampered_or_foreign_token_opens_nothing(client, couple, make_token):
    _inquiry, submitter, _partner = couple
    url = reverse("intake:screening", args=[make_token(submitter)])
    response = client.get(url)
    assert response.status_code == 404
    assert "isn't valid any more" in response.content.decode()
    assert post_section(client, url, "phq9", calm_answers("phq9")).status_code == 404
    assert not InstrumentResult.objects.exists()


def test_a_link_expires_after_the_configured_days(client, couple, settings):
    _inquiry, submitter, _partner = couple
    url = url_for(submitter)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(
        days=settings.SCREENING_LINK_MAX_AGE_DAYS, hours=1
    )
    with time_machine.travel(later):
        assert client.get(url).status_code == 404


def test_reissuing_a_link_revokes_the_old_one(client, couple):
    from intake.services import screening_link_reissue

    _inquiry, submitter, _partner = couple
    old = url_for(submitter)
    new_token = screening_link_reissue(screening=submitter)
    assert client.get(old).status_code == 404
    assert client.get(reverse("intake:screening", args=[new_token])).status_code == 200


def test_an_out_of_range_answer_is_named_next_to_the_field_and_stores_nothing(client, couple):
    _inquiry, submitter, _partner = couple
    url = url_for(submitter)
    response = post_section(client, url, "phq9", {**calm_answers("phq9"), "q4": "7"})
    assert response.status_code == 400
    html = response.content.decode()
    block = html[html.index('id="div_id_q4"') :][:3000]
    assert "valid choice" in block
    missing = {k: v for k, v in calm_answers("phq9").items() if k != "q2"}
    response = post_section(client, url, "phq9", missing)
    html = response.content.decode()
    assert "Please choose an answer." in html[html.index('id="div_id_q2"') :][:3000]
    assert not InstrumentResult.objects.exists()


def test_item_9_above_0_with_another_item_missing_shows_the_panel_with_the_error_and_alerts(
    client, couple, settings, django_capture_on_commit_callbacks
):
    """Issue 12: a risk answer is never lost to a validation error elsewhere."""
    settings.STAFF_ALERT_EMAILS = ["oncall@clinic.test"]
    inquiry, submitter, _partner = couple
    url = url_for(submitter)
    answers = {**calm_answers("phq9"), "q9": "2"}
    del answers["q3"]
    with django_capture_on_commit_callbacks(execute=True):
        response = post_section(client, url, "phq9", answers)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in html and "Question 3: " in html  # issue 13's summary
    assert URGENT_PANEL in html and 'role="alert"' in html
    # Staff are alerted; only the flag is kept, none of the section's answers.
    inquiry.refresh_from_db()
    assert inquiry.priority == "urgent"
    assert any(
        "PHQ-9 item 9" in reason and "not saved" in reason for reason in inquiry.triage_reasons
    )
    alert = Message.objects.get(template_key="staff_urgent_alert", channel="email")
    assert alert.to == "oncall@clinic.test" and inquiry.reference_code in alert.subject
    assert not InstrumentResult.objects.exists()
    submitter.refresh_from_db()
    assert submitter.unsaved_risk_flags == ["phq9:q9"]
    # Sending it again (still incomplete) alerts nobody twice; completing it saves it once.
    post_section(client, url, "phq9", answers)
    assert Message.objects.filter(template_key="staff_urgent_alert", channel="email").count() == 1
    assert post_section(client, url, "phq9", {**answers, "q3": "0"}).status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.priority == "urgent"
    assert InstrumentResult.objects.filter(screening=submitter, instrument="phq9").count() == 1


def test_a_risk_answer_later_changed_on_the_saved_page_still_reaches_a_clinician(client, couple):
    inquiry, submitter, _partner = couple
    url = url_for(submitter)
    answers = {**calm_answers("phq9"), "q9": "1"}
    del answers["q1"]
    post_section(client, url, "phq9", answers)
    assert post_section(client, url, "phq9", calm_answers("phq9")).status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.priority == "urgent"


@pytest.mark.parametrize(
    ("key", "raw", "flagged"),
    [
        ("phq9", {"q9": "1"}, ["q9"]),
        ("phq9", {"q9": "0", "q1": "3"}, []),
        ("phq9", {"q9": "9"}, []),  # not one of its answers
        ("suicide_followup", {"intent": "yes"}, ["intent"]),
        ("relationship_safety", {"feel_safe": "not_always"}, ["feel_safe"]),
        ("ketamine_medical", {"pregnancy": "yes"}, []),  # medical review, not urgent
        ("gad7", {"q1": "3"}, []),
    ],
)
def test_which_partial_answers_count_as_risk(key, raw, flagged):
    assert instruments.urgent_flags_given(instruments.get(key), raw) == flagged


def test_a_replayed_section_is_saved_once(client, couple):
    _inquiry, submitter, _partner = couple
    url = url_for(submitter)
    post_section(client, url, "phq9", calm_answers("phq9"))
    again = post_section(client, url, "phq9", {**calm_answers("phq9"), "q9": "3"})
    assert again.status_code == 302
    assert submitter.results.get(instrument="phq9").answers["q9"] == "0"
    assert submitter.results.count() == 1


def test_save_and_resume_on_another_device(couple):
    _inquiry, submitter, _partner = couple
    url = url_for(submitter)
    post_section(Client(), url, "phq9", calm_answers("phq9"))
    post_section(Client(), url, "gad7", calm_answers("gad7"))
    page = Client().get(url)
    assert page.context["instrument"].key == "pcptsd5"
    assert "Section 3 of 8" in page.content.decode()


def test_answers_are_ciphertext_in_the_database(client, couple):
    from django.db import connection

    _inquiry, submitter, _partner = couple
    post_section(client, url_for(submitter), "drug_use", {})  # wrong section: ignored
    post_section(client, url_for(submitter), "phq9", {**calm_answers("phq9"), "q9": "2"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers, flagged_items FROM intake_instrumentresult")
        answers, flagged = cursor.fetchone()
        cursor.execute("SELECT triage_reasons FROM intake_inquiry")
        (reasons,) = cursor.fetchone()
    for raw in (answers, flagged, reasons):
        assert raw.startswith("gAAAA")
        assert '"' not in raw and "PHQ-9 item" not in raw  # no JSON, no plain text


def test_screening_pages_keep_to_a_small_query_budget(
    client, couple, django_assert_max_num_queries
):
    _inquiry, submitter, _partner = couple
    url = url_for(submitter)
    client.get(url)  # warm the site-settings cache
    with django_assert_max_num_queries(3):  # measured: 2 (screening + its results)
        client.get(url)
    with django_assert_max_num_queries(11):  # measured: 11 incl. savepoint and row locks
        post_section(client, url, "phq9", calm_answers("phq9"))
    with django_assert_max_num_queries(3):
        client.get(url)


def test_the_staff_alert_for_an_urgent_inquiry_names_only_the_reference(couple):
    from notifications.services import staff_alert_send

    inquiry, _s, _p = couple
    alerts = staff_alert_send(reference_code=inquiry.reference_code, related=inquiry)
    assert alerts  # the on-call email and phone in the test settings
    for message in alerts:
        text = f"{message.subject} {message.body}".lower()
        assert f"urgent inquiry {inquiry.reference_code.lower()}" in text
        for word in HEALTH_WORDS:
            assert word not in text, word


def test_an_inquiry_is_not_found_by_another_inquirys_screening(couple):
    inquiry, submitter, _partner = couple
    other = PartnerScreeningFactory(inquiry=InquiryFactory(), role="submitter")
    assert url_for(other) != url_for(submitter)
    assert Inquiry.objects.count() == 2


def test_a_passed_on_link_once_started_does_not_open_for_whoever_passed_it_on(couple):
    from intake.services import screening_link_reissue

    _inquiry, submitter, partner = couple
    assert partner.link_passed_on and not submitter.link_passed_on
    url = url_for(partner)
    dana, robin = Client(), Client()
    assert dana.get(url).status_code == 200  # not started yet: only section 1 to see
    assert post_section(robin, url, "phq9", calm_answers("phq9")).status_code == 302
    assert robin.cookies[f"intake_device_{partner.pk}"]["path"] == "/inquiry/s/"

    blocked = dana.get(url)
    html = blocked.content.decode()
    assert blocked.status_code == 403
    assert "opens on another device" in html
    assert "Section" not in html and "GAD-7" not in html
    assert post_section(dana, url, "gad7", calm_answers("gad7")).status_code == 403
    assert partner.results.count() == 1

    assert robin.get(url).context["instrument"].key == "gad7"  # Robin resumes
    fresh = reverse("intake:screening", args=[screening_link_reissue(screening=partner)])
    assert Client().get(fresh).context["instrument"].key == "gad7"  # staff sent a new link


def test_a_partner_link_sent_to_the_partner_is_not_bound_to_a_device(couple):
    from django.utils import timezone

    _inquiry, _submitter, partner = couple
    partner.email, partner.email_consent_at = "robin@example.com", timezone.now()
    partner.save()
    url = url_for(partner)
    post_section(Client(), url, "phq9", calm_answers("phq9"))
    assert Client().get(url).status_code == 200


URGENT_PANEL = "please reach out now"
RISK_WORDING = "thinking of ending your life"


def answer_up_to_relationship_safety(client, url):
    for key in ("phq9", "gad7", "pcptsd5", "auditc", "drug_use", "csi4"):
        assert post_section(client, url, key, calm_answers(key)).status_code == 302


def test_the_risk_panel_shows_once_on_the_next_page_and_never_to_a_later_visitor(couple):
    _inquiry, submitter, _partner = couple
    url = url_for(submitter)
    phone = Client()
    answer_up_to_relationship_safety(phone, url)
    unsafe = {**calm_answers("relationship_safety"), "afraid_of_reaction": "yes"}
    post_section(phone, url, "relationship_safety", unsafe)

    next_page = phone.get(url).content.decode()
    assert 'role="alert"' in next_page and URGENT_PANEL in next_page
    assert RISK_WORDING in next_page

    # The same phone reloading, another device opening the texted link days later, and the
    # done page at the end: only the general crisis information every intake page shows.
    reloaded = phone.get(url).content.decode()
    later = Client().get(url).content.decode()
    post_section(phone, url, "ketamine_medical", calm_answers("ketamine_medical"))
    done = phone.get(url).content.decode()
    later_done = Client().get(url).content.decode()
    for html in (reloaded, later, done, later_done):
        assert URGENT_PANEL not in html and RISK_WORDING not in html
        assert 'role="alert"' not in html
        assert "not monitored around the clock" in html and "741741" in html


def test_after_a_follow_up_yes_only_the_next_page_carries_the_panel(couple):
    _inquiry, submitter, _partner = couple
    url = url_for(submitter)
    phone = Client()
    post_section(phone, url, "phq9", {**calm_answers("phq9"), "q9": "2"})
    post_section(
        phone, url, "suicide_followup", {**calm_answers("suicide_followup"), "plan": "yes"}
    )
    next_page = phone.get(url)
    assert next_page.context["instrument"].key == "gad7"
    assert URGENT_PANEL in next_page.content.decode()
    for again in (phone.get(url), Client().get(url)):
        assert again.context["instrument"].key == "gad7"
        assert URGENT_PANEL not in again.content.decode()
        assert RISK_WORDING not in again.content.decode()


def test_the_follow_up_section_keeps_crisis_help_next_to_its_questions(couple):
    _inquiry, submitter, _partner = couple
    url = url_for(submitter)
    post_section(Client(), url, "phq9", {**calm_answers("phq9"), "q9": "1"})
    page = Client().get(url)  # its questions ask about ending one's life: help beside them
    assert page.context["instrument"].key == "suicide_followup"
    assert URGENT_PANEL in page.content.decode()


def test_the_one_time_flag_is_sealed_in_the_session(client, couple):
    from intake.views import CRISIS_PANEL_SESSION_KEY

    _inquiry, submitter, _partner = couple
    url = url_for(submitter)
    post_section(client, url, "phq9", {**calm_answers("phq9"), "q9": "1"})
    post_section(
        client, url, "suicide_followup", {**calm_answers("suicide_followup"), "intent": "yes"}
    )
    sealed = client.session[CRISIS_PANEL_SESSION_KEY]
    assert sealed.startswith("gAAAA") and "immediate" not in sealed
    client.get(url)
    assert CRISIS_PANEL_SESSION_KEY not in client.session  # popped when shown


CALL_NOW = "call <a"


def test_an_immediate_danger_answer_makes_the_next_page_lead_with_call_911_or_988(couple):
    _inquiry, submitter, _partner = couple
    url = url_for(submitter)
    phone = Client()
    post_section(phone, url, "phq9", {**calm_answers("phq9"), "q9": "3"})
    follow_up = phone.get(url).content.decode()
    assert URGENT_PANEL in follow_up and "or 988 now" not in follow_up  # at risk, not "now"
    post_section(
        phone,
        url,
        "suicide_followup",
        {**calm_answers("suicide_followup"), "thoughts_now": "yes"},
    )
    html = phone.get(url).content.decode()
    main = html[html.index('<main id="main"') :]
    lead = main.index('class="h3 crisis-panel__now"')
    # First thing in the page's content, before the heading and before the section.
    assert lead < main.index("<h1") < main.index("Worry and anxiety")
    lead_html = main[lead : main.index("</p>", lead)]
    assert 'href="tel:911"' in lead_html and 'href="tel:988"' in lead_html
    assert "Please call" in lead_html and "now." in lead_html
    for number in ("741741", "838255", "1-800-799-7233"):
        assert number in main
    assert "crisis-panel__now" not in phone.get(url).content.decode()  # once only


@pytest.mark.parametrize(
    ("answers", "immediate"),
    [
        ({"thoughts_now": "yes"}, True),
        ({"intent": "yes"}, True),
        ({"plan": "yes"}, False),
        ({"attempt_or_preparation": "yes"}, False),
        ({}, False),
    ],
)
def test_which_follow_up_answers_mean_immediate_danger(answers, immediate):
    scored = instruments.score(
        instruments.SUICIDE_FOLLOWUP, {**calm_answers("suicide_followup"), **answers}
    )
    assert instruments.raises_immediate_danger("suicide_followup", scored.flagged_items) is (
        immediate
    )


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_a_finished_link_opened_later_shows_the_same_page_whatever_the_answers(couple):
    """Issue 12: whoever reads the inbox later must not learn how the person answered."""
    _inquiry, submitter, _partner = couple
    # Another couple's submitter (a link sent to them, like this one) who answers calmly.
    calm = PartnerScreeningFactory(inquiry=InquiryFactory(), role="submitter", name="Robin")
    dana, robin = Client(), Client()
    answer_all(dana, url_for(submitter), {"phq9": {"q9": "1"}})  # a risk answer
    answer_all(robin, url_for(calm))  # none
    dana.get(url_for(submitter))  # the page right after: the panel, once
    risky_later = Client().get(url_for(submitter)).content.decode()  # the inbox, days later
    calm_later = Client().get(url_for(calm)).content.decode()
    risky_again = dana.get(url_for(submitter)).content.decode()  # the same phone, reloading
    assert "your questionnaire is complete" in risky_later
    assert main_of(risky_later) == main_of(calm_later) == main_of(risky_again)
    assert "one business day" in risky_later and "try to reach you soon" not in risky_later


@pytest.mark.parametrize(
    ("flag", "panel", "sooner"),
    [
        (None, None, False),
        ("urgent", "urgent", True),
        ("immediate", "immediate", True),
        ("something else", None, False),
    ],
)
def test_what_a_finished_screening_page_shows_depends_only_on_the_one_time_flag(
    flag, panel, sooner
):
    from intake.screening_pages import finished_screening_page

    page = finished_screening_page(crisis_flag=flag)
    assert (page.crisis_panel, page.reach_sooner) == (panel, sooner)


def test_the_section_count_stays_the_same_when_the_follow_up_is_asked(couple):
    _inquiry, submitter, partner = couple
    at_risk, calm = Client(), Client()
    counts = {}
    for client_, screening, q9 in ((at_risk, submitter, "1"), (calm, partner, "0")):
        url = url_for(screening)
        seen = []
        for _ in range(len(instruments.INSTRUMENTS)):
            page = client_.get(url)
            if "instrument" not in (page.context or {}):
                break
            html = page.content.decode()
            progress = html[html.index('id="section-progress">') :].split("<")[0]
            seen.append((page.context["instrument"].key, progress.split(">")[1]))
            key = page.context["instrument"].key
            answers = {**calm_answers(key), **({"q9": q9} if key == "phq9" else {})}
            post_section(client_, url, key, answers)
        counts[q9] = seen
    assert counts["1"][:3] == [
        ("phq9", "Section 1 of 8"),
        ("suicide_followup", "Section 1 of 8"),
        ("gad7", "Section 2 of 8"),
    ]
    assert [p for k, p in counts["1"] if k != "suicide_followup"] == [p for _k, p in counts["0"]]
    assert counts["0"][-1] == ("ketamine_medical", "Section 8 of 8")


def test_screening_page_titles_use_the_sites_separator(client, couple):
    from pages.models import SiteSettings

    _inquiry, submitter, _partner = couple
    html = client.get(url_for(submitter)).content.decode()
    clinic = SiteSettings.load().clinic_name
    assert f"<title>Section 1 of 8 | Your private questionnaire | {clinic}</title>" in html
