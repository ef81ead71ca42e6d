"""Reads for the public pages, shaped so that a page costs a fixed number of queries.

An uncached page costs at most four: SiteSettings, the index of published pages (menu,
related links, footer links), the page itself with its treatment journey, and one UNION query
for all of its children. The first two are cached across pages; see `pages.cache`.
"""

import copy
import json
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection
from django.db.models import (
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, JSONObject
from django.urls import reverse
from django.utils.translation import gettext

from clinic_site.i18n import (
    active_language,
    default_language,
    other_languages,
    path_in_language,
)

from .cache import generation_value
from .models import (
    FAQEntry,
    FAQEntryTranslation,
    Fee,
    Page,
    PageRelation,
    PageTranslation,
    Resource,
    Section,
    SectionTranslation,
    Takeaway,
    TakeawayTranslation,
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
    language: str = "en"  # the language of its title and lede (no reviewed translation: en)
    # The languages the page's own words exist in: English, and each language it has a
    # reviewed translation in (only those are advertised as its alternates: hreflang, sitemap).
    languages: tuple[str, ...] = ("en",)


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
    # The language the page's own words are shown in ("" before any content exists), and
    # its reviewed translation's page fields when that is another language.
    shown_language: str = ""
    page_translation: dict | None = None


def published_page_index() -> list[PageLink]:
    """Every published page in menu order (one query, then kept for this generation)."""
    return generation_value("index", _published_page_index_build)


def _published_page_index_build() -> list[PageLink]:
    pages = Page.objects.published().only(
        "id", "kind", "title", "nav_label", "slug", "lede", "show_in_nav", "updated_at"
    )
    language = active_language()
    pages = pages.annotate(**reviewed_in_annotations())
    if language != default_language():
        # Each page's reviewed translation, if any, in the same query (menu and links).
        reviewed = reviewed_translations(language)
        pages = pages.annotate(
            tr_title=Subquery(reviewed.values("title")[:1]),
            tr_nav_label=Subquery(reviewed.values("nav_label")[:1]),
            tr_lede=Subquery(reviewed.values("lede")[:1]),
        )
    links = []
    for page in pages:
        title = getattr(page, "tr_title", None) or page.title
        translated = bool(getattr(page, "tr_title", None))
        links.append(
            PageLink(
                id=page.id,
                kind=page.kind,
                title=title,
                menu_label=(page.tr_nav_label or title) if translated else page.menu_label,
                url=page.get_absolute_url(),
                lede=page.tr_lede if translated else page.lede,
                show_in_nav=page.show_in_nav,
                updated_at=page.updated_at,
                language=language if translated else default_language(),
                languages=page_languages(page),
            )
        )
    return links


def reviewed_translations(language: str):
    """The reviewed translations (a date and a reviewer) in `language` of the outer page."""
    return PageTranslation.objects.filter(
        page=OuterRef("pk"), language=language, reviewed_on__isnull=False
    ).exclude(reviewer_name="")


def reviewed_in_annotations() -> dict:
    """`reviewed_<code>` for each other language: whether the page has a reviewed
    translation in it (EXISTS subqueries: in the page query itself, no extra query)."""
    return {f"reviewed_{code}": Exists(reviewed_translations(code)) for code in other_languages()}


def page_languages(page: Page) -> tuple[str, ...]:
    """The languages a page annotated with reviewed_in_annotations() exists in."""
    return (default_language(),) + tuple(
        code for code in other_languages() if getattr(page, f"reviewed_{code}", False)
    )


def index_link(page: Page, index: list[PageLink]) -> PageLink | None:
    """`page`'s entry in the published index; None for a page not in it (a draft)."""
    return next((link for link in index if link.id == page.pk), None)


def languages_of(page: Page | None, index: list[PageLink]) -> tuple[str, ...] | None:
    """The languages `page` exists in, from the published index; None (every language) for
    the default home page, whose words all come from the catalogue; English only for a page
    not in the index (a draft shown to staff)."""
    if page is None:
        return None
    link = index_link(page, index)
    return link.languages if link else (default_language(),)


def page_path(page: Page | None, index: list[PageLink]) -> str:
    """The path of `page` (the home page when None) in the active language: from the
    published index, worked out once per content generation; a draft's is reversed."""
    if page is None:
        return reverse("pages:home")
    link = index_link(page, index)
    return link.url if link else page.get_absolute_url()


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


def _rows(queryset, kind: str, *, a, b=None, c=None, d=None, n=None, position=None):
    return (
        queryset.order_by()
        .annotate(
            c_kind=_text(kind),
            c_position=position if position is not None else F("position"),
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
    "id", "name", "role", "role_es", "credentials", "licence_type", "licence_number",
    "languages", "bio", "bio_es", "photo_alt", "photo_version",
)  # fmt: skip


_PAGE_TRANSLATION_FIELDS = (
    "title", "nav_label", "lede", "seo_title", "meta_description", "reviewed_on",
    "reviewer_name", "reviewer_credentials",
)  # fmt: skip


def _translation_parts(*, page_id: int, language: str) -> list:
    """The page's wording in `language`, and each translated child with its original's id."""
    first = Value(0, output_field=IntegerField())
    mine = {"page_id": page_id, "language": language}
    return [
        _rows(PageTranslation.objects.filter(**mine), "page_tr", position=first,
              a=JSONObject(**{name: F(name) for name in _PAGE_TRANSLATION_FIELDS})),
        _rows(SectionTranslation.objects.filter(**mine), "section_tr", position=first,
              a=F("heading"), b=F("body_html"), n=F("section_id")),
        _rows(FAQEntryTranslation.objects.filter(**mine), "faq_tr", position=first,
              a=F("question"), b=F("answer_html"), n=F("faq_id")),
        _rows(TakeawayTranslation.objects.filter(**mine), "takeaway_tr", position=first,
              a=F("text"), n=F("takeaway_id")),
    ]  # fmt: skip


def _children_union(
    *,
    page_id: int,
    with_testimonials: bool,
    with_team: bool,
    with_fees: bool,
    translated: str = "",
):
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
                b=JSONObject(name_es=F("name_es"), note_es=F("note_es"), amount_es=F("amount_es")),
                c=F("note"),
                d=F("amount"),
            )  # fmt: skip
        )
    if translated:
        # Another language's page: its translations come in the same query.
        parts.extend(_translation_parts(page_id=page_id, language=translated))
    return parts[0].union(*parts[1:], all=True).order_by()


# Building and compiling the UNION took longer than running it (profiled: about two
# thirds of an uncached page's time in this function), and its SQL never changes: compile it
# once per process and database, with a marker where the page's id goes, and run it with the
# id put in. Still one parameterised query; the ORM's own output, unchanged.
_PAGE_ID_MARK = -7_700_000_077
_compiled_children: dict[tuple, tuple[str, tuple]] = {}


def _children_rows(*, page_id: int, **parts) -> list[tuple]:
    key = (connection.vendor, *sorted(parts.items()))
    compiled = _compiled_children.get(key)
    if compiled is None:
        union = _children_union(page_id=_PAGE_ID_MARK, **parts)
        compiled = _compiled_children[key] = union.query.sql_with_params()
    sql, params = compiled
    with connection.cursor() as cursor:
        cursor.execute(sql, [page_id if p == _PAGE_ID_MARK else p for p in params])
        return cursor.fetchall()


def page_content_for(page: Page | None, *, keep: bool = False) -> PageContent:
    """What a public page shows below its text: the home page its testimonials and team, the
    cost page its fees; the default home page (no page yet) nothing.

    `keep` (a published page, not a preview): kept per content generation like the page row
    itself (published_page_get), in the active language: every child table, testimonials,
    team and fees start a new generation when saved (pages.signals), and related pages come
    from the page index of the same generation. Not to be changed by the caller."""
    if page is None:
        return PageContent()

    def build() -> PageContent:
        return page_content(
            page=page,
            with_testimonials=page.kind == Page.Kind.HOME,
            with_team=page.kind == Page.Kind.HOME,
            with_fees=page.kind == Page.Kind.COST,
        )

    if not keep:
        return build()
    return generation_value(f"content:{page.pk}:{page.kind}", build)


def page_description(*, page: Page | None, area_served: str) -> str:
    """The meta description: the page's own, else its lede; the default home page's."""
    if page is None:
        return gettext("Ketamine-assisted couples therapy in {area}.").format(area=area_served)
    return page.meta_description or page.lede


def first_link_of_kind(index: list[PageLink], kind: str) -> PageLink | None:
    return next((link for link in index if link.kind == kind), None)


def page_content(
    *, page: Page, with_testimonials: bool = False, with_team: bool = False, with_fees: bool = False
) -> PageContent:
    """All children of `page` in ONE query (a UNION over the child tables), in the active
    language: a reviewed translation where there is one (its rows come in the same query),
    else the English, with `shown_language` saying which."""
    language = active_language()
    translated = "" if language == default_language() else language
    rows = sorted(
        _children_rows(
            page_id=page.pk,
            with_testimonials=with_testimonials,
            with_team=with_team,
            with_fees=with_fees,
            translated=translated,
        ),
        key=lambda row: (row[1], row[2]),
    )

    content = PageContent(shown_language=default_language())
    index = {link.id: link for link in published_page_index()}
    sections, faqs, takeaways = [], [], []  # (id, view) in order
    words: dict[tuple[str, int], tuple] = {}  # ("section_tr", section id) -> (a, b)
    for kind, _position, row_id, a, b, c, d, n in rows:
        if kind == "section":
            sections.append((row_id, SectionView(heading=a, anchor=c, body_html=b)))
        elif kind == "faq":
            faqs.append((row_id, FAQView(question=a, answer_html=b)))
        elif kind == "takeaway":
            takeaways.append((row_id, a))
        elif kind == "page_tr":
            content.page_translation = json.loads(a)
        elif kind in ("section_tr", "faq_tr", "takeaway_tr"):
            words[(kind, n)] = (a, b)
        elif kind == "resource":
            content.resources.append(ResourceView(title=a, publisher=c, year=n, url=d))
        elif kind == "related" and n in index:
            content.related.append(index[n])
        elif kind == "testimonial":
            content.testimonials.append(TestimonialView(quote=a, attribution=c))
        elif kind == "fee":
            content.fees.append(Fee(name=a, note=c, amount=d, **json.loads(b)))
        elif kind == "team":
            content.team.append(TeamMember(**json.loads(a)))
    shown = content.page_translation
    if not (shown and shown.get("reviewed_on") and shown.get("reviewer_name")):
        # Never unreviewed words: no reviewed translation, the English as it is.
        content.page_translation = None
        words = {}
    else:
        content.shown_language = translated
    for row_id, view in sections:
        heading, body = words.get(("section_tr", row_id), (view.heading, view.body_html))
        content.sections.append(SectionView(heading=heading, anchor=view.anchor, body_html=body))
    for row_id, view in faqs:
        question, answer = words.get(("faq_tr", row_id), (view.question, view.answer_html))
        content.faqs.append(FAQView(question=question, answer_html=answer))
    content.takeaways = [words.get(("takeaway_tr", i), (text,))[0] for i, text in takeaways]
    return content


def shown_page(page: Page | None, content: PageContent) -> Page | None:
    """The page as shown: with its reviewed translation's words when `content` has one."""
    if page is None or not content.page_translation:
        return page
    return translated_page(page, content.page_translation)


def content_language(content: PageContent) -> str:
    """The language of the page's own words when it is not the page's (no reviewed
    translation yet), else "": those elements carry lang, the frame around them does not."""
    shown = content.shown_language
    return shown if shown and shown != active_language() else ""


def translated_page(page: Page, translation: dict) -> Page:
    """A copy of `page` (never saved) with its reviewed translation's words and review."""
    shown = copy.copy(page)
    for name in ("title", "nav_label", "lede", "seo_title", "meta_description"):
        setattr(shown, name, translation.get(name) or "")
    shown.last_reviewed_on = date.fromisoformat(translation["reviewed_on"])
    shown.reviewer_name = translation["reviewer_name"]
    shown.reviewer_credentials = translation.get("reviewer_credentials") or ""
    return shown


def canonical_path(path: str, languages: tuple[str, ...] | None) -> str:
    """The canonical path of a page: itself, or, when its words do not exist in the path's
    language (the English shown under /es/ with a note), the page in its own language."""
    if languages is None or active_language() in languages:
        return path
    return path_in_language(path, default_language())
