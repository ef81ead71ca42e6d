"""The staff permissions backend answers exactly as Django's ModelBackend, in one query."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Group, Permission

from staff.permissions_backend import OneQueryPermissionsBackend
from staff.roles import CLINIC_ADMIN, CLINICIAN, FRONT_DESK
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


def _permission(codename: str) -> Permission:
    return Permission.objects.get(codename=codename)


def _fresh(user):
    """The user as the next request loads it: no permissions cached on the object."""
    return type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize(
    ("role", "own", "extra_group", "active", "superuser"),
    [
        (FRONT_DESK, [], None, True, False),  # a role's group alone
        (CLINICIAN, [], None, True, False),
        (CLINIC_ADMIN, [], None, True, False),
        (None, ["view_inquiry"], None, True, False),  # own permissions alone
        (FRONT_DESK, ["view_inquiry", "view_auditentry"], None, True, False),  # both, overlapping
        (FRONT_DESK, [], "Extra", True, False),  # two groups
        (None, [], None, True, False),  # nothing at all
        (CLINICIAN, ["view_inquiry"], None, False, False),  # inactive: nothing
        (None, [], None, True, True),  # superuser: every permission
    ],
)
def test_the_same_permissions_as_django(
    role, own, extra_group, active, superuser, django_assert_num_queries
):
    user = StaffUserFactory(role=role, is_active=active, is_superuser=superuser)
    user.user_permissions.add(*(_permission(c) for c in own))
    if extra_group:
        group = Group.objects.create(name=extra_group)
        group.permissions.add(_permission("delete_inquiry"))
        user.groups.add(group)
    expected = ModelBackend().get_all_permissions(_fresh(user))
    fresh = _fresh(user)
    with django_assert_num_queries(1 if active else 0):
        got = OneQueryPermissionsBackend().get_all_permissions(fresh)
        assert OneQueryPermissionsBackend().get_all_permissions(fresh) == got  # kept per request
    assert got == expected
    if active and (role or own or superuser):
        assert got


def test_a_role_change_applies_on_the_next_request(front_desk):
    backend = OneQueryPermissionsBackend()
    assert backend.has_perm(_fresh(front_desk), "intake.view_inquiry")
    front_desk.groups.clear()
    assert not backend.has_perm(_fresh(front_desk), "intake.view_inquiry")


def test_anonymous_and_object_permissions_are_empty(front_desk):
    backend = OneQueryPermissionsBackend()
    assert backend.get_all_permissions(AnonymousUser()) == set()
    assert backend.get_all_permissions(_fresh(front_desk), obj=object()) == set()


def test_signed_in_sessions_move_to_the_backend_with_it(front_desk, settings):
    """A session signed in through Django's ModelBackend stays signed in (the migration
    rewrites its backend); a session of another backend and an anonymous one are untouched."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user
    from django.test import RequestFactory

    migration = import_module("staff.migrations.0004_sessions_to_one_query_backend")
    store_class = import_module(settings.SESSION_ENGINE).SessionStore

    def session(backend):
        store = store_class()
        if backend:
            store[SESSION_KEY] = str(front_desk.pk)
            store[BACKEND_SESSION_KEY] = backend
            store[HASH_SESSION_KEY] = front_desk.get_session_auth_hash()
        store["kept"] = "yes"
        store.save()
        return store.session_key

    def user_of(key):
        request = RequestFactory().get("/")
        request.session = store_class(key)
        return get_user(request)

    old = session(migration.DJANGO_MODEL_BACKEND)
    other = session("axes.backends.AxesStandaloneBackend")
    anonymous = session(None)
    assert not user_of(old).is_authenticated  # before: signed out by the new settings
    assert (
        migration.sessions_backend_rename(
            apps, migration.DJANGO_MODEL_BACKEND, migration.ONE_QUERY_BACKEND
        )
        == 1
    )
    assert user_of(old) == front_desk
    assert store_class(old)["kept"] == "yes"
    assert store_class(other)[BACKEND_SESSION_KEY] == "axes.backends.AxesStandaloneBackend"
    assert BACKEND_SESSION_KEY not in store_class(anonymous).load()
