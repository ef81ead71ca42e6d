from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "booking"

    def ready(self):
        from . import availability, signals  # noqa: F401 - signals connects the receivers

        availability.connect()
        availability.connect_catalog()
