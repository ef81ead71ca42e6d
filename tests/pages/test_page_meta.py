"""What a public page's head says about it (pages.selectors), as a table."""

import pytest

from pages.models import Page
from pages.selectors import PageLink, first_link_of_kind, page_description


@pytest.mark.parametrize(
    ("meta", "lede", "expected"),
    [
        ("Own words.", "The lede.", "Own words."),
        ("", "The lede.", "The lede."),
        ("", "", ""),
    ],
)
def test_a_pages_description_is_its_own_else_its_lede(meta, lede, expected):
    page = Page(title="T", slug="t", meta_description=meta, lede=lede)
    assert page_description(page=page, area_served="Orange County") == expected


def test_the_default_home_page_names_the_area_served():
    assert page_description(page=None, area_served="Orange County") == (
        "Ketamine-assisted couples therapy in Orange County."
    )


def test_the_first_link_of_a_kind_or_none():
    def link(i, kind):
        return PageLink(
            id=i,
            kind=kind,
            title=f"P{i}",
            menu_label="",
            url=f"/p{i}/",
            lede="",
            show_in_nav=False,
            updated_at=None,
        )

    index = [link(1, Page.Kind.TOPIC), link(2, Page.Kind.COST), link(3, Page.Kind.COST)]
    assert first_link_of_kind(index, Page.Kind.COST).id == 2
    assert first_link_of_kind(index, Page.Kind.PRIVACY) is None
