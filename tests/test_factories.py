"""tests/factories.py has a factory for every model the apps define, and each makes a row."""

import factory
import pytest
from django.apps import apps

from tests import factories

APPS = ("pages", "notifications", "intake", "booking", "staff")
# Written only the way the app writes them (audit_record, the seed command), or not a table.
NOT_MADE_DIRECTLY = {"AuditEntry", "SeededItem", "StaffPermissions", "PageDueForReview"}


def model_factories() -> dict:
    return {
        f._meta.model: f
        for f in vars(factories).values()
        if isinstance(f, type) and issubclass(f, factory.base.BaseFactory) and f._meta.model
    }


def test_every_model_has_a_factory():
    covered = set(model_factories())
    models = {
        m
        for name in APPS
        for m in apps.get_app_config(name).get_models()
        if m.__name__ not in NOT_MADE_DIRECTLY
    }
    assert models, "no models found"
    assert sorted(m.__name__ for m in models - covered) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory_class",
    [f for f in model_factories().values() if f is not factories.SiteSettingsFactory],
    ids=lambda f: f.__name__,
)
def test_each_factory_saves_a_valid_row(factory_class):
    row = factory_class()
    assert row.pk is not None
    assert type(row)._default_manager.filter(pk=row.pk).exists()
