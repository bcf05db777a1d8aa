"""The 404 page in Chromium, wherever the site is served: styled, accessible, and every link leads to a page.

The site is served as GitHub Pages serves it, answering any address it does not have with /404.html: at the
published path (/knowledge-base/), at the server's root (the emitted tree, built without our plugin, as a fork or
a local server would serve it), and under another path when 404.html is asked for by name.
"""

from __future__ import annotations

import functools
import http.server
import socketserver
import threading
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.commands.test_emit import emitted, plain_site  # noqa: F401 (fixtures)
from tests.test_browser import axe_violations, browser  # noqa: F401 (browser is a fixture)

pytestmark = pytest.mark.browser
NOT_FOUND = "404 - Not found"


class _LikeGitHubPages(http.server.SimpleHTTPRequestHandler):
    """The site under `mount`; any address it does not have gets 404.html with status 404."""

    mount = "/"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        if path.startswith(self.mount):
            local = Path(self.translate_path("/" + path[len(self.mount):]))
            if local.is_file() or (local / "index.html").is_file():
                self.path = "/" + self.path[len(self.mount):]
                return super().do_GET()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def served(site: Path, mount: str):
    """The server's origin, with `site` served under `mount` (a path ending in '/')."""
    handler = functools.partial(type("Handler", (_LikeGitHubPages,), {"mount": mount}), directory=str(site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("site, mount, address, javascript", [
    ("built_site", "/knowledge-base/", "/knowledge-base/approaches/no-such-approach/", True),  # as published
    ("built_site", "/knowledge-base/", "/knowledge-base/approaches/no-such-approach/", False),  # without JavaScript
    ("plain_site", "/", "/approaches/no-such-approach/", True),  # the emitted tree at the server's root
    ("built_site", "/preview/", "/preview/404.html", True),  # another path, the page asked for by name
])
def test_the_404_page_is_styled_and_its_links_work_wherever_the_site_is_served(
        request, browser, site, mount, address, javascript):  # noqa: F811 (the fixture imported above)
    context = browser.new_context(java_script_enabled=javascript)
    failed = []
    context.on("response", lambda response: response.status >= 400 and response.request.resource_type != "document"
               and failed.append(response.url))
    try:
        with served(request.getfixturevalue(site), mount) as origin:
            page = context.new_page()
            response = page.goto(origin + address, wait_until="load")
            assert response.status == (200 if address.endswith("404.html") else 404)
            assert page.get_by_role("heading", level=1).inner_text() == NOT_FOUND
            sheets = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')]"
                                   ".map(link => [link.href, Boolean(link.sheet && link.sheet.cssRules.length)])")
            assert len(sheets) >= 3 and all(loaded for _, loaded in sheets), sheets  # Material's two, and ours
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
            used = page.evaluate("[...document.querySelectorAll('link[href], script[src]')].map(e => e.href || e.src)")
            assert not set(failed) & set(used), failed
            if address.startswith("/knowledge-base/"):
                assert failed == []  # elsewhere the preload scanner may guess from the page's own <base> and miss
            targets = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)"
                                    ".concat([...document.querySelectorAll('form[action]')].map(form => form.action))")
            inside = sorted({url.split("#")[0] for url in targets if url.startswith(origin)})
            assert origin + mount + "approaches/" in inside and origin + mount + "search/" in inside
            assert [url for url in inside if not url.startswith(origin + mount) or status_of(url) != 200] == []
            if javascript:  # axe runs as a script
                assert axe_violations(page) == []
    finally:
        context.close()
