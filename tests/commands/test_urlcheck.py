"""`python -m generator urls`: web addresses in entries are well-formed, and answer when checked online.

The online checks talk only to a server on 127.0.0.1 started by the test: no test reaches the internet.
"""

from __future__ import annotations

import http.server
import socket
import subprocess
import sys
import threading

import pytest

from generator.commands.urlcheck import changed_entries, check_urls
from tests.conftest import commit_all, write

BODY = "\n## What it is\n{}\n\n## When to use it\nB.\n\n## How to use it\nC.\n\n## Watch out for\nD.\n"


def approach(sources_url: str, body: str) -> str:
    return (f"---\ntitle: Example\nsummary: An example.\noriginator: Someone\nthemes: [leading-change]\n"
            f"barriers: [action-stalls]\nsources:\n  - {{title: A book, url: \"{sources_url}\"}}\ntype: method\n"
            "group_size: {min: 2, max: 12}\nduration_minutes: {min: 30, max: 60}\n---\n"
            + BODY.format(body))


class _Handler(http.server.BaseHTTPRequestHandler):
    """/ok answers; /gone is 404; /no-head refuses HEAD but answers GET; /robots is 403 to everyone."""

    requests: list[str] = []

    def _answer(self, with_body: bool) -> None:
        self.requests.append(f"{self.command} {self.path}")
        status = {"/ok": 200, "/gone": 404, "/robots": 403,
                  "/no-head": 405 if self.command == "HEAD" else 200}.get(self.path, 500)
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(with_body=False)

    def do_GET(self):
        self._answer(with_body=True)

    def log_message(self, *args):
        pass


def closed_port() -> int:
    """A local port with nothing listening on it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def local_server():
    _Handler.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_malformed_addresses_are_reported_on_their_lines_offline(tree):
    body = ("Read [the guide](http:/example.org/guide) and [this](https://bad_host.example.org/).\n"
            "See <https://example.org:99999/> too.\n"
            "Not links: `https://example` and [a page](../other/) and [mail](mailto:someone@example.org).\n"
            "```\nhttps:/inside-a-fence\n[x](http:/also-inside)\n```\n"
            "[ref]: https://example.org/fine")
    write(tree, "approaches/example.md", approach("https://example/book", body))
    problems = [str(p) for p in check_urls(tree, ["approaches/example.md"])]
    assert problems == [
        "approaches/example.md:8: sources[0].url: 'https://example/book' is not a usable web address: "
        "'example' is not a valid site name",
        "approaches/example.md:15: body: 'http:/example.org/guide' is not a usable web address: "
        "it has no site name after //",
        "approaches/example.md:15: body: 'https://bad_host.example.org/' is not a usable web address: "
        "'bad_host.example.org' is not a valid site name",
        "approaches/example.md:16: body: 'https://example.org:99999/' is not a usable web address: "
        "its port number is not valid",
    ]


def test_offline_check_sends_no_request(tree, local_server):
    write(tree, "approaches/example.md", approach(f"{local_server}/gone", f"[x]({local_server}/ok)"))
    assert check_urls(tree, ["approaches/example.md"]) == []
    assert _Handler.requests == []


def test_online_check_reports_only_addresses_that_do_not_answer(tree, local_server):
    closed = closed_port()
    body = (f"[a]({local_server}/ok) [b]({local_server}/no-head) [c]({local_server}/robots) "
            f"[d](http://127.0.0.1:{closed}/) [e]({local_server}/ok)")
    write(tree, "approaches/example.md", approach(f"{local_server}/gone", body))
    problems = check_urls(tree, ["approaches/example.md"], online=True)
    assert [(p.line, p.field) for p in problems] == [(8, "sources[0].url"), (15, "body")]
    assert problems[0].message == (f"{local_server}/gone is gone (HTTP 404); find where the page moved, "
                                   "or an archived copy")
    assert problems[1].message.startswith(f"http://127.0.0.1:{closed}/ did not answer")
    assert _Handler.requests.count("HEAD /ok") == 1  # each address is asked once, however often it appears
    assert "GET /no-head" in _Handler.requests


def test_only_entries_changed_since_the_base_are_found(tree):
    commit_all(tree, "2026-01-01T00:00:00Z")
    subprocess.run(["git", "-C", str(tree), "checkout", "-q", "-b", "proposal"], check=True)
    base = subprocess.run(["git", "-C", str(tree), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    grow = tree / "approaches/grow-model.md"
    grow.write_text(grow.read_text().replace("Four stages.", "Four stages, in order."))
    write(tree, "places/leeds.md", "---\ntitle: Leeds\n---\n")
    (tree / "barriers/partners-not-aligned.md").unlink()
    write(tree, "docs/about.md", "# About\n")
    commit_all(tree, "2026-01-02T00:00:00Z")
    assert changed_entries(tree, base) == ["approaches/grow-model.md", "places/leeds.md"]


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def test_command_exit_codes_and_github_annotations(tree):
    assert run("urls", cwd=tree).returncode == 0
    write(tree, "approaches/example.md", approach("https://example/book", "Fine."))
    result = run("urls", "approaches/example.md", "--format", "github", cwd=tree)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=approaches/example.md,line=8,title=sources[0].url::")
    assert run("urls", "--changed-since", "no-such-branch", cwd=tree).returncode == 2
    assert "Traceback" not in result.stderr
