"""The client's IP address, behind the reverse proxies we trust and no others."""

import pytest
from django.test import RequestFactory

from clinic_site.client_ip import client_ip

ONE_PROXY = ["10.0.0.0/8"]
TWO_PROXIES = ["10.0.0.0/8", "172.16.0.0/12"]


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        # No proxies configured: REMOTE_ADDR, whatever the header claims.
        ([], "198.51.100.7", "", "198.51.100.7"),
        ([], "198.51.100.7", "203.0.113.9", "198.51.100.7"),
        # Through our proxy: the address the proxy appended.
        (ONE_PROXY, "10.0.0.5", "203.0.113.9", "203.0.113.9"),
        (ONE_PROXY, "10.0.0.5", "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # spoofed first hop
        (ONE_PROXY, "10.0.0.5", "", "10.0.0.5"),  # a request from the proxy itself
        # Not through our proxy (straight to the app): the header is ignored.
        (ONE_PROXY, "198.51.100.7", "203.0.113.9", "198.51.100.7"),
        # Two proxies, nearest the client first.
        (TWO_PROXIES, "172.16.0.2", "203.0.113.9, 10.1.1.1", "203.0.113.9"),
        (TWO_PROXIES, "172.16.0.2", "6.6.6.6, 203.0.113.9, 10.1.1.1", "203.0.113.9"),
        (TWO_PROXIES, "172.16.0.2", "203.0.113.9, 198.51.100.1", "172.16.0.2"),  # bad hop
        # IPv6 and nonsense.
        (ONE_PROXY, "10.0.0.5", "2001:db8::1", "2001:db8::1"),
        ([], "not an address", "", None),
        (ONE_PROXY, "10.0.0.5", "not an address", "10.0.0.5"),
    ],
)
def test_client_ip(settings, trusted, remote, forwarded, expected):
    settings.TRUSTED_PROXY_IPS = trusted
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_axes_asks_the_same_helper(settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXY_IPS = ONE_PROXY
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert get_client_ip_address(request) == "203.0.113.9"
