from django.conf import settings
from django.middleware import csp
from django.utils import translation
from django.utils.csp import CSP, build_policy

from clinic_site.i18n import language_of_path


class SecurityHeadersMiddleware:
    """Adds the headers Django does not set itself (Permissions-Policy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(csp.ContentSecurityPolicyMiddleware):
    """Django's CSP middleware, building a policy string once while no nonce is in it.

    A response whose page used no nonce (every cached public page, /healthz, redirects) gets
    the same policy every time; Django rebuilds it from the settings on each response, which
    the profile showed as the costliest header. A response that used its nonce is built
    per response, exactly as Django does.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        # id(config) -> (config, policy); holding config keeps its id from being reused.
        self._policies: dict[int, tuple[object, str]] = {}

    def process_response(self, request, response):
        nonce = csp.get_nonce(request)
        sentinel = object()
        if (csp_config := getattr(response, "_csp_config", sentinel)) is sentinel:
            csp_config = settings.SECURE_CSP
        if (csp_ro_config := getattr(response, "_csp_ro_config", sentinel)) is sentinel:
            csp_ro_config = settings.SECURE_CSP_REPORT_ONLY
        for header, config in (
            (CSP.HEADER_ENFORCE, csp_config),
            (CSP.HEADER_REPORT_ONLY, csp_ro_config),
        ):
            if config and header not in response:
                response.headers[str(header)] = self._policy(config, nonce)
        return response

    def _policy(self, config, nonce) -> str:
        if nonce:  # a LazyNonce is true once the page has read it
            return build_policy(config, nonce)
        known = self._policies.get(id(config))
        if known is None or known[0] is not config:
            known = self._policies[id(config)] = (config, build_policy(config, None))
        return known[1]


class PathLanguageMiddleware:
    """Activates the language the URL names, and only that: /es/… is Spanish, every other
    path (the English public site, the staff admin, webhooks) is English.

    No cookie, session or Accept-Language is read, so the same URL is always the same page
    (the page cache keys on the language alone) and a link is all a switcher needs. The
    previous language is restored afterwards, so nothing later in the same thread (a test, an
    eager task) inherits a visitor's language by accident.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of_path(request.path_info)
        previous = translation.get_language()
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            if previous is None:
                translation.deactivate_all()
            else:
                translation.activate(previous)
        response.headers.setdefault("Content-Language", language)
        return response
