"""The built site in Debian's Chromium: accessible (axe, WCAG 2.2 AA), private, and usable without JavaScript."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import threading
from importlib.resources import files

import pytest

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is required in CI: .ci/test installs Debian's package")
    pytest.skip("Debian's Chromium is not installed (bash .ci/test installs it as root)", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

PAGES = ["", "approaches/", "approaches/trust-and-agreement/", "approaches/open-space-technology/",
         "barriers/", "barriers/lack-of-trust/", "places/", "places/doncaster/", "themes/",
         "themes/relationships-and-trust/", "about/", "contributing/", "reference/"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    with socketserver.TCPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    context.set_default_timeout(5000)
    context.requests = []
    context.on("request", lambda request: context.requests.append(request.url))
    yield context
    context.close()


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(files("axe_playwright_python") / "axe.min.js"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def test_every_page_type_passes_axe_wcag22_aa(context, base_url):
    page = context.new_page()
    failures = {}
    for path in PAGES:
        page.goto(base_url + path)
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    assert failures == {}


def search(page, text: str):
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(text, delay=20)
    page.locator(".md-search-result__item").first.wait_for()


def test_search_open_passes_axe(context, base_url):
    page = context.new_page()
    page.goto(base_url)
    search(page, "trust")
    assert axe_violations(page) == []


@pytest.mark.parametrize("query, expected", [
    ("Whitmore", "GROW"), ("Doncaster", "Doncaster"), ("Deffenbaugh", "Trust and Agreement"),
    ("trust", "Partners don't trust each other"), ("wicked", "wicked"), ("board", "Board members")])
def test_search_finds_what_a_reader_types(context, base_url, query, expected):
    page = context.new_page()
    page.goto(base_url)
    search(page, query)
    titles = page.locator(".md-search-result__item").all_inner_texts()
    assert any(expected.casefold() in t.casefold() for t in titles[:10]), titles[:10]


def test_no_third_party_requests_and_no_cookies(context, base_url):
    page = context.new_page()
    for path in PAGES:
        page.goto(base_url + path)
    search(page, "trust")
    outside = [url for url in context.requests if not url.startswith((base_url, "data:", "blob:"))]
    assert outside == []
    assert context.cookies() == []


def test_readable_with_javascript_off(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "approaches/trust-and-agreement/")
    assert page.locator("h1").inner_text().startswith("Trust and Agreement")
    assert page.get_by_role("link", name="Doncaster").first.is_visible()
    page.goto(base_url + "approaches/")
    assert page.locator("article a[href*='trust-and-agreement']").count() >= 1
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_no_sideways_scrolling_on_phone_or_desktop(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in ("approaches/trust-and-agreement/", "places/", "approaches/"):
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    context.close()
