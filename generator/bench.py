"""`python -m generator bench`: how build time, page size and the edit loop scale with the collection.

Issue 7 sets numeric targets (linear builds, little overhead over plain Material, a fast `check`,
a quick edit loop, small pages). Timings on a shared machine are too noisy for tests, so this
command measures them on synthetic collections of N approaches, prints the figures next to the
targets, and writes them with a description of the machine to a Markdown report.

Every measurement runs the real commands in child processes (`python -m generator check`,
`mkdocs build`, `mkdocs serve`) with the repository's own mkdocs.yml, theme overrides and docs,
so the figures include what a contributor waits for: interpreter start, imports and writing files.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gzip
import http.server
import importlib.metadata
import itertools
import os
import platform
import posixpath
import pstats
import random
import re
import shutil
import socket
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .emit import EmitError, emit
from .emit import read_config as read_emit_config
from .load import suggest_slug
from .model import APPROACH_TYPES, DIFFICULTIES, KINDS, PROGRAMMES, REGIONS, THEME_SLUGS
from .pipeline import build_pages, check
from .urls import page_url

DEFAULT_SIZES = (100, 500)
DEFAULT_OUTPUT = "docs/benchmarks.md"  # a site page: mkdocs.yml's nav must list it, or the strict build fails
REPORT_START = "<!-- Written by `python -m generator bench` from here to the end marker: rerun it, do not edit. -->"
REPORT_END = "<!-- End of `python -m generator bench` output. -->"
LARGE_SIZES = (2000, 5000)
CHROMIUM = Path("/usr/bin/chromium")
FIRST_BUILD_TIMEOUT = 900.0  # seconds for `mkdocs serve` to finish its first build
EDIT_TIMEOUT = 300.0  # seconds for an edit to reach every affected page before it counts as failed
POLL_SECONDS = 0.02
MKDOCS_DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code")  # MkDocs adds these to every config
PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "PyYAML", "Jinja2", "Pygments",
            "click", "playwright")


class BenchError(Exception):
    """A step of the benchmark failed; the message says which command and why."""


# -- synthetic collection ----------------------------------------------------------------------

VOCABULARY = tuple("""
partners council health police residents services leaders people place system trust budget data
conversation meeting workshop group team board plan change learning question story evidence outcome
community voice power decision action practice care network relationship purpose pressure risk
agency manager commissioner volunteer charity school hospital housing family young older local
shared common whole joint open honest small early slow careful different new real hard long
listen notice agree build test share map count invite reflect explore decide review support
because while when although so often rarely together across between within around before after
the a an of to in on for with by from that this each every many some few more most
""".split())
ADJECTIVES = ("Open", "Reflective", "Shared", "Appreciative", "Adaptive", "Collective", "Generative", "Deep",
              "Clean", "Rapid", "Whole", "Quiet", "Systemic", "Humble", "Brave", "Patient", "Local", "Joint",
              "Honest", "Curious", "Narrative", "Visual", "Practical", "Living", "Critical", "Gentle", "Bold",
              "Mutual", "Slow", "Civic")
NOUNS = ("inquiry", "listening", "mapping", "dialogue", "leadership", "learning", "design", "practice",
         "coaching", "hosting", "sensemaking", "reflection", "questioning", "storytelling", "convening",
         "partnering", "framing", "noticing", "testing", "sharing", "weaving", "mentoring", "planning",
         "facilitation", "negotiation", "feedback", "experiment", "review", "commissioning", "counting")
FORMS = ("method", "model", "matrix", "circle", "framework", "cycle", "map", "canvas", "ladder", "lens",
         "compass", "toolkit")
FIRST_NAMES = ("Ann", "Ben", "Chloe", "David", "Esther", "Farid", "Grace", "Hugh", "Imran", "Joan", "Kofi",
               "Lena", "Marek", "Nia", "Owen", "Priya", "Ruth", "Sam", "Tariq", "Una")
LAST_NAMES = ("Adams", "Baker", "Chen", "Dawson", "Evans", "Fisher", "Gupta", "Hughes", "Iqbal", "Jones",
              "Khan", "Lewis", "Morgan", "Nolan", "Okafor", "Patel", "Quinn", "Reid", "Shaw", "Turner")
TOWN_STARTS = ("Ash", "Brook", "Castle", "Dun", "East", "Fair", "Green", "High", "King", "Long", "Mill", "New",
               "Oak", "Red", "Stan", "Thorn", "Up", "Wal", "West", "Wood", "York", "Bar", "Hart", "Lin")
TOWN_ENDS = ("ford", "ham", "ton", "bury", "field", "ley", "wick", "worth", "by", "mouth", "chester", "stead",
             "bridge", "well", "port", "gate")
BARRIER_SUBJECTS = ("Partners", "Leaders", "Boards", "Teams", "Services", "Residents", "Managers", "Agencies")
BARRIER_PROBLEMS = ("do not trust each other", "guard their budgets", "avoid hard conversations",
                    "work in silos", "lose momentum", "chase short-term targets", "hold on to control",
                    "lack shared data", "repeat old plans", "burn out")


def barrier_count(approaches: int) -> int:
    """Barriers grow much more slowly than approaches, as in the real collection."""
    return 12 + approaches // 100


def place_count(approaches: int) -> int:
    return 40 + approaches // 25


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(count))


def _sentence(rng: random.Random, low: int = 8, high: int = 20) -> str:
    text = _words(rng, rng.randint(low, high))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _bullets(rng: random.Random, count: int) -> list[str]:
    return [f"- {_sentence(rng)}" for _ in range(count)]


def _summary(rng: random.Random) -> str:
    """One sentence of at most 200 characters, as the content model requires."""
    return _sentence(rng, 14, 24)[:190].rsplit(" ", 1)[0] + "."


def _entry_text(fields: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=200) + "---\n\n" + body


def _approach_body(rng: random.Random) -> str:
    """About 400 words under the four required headings, with the lists real entries use."""
    steps = [f"{number}. **{_words(rng, 2).capitalize()}.** {_sentence(rng)}" for number in range(1, 7)]
    return "\n".join([
        "## What it is", _paragraph(rng, 4), "", _paragraph(rng, 3), "",
        "## When to use it", *_bullets(rng, 5), "", _sentence(rng), "",
        "## How to use it", _paragraph(rng, 3), "", *steps, "",
        "## Watch out for", *_bullets(rng, 5), "",
    ])


def _source(rng: random.Random, number: int) -> dict:
    source = {"author": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
              "title": _sentence(rng, 3, 8)[:-1], "year": rng.randint(1960, 2020)}
    if rng.random() < 0.5:
        source["url"] = f"https://example.org/sources/{number}"
    return source


def _use_source(rng: random.Random, number: int) -> dict:
    return {"title": _sentence(rng, 3, 8)[:-1], "url": f"https://example.org/uses/{number}"}


def write_collection(root: Path, approaches: int, seed: int = 1) -> None:
    """Write a schema-valid collection of `approaches` approaches (plus barriers and places) under `root`.

    The same `approaches` and `seed` always give byte-identical files, so runs are comparable.
    """
    rng = random.Random(seed)
    barrier_titles = [f"{s} {p}" for s, p in itertools.product(BARRIER_SUBJECTS, BARRIER_PROBLEMS)]
    barriers = rng.sample(barrier_titles, barrier_count(approaches))
    towns = [a + b for a, b in itertools.product(TOWN_STARTS, TOWN_ENDS)]
    places = rng.sample(towns, min(place_count(approaches), len(towns)))
    titles = [" ".join(t) for t in itertools.product(ADJECTIVES, NOUNS, FORMS)]
    if approaches > len(titles):
        raise BenchError(f"at most {len(titles)} synthetic approaches can be named")
    approach_titles = rng.sample(titles, approaches)
    barrier_slugs = [suggest_slug(t) for t in barriers]
    place_slugs = [suggest_slug(t) for t in places]
    approach_slugs = [suggest_slug(t) for t in approach_titles]

    for kind in KINDS:
        (root / kind.folder).mkdir(parents=True, exist_ok=True)
    for slug, title in zip(barrier_slugs, barriers):
        fields = {"title": title, "summary": _summary(rng)}
        if rng.random() < 0.5:
            fields["sources"] = [_source(rng, rng.randrange(10**6))]
        body = "\n".join(["## What it looks like", *_bullets(rng, 6), "", "## Why it happens",
                          _paragraph(rng, 4), "", _paragraph(rng, 4), ""])
        (root / "barriers" / f"{slug}.md").write_text(_entry_text(fields, body), encoding="utf-8")
    for slug, title in zip(place_slugs, places):
        fields = {"title": title, "summary": _summary(rng), "region": rng.choice(REGIONS),
                  "programme": rng.choice(PROGRAMMES)}
        if rng.random() < 0.5:
            fields["focus"] = _sentence(rng, 3, 8)[:-1]
        fields["coordinates"] = [round(rng.uniform(50.5, 54.5), 4), round(rng.uniform(-2.5, 0.5), 4)]
        fields["sources"] = [_use_source(rng, rng.randrange(10**6)) for _ in range(rng.randint(1, 2))]
        body = "\n\n".join(_paragraph(rng, 4) for _ in range(3)) + "\n"
        (root / "places" / f"{slug}.md").write_text(_entry_text(fields, body), encoding="utf-8")
    for number, (slug, title) in enumerate(zip(approach_slugs, approach_titles)):
        fields = {"title": title, "summary": _summary(rng),
                  "originator": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                  "year": rng.randint(1950, 2020)}
        if rng.random() < 0.3:
            fields["aliases"] = [f"{title} {rng.choice(FORMS)}"]
        fields["type"] = rng.choice(APPROACH_TYPES)
        fields["themes"] = rng.sample(THEME_SLUGS, rng.randint(1, 3))
        fields["barriers"] = rng.sample(barrier_slugs, rng.randint(1, 3))
        low = rng.randint(2, 20)
        fields["group_size"] = {"min": low, "max": low * rng.randint(1, 10)}
        low = rng.choice((30, 60, 90, 120, 240))
        fields["duration_minutes"] = {"min": low, "max": low * rng.randint(1, 4)}
        if fields["type"] == "programme":
            fields["overall_duration"] = f"{rng.randint(2, 6)} to {rng.randint(7, 18)} months"
        fields["difficulty"] = rng.choice(DIFFICULTIES)
        others = [s for s in rng.sample(approach_slugs, min(5, approaches)) if s != slug]
        if others:
            fields["related"] = others[:rng.randint(0, 4)]
        fields["places"] = [
            {"place": place, "year": rng.randint(2009, 2023), "note": _sentence(rng, 10, 20),
             "source": _use_source(rng, number * 10 + index)}
            for index, place in enumerate(rng.sample(place_slugs, rng.randint(0, 3)))]
        if rng.random() < 0.1:
            fields["enablers"] = [{"name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                                   "note": _sentence(rng), "source": _use_source(rng, number)}]
        if rng.random() < 0.1:
            fields["rights"] = f"{title} is a registered trade mark of {rng.choice(LAST_NAMES)} Ltd."
        fields["sources"] = [_source(rng, number * 10 + index) for index in range(rng.randint(1, 2))]
        (root / "approaches" / f"{slug}.md").write_text(_entry_text(fields, _approach_body(rng)), encoding="utf-8")


def make_project(repo: Path, dest: Path, approaches: int, seed: int) -> Path:
    """A copy of the repository's site setup (mkdocs.yml, docs/, overrides/) around a synthetic collection."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        if (repo / name).is_file():
            shutil.copy2(repo / name, dest / name)
    config = read_config(repo)
    for folder in (config.get("docs_dir", "docs"), (config.get("theme") or {}).get("custom_dir")):
        if folder and (repo / folder).is_dir():
            shutil.copytree(repo / folder, dest / folder)
    write_collection(dest, approaches, seed)
    return dest


def read_config(project: Path) -> dict:
    try:
        return read_emit_config(project / "mkdocs.yml")
    except EmitError as error:
        raise BenchError(str(error)) from None


# -- running commands --------------------------------------------------------------------------


@dataclass
class Measured:
    seconds: float
    peak_bytes: int


def _child_env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run_measured(command: list[str], cwd: Path) -> Measured:
    """Run a command to completion; its wall time and its own peak resident memory (from wait4)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors, env=_child_env())
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            tail = errors.read().decode(errors="replace")[-3000:]
            raise BenchError(f"`{' '.join(command)}` failed in {cwd} (exit {process.returncode}):\n{tail}")
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is bytes on macOS, KiB on Linux
    return Measured(seconds, usage.ru_maxrss * scale)


def repeat(command: list[str], cwd: Path, runs: int) -> Measured:
    """The median time and the largest peak memory of `runs` runs."""
    results = [run_measured(command, cwd) for _ in range(runs)]
    return Measured(statistics.median(r.seconds for r in results), max(r.peak_bytes for r in results))


def check_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "check", "--root", str(root)]


def build_command(site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)]


# -- plain Material on the emitted pages, and the Markdown floor -------------------------------


def make_plain_project(project: Path, dest: Path) -> Path:
    """The plugin's emitted Markdown as ordinary docs/ files, with a config that drops our plugin and keeps the
    same pages out of the navigation (`not_in_nav`): what `python -m generator emit` writes."""
    try:
        _, problems = emit(project, dest)
    except EmitError as error:
        raise BenchError(str(error)) from None
    if problems:
        raise BenchError(f"the synthetic collection has {len(problems)} problem(s), e.g. {problems[0]}")
    return dest


def markdown_extensions(config: dict) -> tuple[list[str], dict]:
    """The extension names and settings MkDocs would use for this config."""
    names = list(MKDOCS_DEFAULT_EXTENSIONS)
    settings: dict = {}
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if options:
            settings[name] = options
    return names, settings


@dataclass
class Floor:
    seconds: float
    slowest: list[tuple[str, float]]  # (page, seconds) of the pages that took longest, slowest first


def markdown_floor(docs: Path, config: dict, slowest: int = 5) -> Floor:
    """Seconds to read every page, parse its front matter with libyaml and convert it with Python-Markdown.

    This is the least any Markdown site generator must do for these pages: no theme, no search
    index, no links checked, nothing written.
    """
    import markdown

    names, settings = markdown_extensions(config)
    per_page = []
    start = time.perf_counter()
    for path in sorted(docs.rglob("*.md")):
        page_start = time.perf_counter()
        text = path.read_text(encoding="utf-8")
        match = re.match(r"---\n(.*?)\n---\n", text, re.S)
        if match:
            yaml.load(match.group(1), Loader=yaml.CSafeLoader)
            text = text[match.end():]
        markdown.markdown(text, extensions=names, extension_configs=settings)
        per_page.append((path.relative_to(docs).as_posix(), time.perf_counter() - page_start))
    seconds = time.perf_counter() - start
    return Floor(seconds, sorted(per_page, key=lambda item: item[1], reverse=True)[:slowest])


# -- what a reader downloads -------------------------------------------------------------------


@dataclass
class Sizes:
    page_median: int
    page_max: int
    page_gz_median: int
    page_gz_max: int
    index: int
    index_gz: int


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def html_pages(site: Path) -> int:
    """Pages MkDocs rendered (each is a folder's index.html with directory URLs)."""
    return sum(1 for _ in site.rglob("index.html"))


def reader_sizes(site: Path) -> Sizes:
    """HTML of the approach pages (raw and gzipped) and the search index, as built."""
    pages = [p.read_bytes() for p in sorted(site.glob("approaches/*/index.html"))]
    if not pages:
        raise BenchError(f"no approach pages in {site}")
    raw = [len(p) for p in pages]
    zipped = [_gzip_size(p) for p in pages]
    index = (site / "search" / "index.json").read_bytes()
    return Sizes(int(statistics.median(raw)), max(raw), int(statistics.median(zipped)), max(zipped),
                 len(index), _gzip_size(index))


# -- the edit loop under `mkdocs serve` --------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DevServer:
    """`mkdocs serve` in a project, started and stopped by this process (by its own PID only)."""

    def __init__(self, project: Path, dirty: bool):
        self.project = project
        self.port = _free_port()
        mount = urlsplit(read_config(project).get("site_url") or "/").path or "/"
        self.base = f"http://127.0.0.1:{self.port}{mount.rstrip('/')}/"
        self.command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{self.port}"]
        if dirty:  # what `bash .ci/serve` runs: the plugin rebuilds only the pages whose Markdown changed
            self.command += ["--dirty"]
        self.errors = tempfile.TemporaryFile()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> DevServer:
        self.process = subprocess.Popen(self.command, cwd=self.project, stdout=subprocess.DEVNULL,
                                        stderr=self.errors, env=_child_env())
        deadline = time.monotonic() + FIRST_BUILD_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.errors.seek(0)
                raise BenchError(f"`mkdocs serve` stopped:\n{self.errors.read().decode(errors='replace')[-3000:]}")
            if self.fetch("") is not None:
                return self
            time.sleep(0.2)
        raise BenchError(f"`mkdocs serve` did not serve a page within {FIRST_BUILD_TIMEOUT:.0f} s")

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.errors.close()

    def fetch(self, url: str) -> str | None:
        """The page's HTML, or None while the server is not answering. Blocks while a rebuild runs."""
        try:
            with urllib.request.urlopen(self.base + url, timeout=EDIT_TIMEOUT) as response:
                return response.read().decode("utf-8", errors="replace")
        except OSError:
            return None


@dataclass
class Edit:
    path: Path
    text: str
    marker: str
    urls: list[str]  # every page that shows the edited entry once the edit is built


@dataclass
class EditLoop:
    """Seconds from saving an entry until it and every page showing it serve the edit (None: not in time)."""

    dirty_seconds: list[float | None] = field(default_factory=list)  # `mkdocs serve --dirty` (`bash .ci/serve`)
    seconds: list[float | None] = field(default_factory=list)  # plain `mkdocs serve`, which rebuilds everything
    pages: list[int] = field(default_factory=list)

    @staticmethod
    def median(seconds: list[float | None]) -> float | None:
        """The median, or None unless every edit reached every page in time."""
        return statistics.median(seconds) if seconds and None not in seconds else None


def plan_edits(project: Path, count: int, round_: int) -> list[Edit]:
    """Title edits of approaches that are used in places and listed as related by other approaches.

    The pages that must change are found by running the core on a scratch copy with the edit
    applied: every page whose Markdown contains the new title.
    """
    collection = check(project).collection
    shown_as_related = {r.slug for related in collection.related.values() for r in related}
    candidates = [a for slug, a in sorted(collection.approaches.items())
                  if collection.approach_uses.get(slug) and slug in shown_as_related]
    if not candidates:
        raise BenchError("no approach is both used in a place and related to another")
    step = max(1, len(candidates) // count)
    edits = []
    for number, entry in enumerate(candidates[::step][:count]):
        marker = f"Revised{round_}x{number}"
        path = project / entry.path
        text = re.sub(r"^title: (.*)$", rf"title: \1 {marker}", path.read_text(encoding="utf-8"), count=1,
                      flags=re.M)
        edits.append(Edit(path, text, marker, _pages_showing(project, entry.path, text, marker)))
    return edits


def _pages_showing(project: Path, rel_path: str, text: str, marker: str) -> list[str]:
    config = read_config(project)
    with tempfile.TemporaryDirectory() as scratch:
        for kind in KINDS:
            shutil.copytree(project / kind.folder, Path(scratch) / kind.folder)
        (Path(scratch) / rel_path).write_text(text, encoding="utf-8")
        pages, problems = build_pages(Path(scratch), config.get("site_url"), config.get("repo_url"),
                                      markdown_packs=True)  # what a reader sees, packs included
    if problems:
        raise BenchError(f"the benchmark's edit broke {rel_path}: {problems[0]}")
    return [page_url(p.src_uri) for p in pages if p.src_uri.endswith(".md") and marker in p.content]


def _wait_until_shown(server: DevServer, urls: list[str], marker: str, start: float) -> float | None:
    """Seconds from `start` until every one of `urls` serves `marker`, or None if not within the timeout.

    One pending page is polled at a time. `mkdocs serve` holds requests while it rebuilds, so when a page
    shows the edit, its whole rebuild is being served: that moment is the time, provided every other page
    shows the edit too when fetched next (fetching them is not counted; a page still stale is waited for).
    Polling every page at once would compete with the rebuild for the server's Python interpreter.
    """
    pending = list(urls)
    while time.perf_counter() - start < EDIT_TIMEOUT:
        if marker in (server.fetch(pending[0]) or ""):
            shown = time.perf_counter()
            pending = [url for url in pending[1:] if marker not in (server.fetch(url) or "")]
            if not pending:
                return shown - start
        time.sleep(POLL_SECONDS)
    return None


def measure_edit_loop(project: Path, runs: int) -> EditLoop:
    """Save an entry under `mkdocs serve --dirty`, then under plain `mkdocs serve`; time until it and every page
    showing it serve the edit."""
    result = EditLoop()
    for dirty, times in ((True, result.dirty_seconds), (False, result.seconds)):
        with DevServer(project, dirty=dirty) as server:
            for edit in plan_edits(project, runs, int(dirty)):
                start = time.perf_counter()
                edit.path.write_text(edit.text, encoding="utf-8")
                times.append(_wait_until_shown(server, edit.urls, edit.marker, start))
                if dirty:
                    result.pages.append(len(edit.urls))
                time.sleep(1)  # let the watcher settle before the next save
    return result


# -- search in a real browser ------------------------------------------------------------------

LONG_TASK_OBSERVER = """
window.__kbLongTasks = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) window.__kbLongTasks.push(entry.duration);
}).observe({type: 'longtask', buffered: true});
"""


@dataclass
class SearchLoad:
    longest_ms: float
    long_tasks: int
    ready_seconds: float  # from navigation until the first search results show


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served_in_chromium(site: Path):
    """(a Chromium page, the site's address) with `site` served on 127.0.0.1; None when Playwright or Debian's
    Chromium is not installed."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        yield None
        return
    if not CHROMIUM.exists():
        yield None
        return
    handler = functools.partial(_QuietHandler, directory=str(site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"])
                try:
                    yield browser.new_page(viewport={"width": 1280, "height": 900}), \
                        f"http://127.0.0.1:{httpd.server_address[1]}/"
                finally:
                    browser.close()
        finally:
            httpd.shutdown()


SEARCH_DONE = "/result|Nothing/.test(document.getElementById('kb-search-status').textContent)"


def measure_search_load(site: Path, query: str = "partners") -> SearchLoad | None:
    """Main-thread long tasks in Chromium from opening the home page until search answers a query typed into
    the header's search box (which opens the results page, and that page loads the index)."""
    with served_in_chromium(site) as served:
        if served is None:
            return None
        page, base_url = served
        page.add_init_script(LONG_TASK_OBSERVER)
        start = time.perf_counter()
        page.goto(base_url, wait_until="load")
        page.locator("#kb-header-q").fill(query)
        page.locator("#kb-header-q").press("Enter")
        page.wait_for_function(SEARCH_DONE, timeout=EDIT_TIMEOUT * 1000)
        ready = time.perf_counter() - start
        page.wait_for_timeout(1000)
        tasks = page.evaluate("window.__kbLongTasks")
    return SearchLoad(max(tasks, default=0.0), len(tasks), ready)


READER_QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "reader-questions.yaml"


def unanswered_questions(page, base_url: str, questions: list[dict]) -> list[str]:
    """The reader questions with none of their right pages in the search's top 3, each with what came up instead.

    Asked on the built site's results page in Chromium, so what is measured is what a reader gets.
    """
    missed = []
    for question in questions:
        page.goto(base_url + "search/?q=" + urllib.parse.quote(question["q"]))
        page.wait_for_function(SEARCH_DONE)
        hrefs = page.locator("#kb-search-results > li > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        top = [posixpath.normpath(posixpath.join("search", href)) for href in hrefs[:3]]
        if not set(question["answers"]) & set(top):
            missed.append(f"{question['q']!r}: {top}")
    return missed


def measure_reader_questions(site: Path) -> tuple[int, int] | None:
    """(answered in the top 3, asked) for the reader questions, on the real collection's built site."""
    questions = yaml.safe_load(READER_QUESTIONS.read_text(encoding="utf-8"))
    with served_in_chromium(site) as served:
        if served is None:
            return None
        missed = unanswered_questions(*served, questions)
    return len(questions) - len(missed), len(questions)


# -- where the time goes -----------------------------------------------------------------------

STAGES = (  # (label, file the function is in, function names); cumulative time of each
    ("our plugin, on_config: the core run (`build_pages`)", "generator/plugin.py", ("on_config",)),
    ("↳ of which `check`: load, validate, link", "generator/pipeline.py", ("check",)),
    ("↳ of which `link` (back-links, related approaches)", "generator/link.py", ("link",)),
    ("our plugin, on_files: add the virtual files", "generator/plugin.py", ("on_files",)),
    ("our plugin, on_post_build: verify the built site", "generator/plugin.py", ("on_post_build",)),
    ("MkDocs: read pages and their front matter", "mkdocs/structure/pages.py", ("read_source",)),
    ("MkDocs: Markdown to HTML (Python-Markdown + extensions)", "mkdocs/structure/pages.py", ("render",)),
    ("MkDocs: anchor validation", "mkdocs/structure/pages.py", ("validate_anchor_links",)),
    ("MkDocs: template context", "mkdocs/commands/build.py", ("get_context",)),
    ("Material: theme templates (Jinja2 render)", "jinja2/environment.py", ("render",)),
    ("Material: search index", "search/plugin.py", ("on_page_context", "on_post_build")),
    ("MkDocs: writing files", "mkdocs/utils/__init__.py", ("write_file",)),
    ("imports (interpreter start)", "<frozen importlib._bootstrap>", ("_find_and_load",)),
)


@dataclass
class Profile:
    approaches: int
    total: float
    stages: list[tuple[str, float]]
    top: list[tuple[str, int, float]]  # (function, calls, own seconds)


def profile_build(project: Path, site: Path, approaches: int, top: int = 12) -> Profile:
    """One `mkdocs build` under cProfile: the time of each stage and the functions that cost most."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "build.prof"
        run_measured([sys.executable, "-m", "cProfile", "-o", str(output), "-m", "mkdocs", "build", "--quiet",
                      "--site-dir", str(site)], project)
        stats = pstats.Stats(str(output))
    table = stats.stats  # type: ignore[attr-defined]  # {(file, line, name): (cc, calls, own, cumulative, callers)}
    stages = [(label, sum(row[3] for (file, _, name), row in table.items()
                          if file.replace(os.sep, "/").endswith(suffix) and name in names))
              for label, suffix, names in STAGES]
    costly = sorted(table.items(), key=lambda item: item[1][2], reverse=True)[:top]
    top_rows = [(_function_name(file, line, name), row[1], row[2]) for (file, line, name), row in costly]
    return Profile(approaches, stats.total_tt, stages, top_rows)  # type: ignore[attr-defined]


def _function_name(file: str, line: int, name: str) -> str:
    """`package/module.py:line(function)`, without the install prefix; built-ins by name alone."""
    if file == "~":
        return name
    file = re.sub(r"^.*/(?:site-packages|lib/python\d+\.\d+)/", "", file.replace(os.sep, "/"))
    file = re.sub(r"^.*/(generator/)", r"\1", file)
    return f"{file}:{line}({name})"


# -- one size ----------------------------------------------------------------------------------


@dataclass
class Result:
    label: str
    approaches: int
    runs: int
    pages: int | None = None
    check: Measured | None = None
    build: Measured | None = None
    plain: Measured | None = None
    floor: float | None = None
    slowest_pages: list[tuple[str, float]] = field(default_factory=list)  # from the floor: Markdown's costliest
    sizes: Sizes | None = None
    edit: EditLoop | None = None
    search: SearchLoad | None = None
    reader_questions: tuple[int, int] | None = None  # (answered in the top 3, asked), real collection only


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure_real(repo: Path, runs: int, scratch: Path, browser: bool) -> Result:
    """`check` and the build of the repository's own collection, and what its readers download."""
    loaded = check(repo)
    result = Result("real", len(loaded.collection.approaches), runs)
    _say(f"real collection ({result.approaches} approaches): check, build")
    result.check = repeat(check_command(repo), repo, runs)
    site = scratch / "real-site"
    result.build = repeat(build_command(site), repo, runs)
    result.pages = html_pages(site)
    result.sizes = reader_sizes(site)
    if browser:
        result.search = measure_search_load(site)
        _say("real collection: reader questions on the search results page")
        result.reader_questions = measure_reader_questions(site)
    return result


def measure_size(repo: Path, approaches: int, runs: int, seed: int, scratch: Path, *, edit_loop: bool,
                 browser: bool, profile: bool) -> tuple[Result, Profile | None]:
    """Every figure for one synthetic collection size."""
    result = Result(str(approaches), approaches, runs)
    project = make_project(repo, scratch / f"n{approaches}", approaches, seed)
    site = scratch / f"n{approaches}-site"
    _say(f"N={approaches}: check")
    result.check = repeat(check_command(project), repo, runs)
    _say(f"N={approaches}: mkdocs build with the plugin")
    result.build = repeat(build_command(site), project, runs)
    result.sizes = reader_sizes(site)
    result.pages = html_pages(site)
    plain = make_plain_project(project, scratch / f"n{approaches}-plain")
    plain_config = read_config(plain)
    _say(f"N={approaches}: plain Material on the same pages")
    result.plain = repeat(build_command(scratch / f"n{approaches}-plain-site"), plain, runs)
    _say(f"N={approaches}: read + YAML + Markdown floor")
    floors = [markdown_floor(plain / plain_config.get("docs_dir", "docs"), plain_config) for _ in range(runs)]
    result.floor = statistics.median(floor.seconds for floor in floors)
    result.slowest_pages = floors[-1].slowest
    if browser:
        _say(f"N={approaches}: search index loading in Chromium")
        result.search = measure_search_load(site)
    found = None
    if profile:
        _say(f"N={approaches}: profiling one build")
        found = profile_build(project, scratch / f"n{approaches}-profile-site", approaches)
    if edit_loop:
        _say(f"N={approaches}: edit loop under mkdocs serve --dirty (then plain serve)")
        result.edit = measure_edit_loop(project, runs)
    shutil.rmtree(site, ignore_errors=True)
    return result, found


# -- formatting --------------------------------------------------------------------------------

MISSING = "–"


def seconds_text(value: float | None) -> str:
    if value is None:
        return MISSING
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def kb_text(value: int | None) -> str:
    return MISSING if value is None else f"{value / 1000:.1f} KB"


def mb_text(value: int | None) -> str:
    return MISSING if value is None else f"{value / 1_000_000:.2f} MB"


def ratio_text(value: float | None) -> str:
    return MISSING if value is None else f"{value:.2f}×"


def format_table(headers: list[str], rows: list[list[str | None]]) -> str:
    """A Markdown table whose columns also line up in a terminal; missing figures show as '–'."""
    cells = [[MISSING if cell is None else str(cell) for cell in row] for row in rows]
    widths = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(headers)]

    def line(values: list[str]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths)) + " |"

    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, cells)])


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _per_page_ms(seconds: float | None, pages: int | None) -> str:
    return MISSING if seconds is None or not pages else f"{seconds / pages * 1000:.1f} ms"


def build_table(results: list[Result]) -> str:
    rows = []
    for r in results:
        build = r.build.seconds if r.build else None
        plain = r.plain.seconds if r.plain else None
        overhead = _ratio(build, plain)
        rows.append([
            r.label, str(r.pages or MISSING), str(r.runs), seconds_text(r.check.seconds if r.check else None),
            seconds_text(build), seconds_text(plain),
            MISSING if overhead is None else f"{(overhead - 1) * 100:+.0f}%",
            seconds_text(r.floor), ratio_text(_ratio(build, r.floor)),
            _per_page_ms(build, r.pages), _per_page_ms(r.floor, r.pages),
            mb_text(r.check.peak_bytes if r.check else None), mb_text(r.build.peak_bytes if r.build else None),
            mb_text(r.plain.peak_bytes if r.plain else None),
        ])
    return format_table(["N", "pages", "runs", "check", "build", "plain Material", "overhead", "floor",
                         "build/floor", "build per page", "floor per page", "check peak", "build peak",
                         "plain peak"], rows)


def reader_table(results: list[Result]) -> str:
    rows = []
    for r in results:
        s, e, b = r.sizes, r.edit, r.search
        rows.append([
            r.label,
            f"{kb_text(s.page_median)} / {kb_text(s.page_max)}" if s else None,
            f"{kb_text(s.page_gz_median)} / {kb_text(s.page_gz_max)}" if s else None,
            f"{mb_text(s.index)} ({mb_text(s.index_gz)} gz)" if s else None,
            _edit_text(e), _edit_text(e, dirty=False),
            f"{b.longest_ms:.0f} ms ({b.long_tasks} long tasks; results after {b.ready_seconds:.1f} s)" if b else None,
        ])
    return format_table(["N", "approach page (median / max)", "gzipped (median / max)", "search index",
                         "edit loop: `serve --dirty`, every affected page", "plain `serve`",
                         "longest main-thread task (search)"], rows)


def _edit_text(edit: EditLoop | None, dirty: bool = True) -> str | None:
    if edit is None:
        return None
    times = edit.dirty_seconds if dirty else edit.seconds
    done = [s for s in times if s is not None]
    missed = len(times) - len(done)
    text = f"{seconds_text(statistics.median(done))} median of {len(done)}" if done else "no edit"
    text += f", {max(edit.pages)} pages" if edit.pages and dirty else ""
    return text + (f", {missed} not updated within {EDIT_TIMEOUT:.0f} s" if missed else "")


def profile_tables(profile: Profile) -> str:
    stages = format_table(["stage (cumulative)", "seconds", "share"], [
        [label, f"{seconds:.2f}", f"{seconds / profile.total * 100:.0f}%"] for label, seconds in profile.stages])
    top = format_table(["function (own time)", "calls", "seconds", "share"], [
        [f"`{name}`", f"{calls:,}", f"{own:.2f}", f"{own / profile.total * 100:.1f}%"]
        for name, calls, own in profile.top])
    return f"{stages}\n\nTotal under the profiler: {profile.total:.1f} s.\n\n{top}"


def where_the_time_goes(results: list[Result], profile: Profile) -> str:
    """The profiled build's stages and costliest functions, and the profiled size's slowest pages."""
    parts = [profile_tables(profile)]
    profiled = next((r for r in results if r.label == str(profile.approaches)), None)
    if profiled is not None and profiled.slowest_pages:
        parts.append(slowest_pages_table(profiled))
    return "\n\n".join(parts)


def slowest_pages_table(result: Result) -> str:
    return format_table(["page (Markdown floor, slowest)", "seconds", "share of the floor"], [
        [f"`{page}`", f"{seconds:.3f}", f"{seconds / result.floor * 100:.1f}%" if result.floor else None]
        for page, seconds in result.slowest_pages])


# -- targets -----------------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    limit: str
    figure: str | None
    met: bool | None

    @property
    def verdict(self) -> str:
        return "not measured" if self.met is None else ("met" if self.met else "**NOT met**")


def evaluate_targets(results: list[Result]) -> list[Target]:
    by_label = {r.label: r for r in results}
    synthetic = [r for r in results if r.label != "real"]
    real = by_label.get("real")
    targets = []

    def build_of(label: str) -> float | None:
        r = by_label.get(label)
        return r.build.seconds if r and r.build else None

    linear = _ratio(build_of("2000"), build_of("500"))
    targets.append(Target("Linear: build at 2,000 entries vs at 500", "≤ 4.4×", ratio_text(linear),
                          None if linear is None else linear <= 4.4))
    medians = [(r.label, r.sizes.page_median) for r in synthetic if r.sizes]
    spread = (max(m for _, m in medians) / min(m for _, m in medians) - 1) if len(medians) > 1 else None
    targets.append(Target("Approach page size independent of N (median page, spread across N)", "≤ 5%",
                          None if spread is None else ", ".join(f"N={n}: {kb_text(m)}" for n, m in medians)
                          + f" (spread {spread * 100:.1f}%)", None if spread is None else spread <= 0.05))
    for r in synthetic:
        overhead = _ratio(r.build.seconds if r.build else None, r.plain.seconds if r.plain else None)
        targets.append(Target(f"Plugin overhead over plain Material, N={r.label}", "≤ +10%",
                              None if overhead is None else f"{(overhead - 1) * 100:+.1f}%",
                              None if overhead is None else overhead <= 1.10))
    for r in synthetic:
        floor = _ratio(r.build.seconds if r.build else None, r.floor)
        targets.append(Target(f"Whole build vs read+YAML+Markdown floor, N={r.label}", "≤ 2.2×",
                              ratio_text(floor), None if floor is None else floor <= 2.2))
    for label, limit in (("real", 0.5), ("2000", 2.0)):
        r = by_label.get(label)
        value = r.check.seconds if r and r.check else None
        name = "real collection" if label == "real" else f"{label} entries"
        targets.append(Target(f"`check`, {name}", f"≤ {limit} s", seconds_text(value),
                              None if value is None else value <= limit))
    r500 = by_label.get("500")
    edit = r500.edit if r500 else None
    loop = EditLoop.median(edit.dirty_seconds) if edit else None
    targets.append(Target("Edit loop at 500 entries (`serve --dirty`, as `bash .ci/serve` runs), every affected "
                          "page right", "≤ 1.5 s", _edit_text(edit),
                          None if edit is None else (loop is not None and loop <= 1.5)))
    for r in ([real] if real else []) + synthetic[-1:]:
        if r.sizes:
            name = "real collection" if r.label == "real" else f"N={r.label}"
            targets.append(Target(f"Approach page HTML, largest, {name}", "≤ 25 KB", kb_text(r.sizes.page_max),
                                  r.sizes.page_max <= 25_000))
            targets.append(Target(f"Approach page HTML gzipped, largest, {name}", "≤ 8 KB",
                                  kb_text(r.sizes.page_gz_max), r.sizes.page_gz_max <= 8_000))
    answered = real.reader_questions if real else None
    targets.append(Target("Reader questions with a right page in the search's top 3, real collection", "≥ 90%",
                          None if answered is None else f"{answered[0]} of {answered[1]} "
                          f"({answered[0] / answered[1]:.0%})",
                          None if answered is None else answered[0] >= 0.9 * answered[1]))
    index = real.sizes.index if real and real.sizes else None
    targets.append(Target("Search index, real collection", "< 1 MB", mb_text(index),
                          None if index is None else index < 1_000_000))
    r2000 = by_label.get("2000")
    longest = r2000.search.longest_ms if r2000 and r2000.search else None
    targets.append(Target("Longest main-thread task while the search index loads, 2,000 entries (Chromium)",
                          "≤ 200 ms", None if longest is None else f"{longest:.0f} ms",
                          None if longest is None else longest <= 200))
    return targets


def targets_table(targets: list[Target]) -> str:
    return format_table(["target", "limit", "measured", "result"],
                        [[t.name, t.limit, t.figure, t.verdict] for t in targets])


# -- the report --------------------------------------------------------------------------------


def describe_machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    memory = None
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = next((line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("model name")),
                   cpu)
        meminfo = Path("/proc/meminfo").read_text()
        memory = int(re.search(r"MemTotal:\s+(\d+) kB", meminfo).group(1)) * 1024  # type: ignore[union-attr]
    except (OSError, AttributeError):
        pass
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} cores"),
        ("RAM", f"{memory / 2**30:.1f} GiB" if memory else "unknown"),
        ("OS", platform.platform()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("Packages", ", ".join(versions)),
        ("Chromium", str(CHROMIUM) if CHROMIUM.exists() else "not installed"),
    ]


def describe_revision(repo: Path) -> str:
    """The git commit measured, and whether the working tree had uncommitted changes."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                              timeout=60).stdout.strip()

    try:
        commit, changes = git("rev-parse", "--short", "HEAD"), git("status", "--porcelain")
    except (OSError, subprocess.SubprocessError):
        return "not a git checkout"
    return f"commit {commit}" + (" plus uncommitted changes" if changes else "")


def render_report(results: list[Result], profile: Profile | None, *, command: str, started: datetime.datetime,
                  seconds: float, load: tuple[float, float], revision: str) -> str:
    machine = "\n".join(f"- **{name}:** {value}" for name, value in [*describe_machine(), ("Measured", revision)])
    parts = [
        "# Benchmarks",
        "",
        f"Figures printed by `{command}` on {started:%Y-%m-%d %H:%M} (took {seconds / 60:.1f} min). "
        "Rerun it to update them; do not edit them by hand.",
        "",
        "## Machine",
        "",
        machine,
        f"- **Load:** 1-minute load average {load[0]:.2f} at the start and {load[1]:.2f} at the end. This is a "
        "shared machine: other work ran on the same cores, so single figures can be off by ±25%; medians of "
        "several runs are given where the run count says so.",
        "",
        "## Targets",
        "",
        targets_table(evaluate_targets(results)),
        "",
        "## Build",
        "",
        build_table(results),
        "",
        "## Reader and edit loop",
        "",
        reader_table(results),
        "",
    ]
    if profile is not None:
        parts += [f"## Where the time goes (cProfile, one build at N={profile.approaches})", "",
                  where_the_time_goes(results, profile), ""]
    parts += [
        "## How it is measured",
        "",
        "- **Synthetic collection:** N approaches (about 400 words each under the four required headings, "
        "1–3 barriers, 0–3 documented uses in places, 0–4 related approaches), 12 + N/100 barriers and "
        "40 + N/25 places, written deterministically from a seed. It passes `check` with no problems.",
        "- **check / build:** `python -m generator check` and `mkdocs build` (strict) as child processes, "
        "with the repository's mkdocs.yml, docs/ and overrides/; wall time from start to exit, including "
        "interpreter start and imports. Peak memory is the child's maximum resident set (wait4).",
        "- **plain Material:** the plugin's emitted Markdown (`generator.pipeline.build_pages`) written as "
        "ordinary files, built with the same config minus our plugin and with `not_in_nav` keeping the same "
        "pages out of the navigation (what `python -m generator emit` writes; its `not_in_nav` has a line per "
        "page, which costs plain Material about 0.3 s at 2,000 entries). *overhead* = build / plain − 1. "
        "Without the plugin the print packs must carry every approach as Markdown, so plain Material (and the "
        "floor below) converts each approach four or five times; the plugin converts it once and copies the "
        "HTML into the packs (generator/packs.py), and sets its HTML lists aside from Markdown "
        "(generator/rawblocks.py). That is why the plugin can be faster than plain Material.",
        "- **floor:** read every emitted page, parse its front matter with `yaml.CSafeLoader`, convert it with "
        "`markdown.markdown` and the same extensions (MkDocs' toc, tables and fenced_code plus the config's); "
        "in-process, no interpreter start, nothing written.",
        "- **page sizes:** every `approaches/*/index.html` of the build; KB = 1,000 bytes, gzip level 6. "
        "Shared assets (CSS, JavaScript, fonts) are not counted.",
        "- **edit loop:** under `mkdocs serve --dirty` (what `bash .ci/serve` runs: the plugin rebuilds only the "
        "pages whose generated Markdown changed, and keeps unchanged work between rebuilds), an approach's title "
        "is changed (an approach used in places and listed as related by others); the time runs from saving the "
        "file until its own page and every page whose Markdown shows the new title (its barriers, places, related "
        "approaches, the approach index, its themes and print packs) serve it. One page is polled every 20 ms; "
        "`mkdocs serve` holds requests while it rebuilds, so the first page to show the edit marks the moment "
        "its rebuild is served, and the others are then fetched to prove they show it too (a stale one is "
        "waited for). MkDocs notices a saved file by polling every 0.5 s and waits 0.1 s for more changes, "
        "so about 0.35 s of each figure is the watcher. The same edit under plain `mkdocs serve`, which "
        "rebuilds everything, is given for comparison.",
        "- **search in Chromium:** Playwright opens the home page in Debian's Chromium, types a query into the "
        "header's search box and waits for the results page to list results; a `PerformanceObserver` records "
        "`longtask` entries on the main thread.",
        "- **reader questions:** each question in `tests/fixtures/reader-questions.yaml` (written as readers type "
        "them, with the pages that answer them) is asked on the real collection's results page in Chromium; it "
        "counts as answered when one of its pages is among the first three results.",
        "",
    ]
    return "\n".join(parts)


def update_report(path: Path, report: str) -> None:
    """Put the report between its markers in `path`, keeping whatever else the page says around it."""
    block = f"{REPORT_START}\n\n{report.strip()}\n\n{REPORT_END}\n"
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    if REPORT_START in old and REPORT_END in old:
        before, rest = old.split(REPORT_START, 1)
        text = before + block + rest.split(REPORT_END, 1)[1].lstrip("\n")
    else:
        text = block + ("\n" + old if old.strip() else "")
    path.write_text(text, encoding="utf-8")


def run(repo: Path, sizes: list[int], runs: int, large_runs: int, seed: int, *, edit_loop: bool,
        browser: bool, profile_size: int | None, command: str) -> tuple[str, str]:
    """Measure everything; return (the tables to print, the whole report)."""
    started = datetime.datetime.now()
    clock = time.perf_counter()
    load_start = os.getloadavg()[0]
    results: list[Result] = []
    found: Profile | None = None
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as scratch_name:
        scratch = Path(scratch_name)
        results.append(measure_real(repo, runs, scratch, browser))
        for size in sizes:
            result, profile = measure_size(
                repo, size, large_runs if size >= min(LARGE_SIZES) else runs, seed, scratch,
                edit_loop=edit_loop, browser=browser, profile=size == profile_size)
            results.append(result)
            found = profile or found
            shutil.rmtree(scratch / f"n{size}-plain-site", ignore_errors=True)
    report = render_report(results, found, command=command, started=started, seconds=time.perf_counter() - clock,
                           load=(load_start, os.getloadavg()[0]), revision=describe_revision(repo))
    printed = "\n\n".join([targets_table(evaluate_targets(results)), build_table(results), reader_table(results)]
                          + ([where_the_time_goes(results, found)] if found else []))
    return printed, report
