"""Borrow the real-browser fixtures (tests/browser/conftest.py) for the pages browser tests."""

from tests.browser.conftest import browser, journey, open_journey  # noqa: F401
