"""The plain booking flow's day and time pages, rendered once and reused.

These two pages are the same for every visitor who asks for the same URL while nothing
changes: the open days or times, the kind of appointment and its clinicians (the booking
catalog), the clinic's settings and menu, and the language. Only two values on the time page
belong to the request: the CSRF token and the hold key. So the page is rendered once with a
marker in their place, kept in this process, and the markers are replaced by the request's own
values on every request (escaped; the CSRF token is still the visitor's own, and the CSRF
cookie is set exactly as when the template asked for it).

What makes a kept page current: its key holds the open days/times themselves (computed per
request from the availability cache, which every appointment, hours, time-off and profile
change invalidates), so a booking or a cancellation shows on the next request; and it is reused
only while SiteSettings, the page index and the catalog objects it was rendered from are the
very objects the request reads (an edit gives new objects; see pages_tags.site_chrome). A
visitor with a message waiting (e.g. "that hold expired") gets a fresh render. Only public
URLs are kept: the reschedule screens (a private link in the path) never come here.
"""

from __future__ import annotations

import secrets

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.translation import get_language

from pages.models import SiteSettings
from pages.selectors import published_page_index

# Letters and digits only, so escaping leaves it as it is; unguessable, so no text on a page
# can contain it by chance.
_MARK = "zzbooking" + secrets.token_hex(12)
_MAX_KEPT = 256
_kept: dict[tuple, tuple[tuple, str]] = {}


def render_shared(request, template: str, context: dict, *, content, deps=(), per_request=()):
    """The response `render(request, template, context)` would give, from a kept rendering
    when one for the same key and inputs exists. `content`: hashable, everything the page
    shows besides `deps` (objects compared by identity) and the chrome; `per_request`: the
    context names whose values are this request's own (filled in per request)."""
    if len(get_messages(request)):
        return render(request, template, context)
    key = (template, get_language(), request.path, content)
    deps = (SiteSettings.load(), published_page_index(), *deps)
    kept = _kept.get(key)
    if kept is not None and _same_objects(kept[0], deps):
        html = kept[1]
    else:
        marked = {**context, "csrf_token": _MARK + "csrf", "csp_nonce": _MARK + "nonce"}
        marked.update({name: _MARK + name for name in per_request})
        html = render_to_string(template, marked, request=request)
        if _MARK + "nonce" in html:  # a page using its CSP nonce cannot be shared
            return render(request, template, context)
        if len(_kept) >= _MAX_KEPT:
            _kept.clear()
        _kept[key] = (deps, html)
    if _MARK + "csrf" in html:
        html = html.replace(_MARK + "csrf", conditional_escape(get_token(request)))
    for name in per_request:
        html = html.replace(_MARK + name, conditional_escape(context[name]))
    return HttpResponse(html)


def _same_objects(kept: tuple, current: tuple) -> bool:
    return len(kept) == len(current) and all(a is b for a, b in zip(kept, current, strict=True))
