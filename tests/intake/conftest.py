"""Borrow the shared real-browser harness (tests/browser/conftest.py) for intake journeys."""

from tests.browser.conftest import (  # noqa: F401 - fixtures and hook registered by name
    browser,
    journey,
    pytest_runtest_makereport,
)
