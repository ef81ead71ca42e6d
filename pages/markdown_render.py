"""Markdown written by staff → sanitized HTML, done once when the content is saved.

Markdown passes raw HTML through, so everything it produces is cleaned with nh3 against a
short allow-list: no scripts, no event-handler attributes, links only to http(s), mailto and
tel. Headings inside a body start at h3, because the page's h1 and the section's h2 come first.
"""

import html as html_lib

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote",
    "code", "pre", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
    "abbr", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(source: str) -> str:
    """Return safe HTML for a staff-written Markdown `source`."""
    html = markdown.markdown(
        source or "",
        extensions=["sane_lists", "tables", "toc"],
        extension_configs={"toc": {"baselevel": 3, "anchorlink": False}},
        output_format="html",
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def html_to_text(html: str) -> str:
    """Plain text of sanitized HTML (for structured data), whitespace collapsed."""
    text = nh3.clean(html, tags=set())
    return " ".join(html_lib.unescape(text).split())
