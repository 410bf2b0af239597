"""Browser fixtures shared by every app's browser tests: Debian's Chromium driven by
Playwright against the live server (``browser``, ``page``), and ``shot`` to save a
full-page screenshot in ``var/screenshots/`` for a person to look at.

Without /usr/bin/chromium the tests that use them are skipped with a message naming the
Debian package, unless TCXD_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connections

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "test-password-123"  # tcxd/testing/factories.py UserFactory
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        message = (
            f"BROWSER TESTS NOT RUN: {CHROMIUM} is missing. Install Debian's package "
            "'chromium' (sudo apt-get install chromium) to run them."
        )
        if os.environ.get("TCXD_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django refuses database
    # calls from a thread with a running loop unless told that it is safe here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # While that loop runs, Django keeps database connections per async context, so this
    # thread would get fresh connections that know nothing of the test database's state
    # (for one, the serialized data that a transactional test restores). Keep using the
    # thread's own connections.
    own = {alias: connections[alias] for alias in connections}
    try:
        with sync_playwright() as playwright:
            for alias, connection in own.items():
                connections[alias] = connection
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, db, live_server) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    # Requesting the database here closes the tab before the database is emptied at the
    # end of the test: a late request of the browser must not meet a half-flushed database.
    # The browser asks for English, as many office browsers do: the site stays Vietnamese.
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on(
        "console",
        lambda msg: errors.append(msg.text) if msg.type == "error" else None,
    )
    yield tab
    context.close()
    assert not errors, f"errors in the browser console: {errors}"


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/")
