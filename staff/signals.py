"""Signal receivers of the staff app (connected in StaffConfig.ready)."""

from staff.audit import audit_record


def record_login(sender, request, user, **kwargs):
    """Every sign-in is in the audit trail (who, when, from which IP)."""
    audit_record(request=request, user=user, action="login", obj=user, detail="password accepted")
