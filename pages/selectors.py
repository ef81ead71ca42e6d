"""Reads for the public pages, shaped so that a page costs a fixed number of queries.

An uncached page costs at most four: SiteSettings, the index of published pages (menu,
related links, footer links), the page itself with its treatment journey, and one UNION query
for all of its children. The first two are cached across pages; see `pages.cache`.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.db.models import CharField, F, IntegerField, TextField, Value
from django.db.models.functions import Cast, JSONObject

from .cache import generation_value
from .models import (
    FAQEntry,
    Fee,
    Page,
    PageRelation,
    Resource,
    Section,
    Takeaway,
    TeamMember,
    Testimonial,
    TreatmentJourney,
)


@dataclass(frozen=True)
class PageLink:
    """What other pages need to know about a published page to link to it."""

    id: int
    kind: str
    title: str
    menu_label: str
    url: str
    lede: str
    show_in_nav: bool
    updated_at: datetime


@dataclass(frozen=True)
class SectionView:
    heading: str
    anchor: str
    body_html: str


@dataclass(frozen=True)
class FAQView:
    question: str
    answer_html: str


@dataclass(frozen=True)
class ResourceView:
    title: str
    publisher: str
    year: int | None
    url: str


@dataclass(frozen=True)
class TestimonialView:
    quote: str
    attribution: str


@dataclass
class PageContent:
    sections: list[SectionView] = field(default_factory=list)
    faqs: list[FAQView] = field(default_factory=list)
    takeaways: list[str] = field(default_factory=list)
    resources: list[ResourceView] = field(default_factory=list)
    related: list[PageLink] = field(default_factory=list)
    testimonials: list[TestimonialView] = field(default_factory=list)
    team: list[TeamMember] = field(default_factory=list)
    fees: list[Fee] = field(default_factory=list)


def published_page_index() -> list[PageLink]:
    """Every published page in menu order (one query, then kept for this generation)."""
    return generation_value("index", _published_page_index_build)


def _published_page_index_build() -> list[PageLink]:
    return [
        PageLink(
            id=page.id,
            kind=page.kind,
            title=page.title,
            menu_label=page.menu_label,
            url=page.get_absolute_url(),
            lede=page.lede,
            show_in_nav=page.show_in_nav,
            updated_at=page.updated_at,
        )
        for page in Page.objects.published().only(
            "id", "kind", "title", "nav_label", "slug", "lede", "show_in_nav", "updated_at"
        )
    ]


def nav_links() -> list[PageLink]:
    return [
        link
        for link in published_page_index()
        if link.show_in_nav and link.kind in (Page.Kind.TOPIC, Page.Kind.COST)
    ]


def privacy_link() -> PageLink | None:
    return next((link for link in published_page_index() if link.kind == Page.Kind.PRIVACY), None)


def privacy_practices_link() -> PageLink | None:
    """The published Notice of Privacy Practices (HIPAA requires it on the website)."""
    return next(
        (link for link in published_page_index() if link.kind == Page.Kind.PRIVACY_PRACTICES),
        None,
    )


def published_team() -> list[TeamMember]:
    """The clinicians shown on the site, in order, without their photo bytes (pages link to
    each photo's own URL)."""
    return list(TeamMember.objects.filter(is_published=True).defer("photo"))


def published_page_get(*, slug: str | None = None, home: bool = False) -> Page | None:
    """The published page at `slug` (or the home page) with its journey.

    Kept per content generation like the menu index (pages.cache.generation_value): saving
    any page, child or site setting starts a new one. Only a page found is kept: a slug with
    no published page (yet: published_at may lie ahead) is looked up again each time.
    """
    name = "page:home" if home else f"page:slug:{slug}"
    return generation_value(
        name,
        lambda: _published_page_query(slug=slug, home=home),
        keep=lambda page: page is not None,
    )


def _published_page_query(*, slug: str | None, home: bool) -> Page | None:
    """The page and its journey in one query."""
    # No ORDER BY: a slug is unique and there is one home page, and ordering by the model's
    # Meta ordering was a third of this query's compile time (profiled).
    pages = Page.objects.published().select_related("journey").order_by()
    if home:
        pages = pages.filter(kind=Page.Kind.HOME).order_by("pk")
    else:
        # The home page lives at / only, never under its slug.
        pages = pages.filter(slug=slug).exclude(kind=Page.Kind.HOME)
    return next(iter(pages[:1]), None)


def draft_page_get(*, page_id: int) -> Page | None:
    """Any page, published or not, for a staff preview."""
    return Page.objects.select_related("journey").filter(pk=page_id).first()


def page_journey(page: Page) -> TreatmentJourney | None:
    try:
        return page.journey
    except TreatmentJourney.DoesNotExist:
        return None


_COLUMNS = ("c_kind", "c_position", "c_id", "c_a", "c_b", "c_c", "c_d", "c_n")


def _text(value: str = ""):
    return Value(value, output_field=CharField())


def _rows(queryset, kind: str, *, a, b=None, c=None, d=None, n=None):
    return (
        queryset.order_by()
        .annotate(
            c_kind=_text(kind),
            c_position=F("position"),
            c_id=F("id"),
            c_a=Cast(a, TextField()),
            c_b=Cast(b if b is not None else _text(), TextField()),
            c_c=Cast(c if c is not None else _text(), TextField()),
            c_d=Cast(d if d is not None else _text(), TextField()),
            c_n=Cast(n if n is not None else Value(None), IntegerField()),
        )
        .values_list(*_COLUMNS)
    )


_TEAM_FIELDS = (
    "id", "name", "role", "credentials", "licence_type", "licence_number", "languages", "bio",
    "photo_alt", "photo_version",
)  # fmt: skip


def _children_union(*, page_id: int, with_testimonials: bool, with_team: bool, with_fees: bool):
    parts = [
        _rows(Section.objects.filter(page_id=page_id), "section", a=F("heading"),
              b=F("body_html"), c=F("anchor")),
        _rows(FAQEntry.objects.filter(page_id=page_id), "faq", a=F("question"),
              b=F("answer_html")),
        _rows(Takeaway.objects.filter(page_id=page_id), "takeaway", a=F("text")),
        _rows(Resource.objects.filter(page_id=page_id), "resource", a=F("title"),
              c=F("publisher"), d=F("url"), n=F("year")),
        _rows(PageRelation.objects.filter(page_id=page_id), "related", a=_text(),
              n=F("related_page_id")),
    ]  # fmt: skip
    if with_testimonials:
        parts.append(
            _rows(
                Testimonial.objects.filter(is_published=True, consent_date__isnull=False),
                "testimonial",
                a=F("quote"),
                c=F("attribution"),
            )
        )
    if with_team:
        # All of a clinician's public fields travel as one JSON text column of the UNION.
        parts.append(
            _rows(
                TeamMember.objects.filter(is_published=True),
                "team",
                a=JSONObject(**{name: F(name) for name in _TEAM_FIELDS}),
            )
        )
    if with_fees:
        parts.append(
            _rows(
                Fee.objects.filter(is_published=True),
                "fee",
                a=F("name"),
                c=F("note"),
                d=F("amount"),
            )  # fmt: skip
        )
    return parts[0].union(*parts[1:], all=True).order_by()


# Building and compiling the UNION took longer than running it (profiled: about two
# thirds of an uncached page's time in this function), and its SQL never changes: compile it
# once per process and database, with a marker where the page's id goes, and run it with the
# id put in. Still one parameterised query; the ORM's own output, unchanged.
_PAGE_ID_MARK = -7_700_000_077
_compiled_children: dict[tuple, tuple[str, tuple]] = {}


def _children_rows(*, page_id: int, **parts: bool) -> list[tuple]:
    key = (connection.vendor, *sorted(parts.items()))
    compiled = _compiled_children.get(key)
    if compiled is None:
        union = _children_union(page_id=_PAGE_ID_MARK, **parts)
        compiled = _compiled_children[key] = union.query.sql_with_params()
    sql, params = compiled
    with connection.cursor() as cursor:
        cursor.execute(sql, [page_id if p == _PAGE_ID_MARK else p for p in params])
        return cursor.fetchall()


def page_content_for(page: Page | None) -> PageContent:
    """What a public page shows below its text: the home page its testimonials and team, the
    cost page its fees; the default home page (no page yet) nothing."""
    if page is None:
        return PageContent()
    return page_content(
        page=page,
        with_testimonials=page.kind == Page.Kind.HOME,
        with_team=page.kind == Page.Kind.HOME,
        with_fees=page.kind == Page.Kind.COST,
    )


def page_description(*, page: Page | None, area_served: str) -> str:
    """The meta description: the page's own, else its lede; the default home page's."""
    if page is None:
        return f"Ketamine-assisted couples therapy in {area_served}."
    return page.meta_description or page.lede


def first_link_of_kind(index: list[PageLink], kind: str) -> PageLink | None:
    return next((link for link in index if link.kind == kind), None)


def page_content(
    *, page: Page, with_testimonials: bool = False, with_team: bool = False, with_fees: bool = False
) -> PageContent:
    """All children of `page` in ONE query (a UNION over the child tables)."""
    rows = sorted(
        _children_rows(
            page_id=page.pk,
            with_testimonials=with_testimonials,
            with_team=with_team,
            with_fees=with_fees,
        ),
        key=lambda row: (row[1], row[2]),
    )

    content = PageContent()
    index = {link.id: link for link in published_page_index()}
    for kind, _position, _id, a, b, c, d, n in rows:
        if kind == "section":
            content.sections.append(SectionView(heading=a, anchor=c, body_html=b))
        elif kind == "faq":
            content.faqs.append(FAQView(question=a, answer_html=b))
        elif kind == "takeaway":
            content.takeaways.append(a)
        elif kind == "resource":
            content.resources.append(ResourceView(title=a, publisher=c, year=n, url=d))
        elif kind == "related" and n in index:
            content.related.append(index[n])
        elif kind == "testimonial":
            content.testimonials.append(TestimonialView(quote=a, attribution=c))
        elif kind == "fee":
            content.fees.append(Fee(name=a, note=c, amount=d))
        elif kind == "team":
            content.team.append(TeamMember(**json.loads(a)))
    return content
