"""The queue stays fast at 100,000 inquiries: its first page is read from an index in order,
no per-row queries, and no COUNT(*) over the whole table on a page view.

The speed itself is measured by `make bench` (bench/run.py, at 10,000 and 100,000 inquiries);
these tests pin down the reasons it is fast, so a change that loses one fails here.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinic_site import pagination
from clinic_site.pagination import EstimatedCountPaginator
from intake.models import OPEN_STATUS_VALUES, Inquiry
from intake.selectors import OPEN_STATUSES
from tests.factories import InquiryFactory

QUEUE = "admin:intake_inquiry_changelist"


def _page_query(queries) -> str:
    """The SQL that fetched the rows (ordered by the priority rank), as a first page of 50.

    A list this short is not paginated; the first page of a long one adds LIMIT 50.
    """
    [sql] = [q["sql"] for q in queries if "priority_rank" in q["sql"] and "ORDER BY" in q["sql"]]
    return sql if "LIMIT" in sql else sql + " LIMIT 50"


def _plan(sql: str) -> str:
    """EXPLAIN with sorting and sequential scans priced out, as on a large table."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("", "intake_inq_rank_idx"),
        ("?state=open", "intake_inq_open_rank_idx"),
        ("?state=awaiting", "intake_inq_open_rank_idx"),
        ("?priority__exact=urgent", "intake_inq_rank_idx"),
        ("?channel=sms", "intake_inq_rank_idx"),
    ],
)
def test_the_first_page_is_read_in_order_from_an_index(client_for, front_desk, query, index):
    for priority in ("standard", "urgent", "not_eligible", "medical_review"):
        InquiryFactory(priority=priority)
    client = client_for(front_desk)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(QUEUE) + query).status_code == 200
    plan = _plan(_page_query(queries.captured_queries))
    assert index in plan
    # The index gives the queue's order: nothing is sorted, so LIMIT 50 reads 50 rows.
    assert not re.search(r"^\s*(->\s*)?(Incremental )?Sort\b", plan, re.M), plan


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_page_view_never_counts_every_row(client_for, front_desk, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "exact_limit", 3)
    for _ in range(5):
        InquiryFactory()
    client = client_for(front_desk)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse(QUEUE))
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(")]
    assert counts, "the bounded count runs"
    assert all("LIMIT 4" in sql for sql in counts), counts
    cl = page.context["cl"]
    assert cl.paginator.is_estimate
    assert "about " in page.content.decode()
    assert len(cl.result_list) == 5


@pytest.mark.django_db
def test_a_short_list_is_counted_exactly(client_for, front_desk):
    for _ in range(3):
        InquiryFactory()
    page = client_for(front_desk).get(reverse(QUEUE))
    cl = page.context["cl"]
    assert (cl.result_count, cl.paginator.is_estimate) == (3, False)
    assert "3 inquiries" in page.content.decode()
    assert "about 3" not in page.content.decode()


@pytest.mark.postgres
@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("term", ["KC-7Q4M2", "kc-7q4m2", "7q4m2"])
def test_a_search_by_reference_code_reads_its_index(client_for, front_desk, term):
    target = InquiryFactory(reference_code="KC-7Q4M2")
    InquiryFactory(reference_code="KC-8R5N3")
    with CaptureQueriesContext(connection) as queries:
        page = client_for(front_desk).get(reverse(QUEUE), {"q": term})
    assert [row.pk for row in page.context["cl"].result_list] == [target.pk]
    searches = [q["sql"] for q in queries.captured_queries if "'KC-7Q4M2'" in q["sql"]]
    assert searches and not any("UPPER(" in sql for sql in searches), searches
    [count] = [sql for sql in searches if sql.startswith("SELECT COUNT(")]
    assert re.search(r"Index Cond: \(\(?reference_code\)?(::text)? = 'KC-7Q4M2'", _plan(count))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rows", "limit", "is_estimate"),
    [(0, 3, False), (3, 3, False), (4, 3, True), (12, 5, True)],
)
def test_estimated_count_paginator(rows, limit, is_estimate):
    for _ in range(rows):
        InquiryFactory()
    paginator = EstimatedCountPaginator(Inquiry.objects.order_by("pk"), 2)
    paginator.exact_limit = limit
    assert paginator.is_estimate is False
    count = paginator.count
    assert paginator.is_estimate is is_estimate
    if is_estimate:
        assert count > limit  # never less than the rows it has seen
    else:
        assert count == rows


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_page_past_an_estimate_still_loads():
    for _ in range(4):
        InquiryFactory()
    paginator = EstimatedCountPaginator(Inquiry.objects.order_by("pk"), 2)
    paginator.exact_limit = 1
    assert paginator.is_estimate is False and paginator.count >= 2
    assert paginator.is_estimate
    assert list(paginator.page(paginator.num_pages + 3).object_list) == []


@pytest.mark.postgres
@pytest.mark.django_db
def test_an_estimate_is_kept_briefly_and_an_exact_count_never(
    monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(EstimatedCountPaginator, "exact_limit", 3)
    for _ in range(4):
        InquiryFactory(priority="standard")
    queryset = Inquiry.objects.order_by("pk")
    first = EstimatedCountPaginator(queryset, 2).count
    with django_assert_num_queries(0):  # neither the bounded count nor the EXPLAIN
        again = EstimatedCountPaginator(queryset, 2)
        assert (again.count, again.is_estimate) == (first, True)
    monkeypatch.setattr(pagination, "ESTIMATE_SECONDS", 0)
    with django_assert_num_queries(2):  # kept no longer: counted and estimated again
        assert EstimatedCountPaginator(queryset, 2).count >= 4
    # Below the limit the count is exact on every page view: one more row shows at once.
    few = Inquiry.objects.filter(priority="urgent").order_by("pk")
    assert EstimatedCountPaginator(few, 2).count == 0
    InquiryFactory(priority="urgent")
    assert EstimatedCountPaginator(few, 2).count == 1


def test_the_open_index_covers_the_open_statuses():
    assert set(OPEN_STATUS_VALUES) == {str(s) for s in OPEN_STATUSES}


@pytest.mark.django_db
def test_the_queue_makes_the_same_few_queries_for_1_or_50_rows(client_for, front_desk):
    client = client_for(front_desk)

    def page_queries() -> list[str]:
        client.get(reverse(QUEUE))  # warm the site-settings cache
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse(QUEUE))
        assert page.status_code == 200
        return [q["sql"] for q in queries.captured_queries]

    InquiryFactory()
    one = page_queries()
    for _ in range(49):
        InquiryFactory(assigned_to=front_desk)
    fifty = page_queries()
    assert len(fifty) == len(one)
    # Session, user, TOTP device, 2 × permissions, bounded count, the page, next
    # appointments (the session's expiry is written at most once a minute): no query per row.
    assert len(fifty) <= 8, fifty


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_bounded_count_reads_inquiries_alone(client_for, front_desk, monkeypatch):
    """The first-contact time comes from a subquery: the count joins nothing."""
    monkeypatch.setattr(EstimatedCountPaginator, "exact_limit", 3)
    for _ in range(5):
        InquiryFactory()
    with CaptureQueriesContext(connection) as queries:
        client_for(front_desk).get(reverse(QUEUE))
    [count] = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(")]
    assert "JOIN" not in count, count


@pytest.mark.django_db
def test_the_queue_queryset_is_built_once_and_never_shared(client_for, front_desk):
    """The annotated query is kept per process; each request gets its own clone, so one
    request's filter never leaks into the next one's rows."""
    urgent = InquiryFactory(priority="urgent")
    standard = InquiryFactory(priority="standard")
    client = client_for(front_desk)
    filtered = client.get(reverse(QUEUE) + "?priority__exact=urgent").context["cl"]
    assert [i.pk for i in filtered.result_list] == [urgent.pk]
    unfiltered = client.get(reverse(QUEUE)).context["cl"]
    assert [i.pk for i in unfiltered.result_list] == [urgent.pk, standard.pk]
    assert unfiltered.model_admin._queue_queryset._result_cache is None


@pytest.mark.django_db
def test_the_actions_are_worked_out_once_per_request(client_for, front_desk, monkeypatch):
    """Django asks for the list's actions several times a page; each answer filters every
    action by permission. The queue works them out once, and still offers them all."""
    from django.contrib.admin import ModelAdmin

    calls = []
    real = ModelAdmin._filter_actions_by_permissions

    def counting(self, request, actions):
        calls.append(type(self).__name__)
        return real(self, request, actions)

    monkeypatch.setattr(ModelAdmin, "_filter_actions_by_permissions", counting)
    InquiryFactory()
    page = client_for(front_desk).get(reverse(QUEUE))
    assert page.status_code == 200
    assert calls == ["InquiryAdmin"]
    choices = dict(page.context["action_form"].fields["action"].choices)
    assert {"assign_to_me", "mark_contacted", "close_with_reason"} <= set(choices)
