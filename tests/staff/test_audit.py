"""The audit trail: who, when, what, from where; append-only; readable by clinic admins."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import RequestFactory
from django.urls import reverse

from staff.audit import REDACTED, audit_record, field_changes
from staff.models import AppendOnlyError, AuditEntry
from tests.factories import STAFF_PASSWORD, InquiryFactory, InstrumentResultFactory


def request_from(user, ip="203.0.113.9"):
    request = RequestFactory().get("/", REMOTE_ADDR=ip)
    request.user = user
    return request


@pytest.mark.django_db
def test_it_records_who_what_object_and_ip(front_desk):
    inquiry = InquiryFactory()
    entry = audit_record(
        request=request_from(front_desk),
        action="change",
        obj=inquiry,
        changes={"status": ["new", "contacted"]},
    )
    entry.refresh_from_db()
    assert entry.user == front_desk
    assert entry.username == "frontdesk"
    assert entry.ip_address == "203.0.113.9"
    assert entry.content_type == ContentType.objects.get_for_model(inquiry)
    assert entry.object_id == str(inquiry.pk)
    assert entry.object_repr == inquiry.reference_code
    assert entry.changes == {"status": ["new", "contacted"]}
    assert list(AuditEntry.objects.for_object(inquiry)) == [entry]


@pytest.mark.django_db
def test_without_a_user_the_entry_is_the_systems():
    entry = audit_record(action="retention", detail="removed 0 inquiries")
    assert entry.user is None and entry.username == "" and entry.ip_address is None


@pytest.mark.django_db
def test_it_refuses_an_unknown_action():
    with pytest.raises(ValueError, match="unknown audit action"):
        audit_record(action="peek")


@pytest.mark.django_db
def test_changes_are_encrypted_at_rest(front_desk):
    entry = audit_record(
        user=front_desk, action="change", changes={"contact_phone": ["+19495550100", "+1"]}
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT changes FROM staff_auditentry WHERE id = %s", [entry.pk])
        raw = cursor.fetchone()[0]
    assert "9495550100" not in raw and "contact_phone" not in raw


@pytest.mark.django_db
def test_entries_cannot_be_changed_or_deleted_through_the_orm(front_desk):
    entry = audit_record(user=front_desk, action="view")
    entry.detail = "edited"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(detail="edited")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).detail == ""


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_refuses_update_and_delete_even_in_raw_sql(front_desk):
    entry = audit_record(user=front_desk, action="view")
    for sql in (
        "UPDATE staff_auditentry SET detail = 'x' WHERE id = %s",
        "DELETE FROM staff_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, detail="").exists()


@pytest.mark.django_db
def test_field_changes_lists_from_and_to_and_redacts_answers(front_desk):
    inquiry = InquiryFactory(status="new")
    before = type(inquiry).objects.get(pk=inquiry.pk)
    inquiry.status = "contacted"
    inquiry.assigned_to = front_desk
    assert field_changes(before, inquiry) == {
        "status": ["new", "contacted"],
        "assigned_to": [None, f"frontdesk (#{front_desk.pk})"],
    }
    result = InstrumentResultFactory(answers={"q1": 1})
    old = type(result).objects.get(pk=result.pk)
    result.answers = {"q1": 3}
    assert field_changes(old, result) == {"answers": [REDACTED, REDACTED]}
    assert field_changes(old, result, redact=()) == {"answers": [REDACTED, REDACTED]}


# --- the audit trail in the admin --------------------------------------------------------
@pytest.mark.django_db
def test_clinic_admin_reads_and_filters_the_trail(client_for, clinic_admin, front_desk):
    inquiry = InquiryFactory()
    other = InquiryFactory()
    audit_record(user=front_desk, action="view", obj=inquiry)
    audit_record(user=front_desk, action="view", obj=other)
    client = client_for(clinic_admin)
    url = reverse("admin:staff_auditentry_changelist")
    ct = ContentType.objects.get_for_model(inquiry)
    response = client.get(url, {"content_type__id__exact": ct.pk, "object_id": inquiry.pk})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    response = client.get(url, {"user__id__exact": front_desk.pk, "action__exact": "view"})
    assert response.context["cl"].result_count == 2


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["front_desk", "clinician"])
def test_other_roles_cannot_see_the_trail(request, client_for, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("admin:staff_auditentry_changelist")).status_code == 403


@pytest.mark.django_db
def test_nobody_can_add_change_or_delete_entries_in_the_admin(client_for, superuser):
    entry = audit_record(user=superuser, action="view")
    client = client_for(superuser)
    assert client.get(reverse("admin:staff_auditentry_add")).status_code == 403
    assert client.get(reverse("admin:staff_auditentry_delete", args=[entry.pk])).status_code == 403
    change_url = reverse("admin:staff_auditentry_change", args=[entry.pk])
    page = client.get(change_url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(change_url, {"detail": "edited"}).status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).detail == ""


@pytest.mark.django_db
def test_signing_in_is_recorded(client, front_desk):

    response = client.post(
        reverse("admin:login"),
        {"username": "frontdesk", "password": STAFF_PASSWORD},
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="login")
    assert entry.user == front_desk and entry.ip_address == "198.51.100.7"
