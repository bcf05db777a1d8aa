"""The measurements: `check`, `mkdocs build` and `mkdocs serve` in child processes, plain Material on the same
pages, the Markdown floor, what a reader downloads, and search in Chromium."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import posixpath
import pstats
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

from benchmarks import BenchError
from benchmarks.collection import make_project, read_config
from generator.commands.emit import EmitError, emit
from generator.content.model import KINDS
from generator.content.urls import page_url
from generator.pipeline import build_pages, check

CHROMIUM = Path("/usr/bin/chromium")
FIRST_BUILD_TIMEOUT = 900.0  # seconds for `mkdocs serve` to finish its first build
EDIT_TIMEOUT = 300.0  # seconds for an edit to reach every affected page before it counts as failed
POLL_SECONDS = 0.02
MKDOCS_DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code")  # MkDocs adds these to every config


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
    """HTML of the approach pages (raw and gzipped) and the search index (all its files), as built."""
    pages = [p.read_bytes() for p in sorted(site.glob("approaches/*/index.html"))]
    if not pages:
        raise BenchError(f"no approach pages in {site}")
    raw = [len(p) for p in pages]
    zipped = [_gzip_size(p) for p in pages]
    index = b"".join(path.read_bytes() for path in sorted((site / "search").rglob("*.json")))
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
        marker = f"revised{round_}x{number}"  # lower case: the search files hold it as they hold every term
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
    # Of the search files, the vocabulary and the result file: which term shard holds a new word depends on where
    # a fresh build cuts the shards, and `mkdocs serve` keeps the cuts of its first build.
    return [page_url(p.src_uri) for p in pages
            if (p.src_uri.endswith(".md") or p.src_uri == "search/meta.json" or p.src_uri.startswith("search/results/"))
            and marker in p.content]


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
    """What a reader downloads and waits for, cold cache, in Chromium (bytes as transferred, uncompressed)."""

    visit_bytes: int  # the home page with everything it loads, without searching
    query_bytes: int  # what the first query fetches beyond the results page itself
    first_seconds: float  # from pressing Enter on the first query to its results showing
    next_seconds: float  # the same for a second query
    throttled_seconds: float  # the first query with the CPU slowed 4x (a mid-range phone)
    throttled_longest_ms: float  # the longest main-thread task from opening the results page to its first results


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
SEARCH_QUERIES = ("partners", "trust each other")  # the first and the next query


def _transferred(page) -> list[int]:
    """A list that fills with the bytes of each response `page` receives from now on (headers and body)."""
    sizes: list[int] = []

    def finished(request) -> None:
        try:
            measured = request.sizes()
            sizes.append(measured["responseHeadersSize"] + measured["responseBodySize"])
        except Exception:  # a request the page dropped (e.g. on navigating away) has no sizes: it counts nothing
            pass

    page.on("requestfinished", finished)
    return sizes


def _ask(page, query: str) -> float:
    """Seconds from pressing Enter on `query` in the results page's box until its results show."""
    page.evaluate("document.getElementById('kb-search-status').textContent = ''")
    page.locator("#kb-search-q").fill(query)
    start = time.perf_counter()
    page.locator("#kb-search-q").press("Enter")
    page.wait_for_function(SEARCH_DONE, timeout=EDIT_TIMEOUT * 1000, polling=10)
    return time.perf_counter() - start


def measure_search_load(site: Path) -> SearchLoad | None:
    """A reader's visit and searches on `site` served from 127.0.0.1, each from a cold cache."""
    with served_in_chromium(site) as served:
        if served is None:
            return None
        page, base_url = served
        context = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
        visit = context.new_page()
        visit_sizes = _transferred(visit)
        visit.goto(base_url, wait_until="networkidle")
        context.close()
        context = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
        searching = context.new_page()
        searching.goto(base_url + "search/", wait_until="networkidle")
        query_sizes = _transferred(searching)
        first = _ask(searching, SEARCH_QUERIES[0])
        searching.wait_for_load_state("networkidle")
        query_bytes = sum(query_sizes)
        following = _ask(searching, SEARCH_QUERIES[1])
        context.close()
        context = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
        slow = context.new_page()
        slow.context.new_cdp_session(slow).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        slow.add_init_script(LONG_TASK_OBSERVER)
        slow.goto(base_url + "search/", wait_until="networkidle")
        throttled = _ask(slow, SEARCH_QUERIES[0])
        slow.wait_for_timeout(500)
        tasks = slow.evaluate("window.__kbLongTasks")
        context.close()
    return SearchLoad(sum(visit_sizes), query_bytes, first, following, throttled, max(tasks, default=0.0))


def measure_search(site: Path, runs: int) -> SearchLoad | None:
    """The median of each figure over `runs` visits."""
    visits = [measure_search_load(site) for _ in range(runs)]
    if None in visits:
        return None
    return SearchLoad(*(statistics.median(getattr(visit, name) for visit in visits)
                        for name in SearchLoad.__dataclass_fields__))


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
    ("our plugin, on_config: the core run (`build_pages`)", "generator/adapter/plugin.py", ("on_config",)),
    ("↳ of which `check`: load, validate, link", "generator/pipeline.py", ("check",)),
    ("↳ of which `link` (back-links, related approaches)", "generator/content/link.py", ("link",)),
    ("our plugin, on_files: add the virtual files", "generator/adapter/plugin.py", ("on_files",)),
    ("our plugin, on_post_build: verify the built site", "generator/adapter/plugin.py", ("on_post_build",)),
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
        result.search = measure_search(site, runs)
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
        _say(f"N={approaches}: a reader's visit and searches in Chromium")
        result.search = measure_search(site, max(runs, 3))
    found = None
    if profile:
        _say(f"N={approaches}: profiling one build")
        found = profile_build(project, scratch / f"n{approaches}-profile-site", approaches)
    if edit_loop:
        _say(f"N={approaches}: edit loop under mkdocs serve --dirty (then plain serve)")
        result.edit = measure_edit_loop(project, runs)
    shutil.rmtree(site, ignore_errors=True)
    return result, found

