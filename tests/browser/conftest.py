"""A live server on loopback and Debian's Chromium driven by Playwright.

`playwright install` is never called: the browser is the system's /usr/bin/chromium.
"""

import os

import pytest

CHROMIUM = os.environ.get("MINGA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PHONE = {"locale": "en-GB", "viewport": {"width": 390, "height": 844}}


@pytest.fixture
def chromium(live_server):
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests, but there is no Chromium at {CHROMIUM}")
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (Debian package 'chromium')")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _phone_page(browser, **options):
    context = browser.new_context(**PHONE, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def browser_page(chromium):
    context, page = _phone_page(chromium)
    yield page
    context.close()


@pytest.fixture
def no_script_page(chromium):
    """A phone browser with JavaScript off: every page must work without it."""
    context, page = _phone_page(chromium, java_script_enabled=False)
    yield page
    context.close()
