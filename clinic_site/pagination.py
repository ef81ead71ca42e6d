"""A paginator for long admin lists that never counts a whole large table on a page view.

Django's paginator runs `SELECT COUNT(*)` over the filtered queryset on every page; over
100,000 inquiries that alone costs more than the page. This one counts exactly up to
`exact_limit` rows (a bounded count that stops there, cheap whatever the table's size) and,
beyond that, on PostgreSQL takes the planner's estimate of the filtered rows (EXPLAIN, no
rows read) and says so: `is_estimate` is True and templates write "about N".

An estimate is kept for ESTIMATE_SECONDS per query (this worker's memory): the queue's first
page, read by the whole front desk all day, then runs neither the bounded count nor the
EXPLAIN. Counts up to `exact_limit` are never kept, so a list that has always been short is
counted exactly on every view; one that was long may show its "about N" for up to
ESTIMATE_SECONDS after it shrinks (a page past the end then loads empty).
"""

import json
import time

from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connections
from django.utils.functional import cached_property

from clinic_site.kept import KeptInProcess


def planner_row_estimate(queryset) -> int | None:
    """The PostgreSQL planner's estimate of how many rows `queryset` returns; None elsewhere."""
    if connections[queryset.db].vendor != "postgresql":
        return None
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


ESTIMATE_SECONDS = 30.0
_estimates = KeptInProcess(limit=256)  # (db, limit, sql, params) -> (when, estimate)


def _estimate_key(*parts) -> tuple | None:
    """The key an estimate is kept under, or None when a part cannot be one (a list
    parameter of an array lookup): such a query is estimated afresh each time."""
    try:
        hash(parts)
    except TypeError:
        return None
    return parts


def forget_estimates() -> None:
    _estimates.clear()


class EstimatedCountPaginator(Paginator):
    """Exact counts up to `exact_limit` rows; above that an estimate, flagged `is_estimate`."""

    exact_limit = 1000
    is_estimate = False

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        rows = queryset.order_by().values("pk")
        try:
            sql, params = rows.query.sql_with_params()
        except EmptyResultSet:  # e.g. a search that matched no id: pk IN ()
            return 0
        key = _estimate_key(queryset.db, self.exact_limit, sql, tuple(params))
        kept = _estimates.get(key) if key is not None else None
        if kept is not None and time.monotonic() - kept[0] < ESTIMATE_SECONDS:
            self.is_estimate = True
            return kept[1]
        # COUNT(*) over a subquery with LIMIT: PostgreSQL stops reading at exact_limit + 1.
        seen = rows[: self.exact_limit + 1].count()
        if seen <= self.exact_limit:
            return seen
        estimate = planner_row_estimate(rows)
        if estimate is None:
            return queryset.count()
        self.is_estimate = True
        count = max(estimate, seen)
        if key is not None:
            _estimates.put(key, (time.monotonic(), count))
        return count

    def validate_number(self, number):
        # An estimate can fall short of the real count: a page past it still loads.
        if self.count and self.is_estimate:
            try:
                number = int(number)
            except (TypeError, ValueError):
                raise PageNotAnInteger("That page number is not an integer") from None
            if number < 1:
                raise EmptyPage("That page number is less than 1")
            return number
        return super().validate_number(number)
