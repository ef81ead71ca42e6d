"""The queue's rows come from one template (staff/templatetags/staff_queue.py) instead of
Django admin's cell-by-cell `result_list`; the markup must be the same, cell for cell: the
checkbox, the link to the detail page with the list's filters kept, `tel:` links, relative
times, badges, overdue marks and the empty-value dash."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.admin.templatetags.admin_list import admin_list_filter, result_list
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tests.factories import AppointmentFactory, InquiryFactory, PartnerScreeningFactory

PT = ZoneInfo("America/Los_Angeles")
QUEUE = "admin:intake_inquiry_changelist"


def _table(html: str) -> str:
    """The results table (empty when there is none), whitespace between tags removed."""
    match = re.search(r'<table id="result_list">.*?</table>', html, re.S)
    return re.sub(r">\s+<", "><", match.group(0)).strip() if match else ""


def _make_rows(front_desk):
    now = timezone.now()
    overdue = InquiryFactory(
        priority="urgent",
        status="new",
        created_at=now - dt.timedelta(hours=3),
        triage_reasons=["Said they feel unsafe <tonight> & alone"],
    )
    InquiryFactory(priority="standard", status="new", created_at=now - dt.timedelta(minutes=20))
    InquiryFactory(
        priority="medical_review",
        status="in_review",
        contact_name="Dana O'Brien <b>&amp;",
        contact_phone="",
        preferred_contact="sms",
        assigned_to=front_desk,
        created_at=now - dt.timedelta(days=3),
    )
    booked = InquiryFactory(priority="not_eligible", status="closed", close_reason="Moved away")
    PartnerScreeningFactory(inquiry=overdue, completed_at=now)
    AppointmentFactory(inquiry=booked, start=now + dt.timedelta(days=2))


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 3, 4, 15, 0, tzinfo=PT), tick=False)
@pytest.mark.parametrize(
    "query", ["", "?status__exact=new&o=3.-5", "?assigned=me&priority__exact=medical_review"]
)
@pytest.mark.parametrize("who", ["front_desk", "clinician"])
def test_the_rows_are_django_admins_markup(client_for, request, front_desk, who, query):
    _make_rows(front_desk)
    user = request.getfixturevalue(who)
    page = client_for(user).get(reverse(QUEUE) + query)
    assert page.status_code == 200
    stock = render_to_string("admin/change_list_results.html", result_list(page.context["cl"]))
    ours = _table(page.content.decode())
    assert ours == _table(stock)
    shown = len(page.context["cl"].result_list)
    assert ours.count("<tr>") == (shown + 1 if shown else 0)  # header row + one per inquiry
    assert shown or (who, query) == ("clinician", "?assigned=me&priority__exact=medical_review")
    if query.startswith("?status"):
        # The detail links keep the list's filters, as Django's do.
        assert "_changelist_filters=status__exact%3Dnew%26o%3D3.-5" in ours


@pytest.mark.django_db
def test_an_empty_queue_shows_no_table(client_for, front_desk):
    page = client_for(front_desk).get(reverse(QUEUE))
    assert page.status_code == 200
    assert 'id="result_list"' not in page.content.decode()
    assert "0 inquiries" in page.content.decode()


def _actions(html: str) -> str:
    match = re.search(r'<div class="actions">.*?</div>', html, re.S)
    return re.sub(r"\s+", " ", match.group(0)) if match else ""


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["front_desk", "clinician"])
def test_the_action_picker_is_django_admins_markup(client_for, request, front_desk, who):
    """The picker is rendered once per set of actions and language; it must stay what
    Django's actions.html renders for the same form, for each role's actions."""
    _make_rows(front_desk)
    client = client_for(request.getfixturevalue(who))
    for _ in range(2):  # the second page view is served the kept markup
        page = client.get(reverse(QUEUE))
        names = ("action_form", "actions_selection_counter", "selection_note", "cl")
        stock = render_to_string("admin/actions.html", {n: page.context[n] for n in names})
        assert _actions(page.content.decode()) == _actions(stock) != ""


@pytest.mark.django_db
def test_the_admin_context_is_djangos_with_the_app_list_built_on_demand(rf, django_user_model):
    from django.contrib.admin import AdminSite
    from django.contrib.admin import site as clinic_site

    request = rf.get("/admin/")
    request.user = django_user_model.objects.create(
        username="root", is_staff=True, is_active=True, is_superuser=True
    )
    ours, stock = clinic_site.each_context(request), AdminSite.each_context(clinic_site, request)
    assert ours.keys() == stock.keys()
    assert list(ours["available_apps"]) == stock["available_apps"]
    assert list(ours["log_entries"]) == list(stock["log_entries"])
    plain = ours.keys() - {"available_apps", "log_entries"}
    assert {k: ours[k] for k in plain} == {k: stock[k] for k in plain}


def _squashed(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "?status__exact=new&o=3.-5",
        "?assigned=me&priority__exact=urgent",
        "?q=KC-AAAAA",
        "?channel=sms&channel=email",  # every value counts: not the same links as "?channel=email"
    ],
)
def test_the_filter_panels_are_django_admins_markup(client_for, front_desk, query):
    """Kept per language and filters: the second visit (from the kept copy) and a visit
    with other filters each show exactly what Django's own filter panels would."""
    client = client_for(front_desk)
    client.get(reverse(QUEUE) + "?channel=email")  # a kept copy for a near miss
    for _ in range(2):
        page = client.get(reverse(QUEUE) + query)
        cl = page.context["cl"]
        stock = "".join(admin_list_filter(cl, spec) for spec in cl.filter_specs)
        html = _squashed(page.content.decode())
        assert _squashed(stock) in html
        filtered = any(f in query for f in ("exact=", "assigned=", "channel="))  # not o=, q=
        assert ("Clear all filters" in html) is filtered
    if "status__exact=new" in query:
        assert 'class="selected"><a href="?o=3.-5&amp;status__exact=new">' in html
