"""Serve cached public pages before the middleware that only signed-in and form pages need.

A cached public page is the same bytes for everyone: it reads no session, no user, no
messages and no CSRF token (pages.cache). Yet in the full middleware stack each request paid
for session, CSRF, authentication, OTP, messages and lockout middleware it never used; the
profile in the README showed that stack as most of a cached page's time. This middleware sits
below the header middleware (security, X-Frame-Options, CSP, Permissions-Policy), so a page
served from here carries exactly the headers it had before, and above the rest: on a hit the
request goes no further. On a miss the page is rendered and stored right here (it is rendered
without a request, so it needs nothing the lower middleware provide; this is also every
request with the page cache off, BENCH_NO_PAGE_CACHE). For a page that does not exist, any
other URL or any other method, the request continues down the stack to the view as before.

Visiting a public page therefore no longer extends a signed-in staff member's idle session
(SESSION_SAVE_EVERY_REQUEST); reading the public site is not work in the admin.
"""

from django.core.signals import setting_changed
from django.urls import Resolver404, resolve

from . import views

# Paths seen recently, and the page cache name each resolves to (None: not a public page).
_MAX_REMEMBERED_PATHS = 2048


class CachedPublicPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.cache_names: dict[str, str | None] = {}
        setting_changed.connect(self._forget_paths)

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            cache_name = self.cache_name(request.path_info)
            if cache_name is not None:
                entry = views.page_entry(cache_name)
                if entry is not None:
                    return views.cached_page_response(request, entry)
        return self.get_response(request)

    def cache_name(self, path: str) -> str | None:
        """The page cache name of the public page at `path`, from the URL configuration
        itself (so /book/ and /inquiry/ never look in the page cache)."""
        try:
            return self.cache_names[path]
        except KeyError:
            pass
        try:
            match = resolve(path)
        except Resolver404:
            name = None
        else:
            if match.func is views.home:
                name = views.page_cache_name()
            elif match.func is views.page_detail:
                name = views.page_cache_name(slug=match.kwargs["slug"])
            else:
                name = None
        if len(self.cache_names) >= _MAX_REMEMBERED_PATHS:
            self.cache_names.clear()
        self.cache_names[path] = name
        return name

    def _forget_paths(self, *, setting, **kwargs):
        if setting == "ROOT_URLCONF":
            self.cache_names.clear()
