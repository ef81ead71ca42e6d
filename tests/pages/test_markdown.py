import pytest

from pages.markdown_render import html_to_text, render_markdown


@pytest.mark.parametrize(
    ("source", "must_not_contain"),
    [
        ("Hi <script>alert('x')</script> there", ["<script", "alert("]),
        ("[click](javascript:alert(1))", ["javascript:"]),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', ["javascript:", "JaVaScRiPt"]),
        ('<a href="https://ok.example" onclick="steal()">ok</a>', ["onclick", "steal"]),
        ('<img src="x" onerror="alert(1)">', ["<img", "onerror"]),
        ('<p onmouseover="x()">text</p>', ["onmouseover"]),
        ('<iframe src="https://evil.example"></iframe>', ["<iframe", "evil.example"]),
        ('<p style="background:url(x)">styled</p>', ["style="]),
        ("[data](data:text/html;base64,PHNjcmlwdD4=)", ["data:text"]),
        ("<svg><script>alert(1)</script></svg>", ["<svg", "<script"]),
        ('<form action="/x"><input name="a"></form>', ["<form", "<input"]),
    ],
)
def test_it_strips_dangerous_markup(source, must_not_contain):
    html = render_markdown(source)
    for fragment in must_not_contain:
        assert fragment.lower() not in html.lower()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**bold** and *soft*", "<strong>bold</strong> and <em>soft</em>"),
        ("- one\n- two", "<li>one</li>"),
        ("[988](https://988lifeline.org/)", 'href="https://988lifeline.org/"'),
        ("[call](tel:+19496250564)", 'href="tel:+19496250564"'),
        ("# Big heading", "<h3>Big heading</h3>"),  # h1/h2 belong to the page and section
        ("## Smaller", "<h4>Smaller</h4>"),
    ],
)
def test_it_keeps_plain_formatting(source, expected):
    assert expected in render_markdown(source)


def test_links_open_without_giving_the_target_a_handle_on_us():
    assert 'rel="noopener noreferrer"' in render_markdown("[x](https://a.example)")


def test_html_to_text_collapses_tags_and_entities():
    assert html_to_text("<p>Tom &amp; <strong>Jerry</strong>\n  here</p>") == "Tom & Jerry here"
