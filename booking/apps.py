from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "booking"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
