"""Signal receivers of the staff app (connected in StaffConfig.ready)."""

from django.conf import settings

from clinic_site import ratelimit
from staff.audit import audit_record

LOGIN_FAILURES_SCOPE = "login-failures"


def record_login(sender, request, user, **kwargs):
    """Every sign-in is in the audit trail (who, when, from which IP)."""
    audit_record(request=request, user=user, action="login", obj=user, detail="password accepted")


def count_login_failure(sender, credentials, request=None, **kwargs):
    """Count a wrong password against the sender's address, whatever the username, so one
    address trying many usernames is turned away (staff.admin_site); axes locks the username."""
    if request is not None:
        ratelimit.hit(
            LOGIN_FAILURES_SCOPE, ratelimit.client_ip(request), settings.LOGIN_IP_FAILURE_RATE
        )


def address_turned_away(request) -> bool:
    """True once this address has used up its wrong passwords for the hour."""
    return ratelimit.exceeded(
        LOGIN_FAILURES_SCOPE, ratelimit.client_ip(request), settings.LOGIN_IP_FAILURE_RATE
    )
