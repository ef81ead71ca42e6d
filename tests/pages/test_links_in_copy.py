"""Issue 13 item 8: where the copy refers to another page, it links there (rendered safely
from Markdown at save time), and every such link leads to a page that exists."""

import importlib
import re

import pytest
from django.apps import apps
from django.core.management import call_command

from pages.markdown_render import render_markdown
from pages.models import FAQEntry, Section
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a href="(/[^"]*)"[^>]*>([^<]+)</a>')


def main_html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


@pytest.fixture
def seeded():
    call_command("seed_content", verbosity=0)


@pytest.mark.parametrize(
    ("url", "href", "text"),
    [
        ("/key-takeaways-and-faq/", "/privacy/", "privacy notice"),
        ("/key-takeaways-and-faq/", "/cost-and-insurance/", "cost and insurance page"),
        ("/cost-and-insurance/", "/inquiry/", "inquiry"),
        ("/", "/inquiry/", "inquiry form"),
    ],
)
def test_the_copy_links_where_it_names_another_page(client, seeded, url, href, text):
    assert (href, text) in LINK.findall(main_html(client, url))


def test_every_link_in_the_starter_copy_leads_to_a_page(client, seeded):
    bodies = [s.body_html for s in Section.objects.all()]
    bodies += [f.answer_html for f in FAQEntry.objects.all()]
    hrefs = {href for html in bodies for href, _text in LINK.findall(html)}
    assert {"/privacy/", "/cost-and-insurance/", "/inquiry/"} <= hrefs
    for href in sorted(hrefs):
        assert client.get(href.split("#")[0]).status_code == 200, href


def test_a_link_in_an_answer_is_kept_and_a_script_link_is_not():
    html = render_markdown("See our [privacy notice](/privacy/). [x](javascript:alert(1))")
    assert '<a href="/privacy/" rel="noopener noreferrer">privacy notice</a>' in html
    assert "javascript" not in html


def test_the_migration_links_untouched_starter_text_and_leaves_staff_edits_alone():
    migration = importlib.import_module("pages.migrations.0007_links_in_starter_copy")
    page = PageFactory(slug="faq")
    (old, new), *_ = migration.FAQ_ANSWERS
    untouched = FAQEntry.objects.create(page=page, question="Q1", answer_markdown=old, position=0)
    edited = FAQEntry.objects.create(
        page=page, question="Q2", answer_markdown=old + " Ask us.", position=1
    )
    migration.link_starter_copy(apps, None)
    untouched.refresh_from_db()
    edited.refresh_from_db()
    assert untouched.answer_markdown == new
    assert 'href="/cost-and-insurance/"' in untouched.answer_html
    assert edited.answer_markdown == old + " Ask us."
