"""Who is asking: the client's IP address, for rate limits, login lockouts and the audit trail.

Behind a reverse proxy REMOTE_ADDR is the proxy's address, so every patient would share one
rate-limit bucket and the audit trail would record the proxy. X-Forwarded-For, though, is
written by whoever sends the request, so it is believed only as far as the proxies we run:
settings.TRUSTED_PROXY_IPS lists them (addresses or CIDR networks, nearest to the client
first, one entry per hop). The request must arrive from the last of them; the address just
before them in the chain (the proxy appends the address it saw) is the client. Without the
setting, or for a request that did not come through those proxies, it is REMOTE_ADDR and
X-Forwarded-For is ignored (a client cannot choose its own address).

django-ipware does the header parsing and proxy matching. This is the one place the project
asks; the rate limiter, django-axes (AXES_CLIENT_IP_CALLABLE) and staff.audit all call it.
"""

from __future__ import annotations

import ipaddress
from types import SimpleNamespace

from django.conf import settings
from ipware import get_client_ip


def _valid(raw: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((raw or "").strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's IP address as a string, or None if there is no valid one."""
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    proxies = list(settings.TRUSTED_PROXY_IPS or ())  # declared in settings/base.py
    if proxies and remote:
        forwarded = (request.META.get("HTTP_X_FORWARDED_FOR") or "").strip()
        # The hop that connected to us is part of the chain the trusted list describes.
        chain = f"{forwarded}, {remote}" if forwarded else remote
        ip, _routable = get_client_ip(
            SimpleNamespace(META={"HTTP_X_FORWARDED_FOR": chain}),
            proxy_order="left-most",
            proxy_trusted_ips=proxies,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if ip is not None:
            return _valid(ip)
    return _valid(remote)
