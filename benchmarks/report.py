"""The report: the figures as tables, the verdict on each target, and the page they are written to."""

from __future__ import annotations

import datetime
import importlib.metadata
import os
import platform
import re
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import CHROMIUM, EDIT_TIMEOUT, EditLoop, Profile, Result

REPORT_START = "<!-- Written by `python -m benchmarks` from here to the end marker: rerun it, do not edit. -->"
REPORT_END = "<!-- End of `python -m benchmarks` output. -->"
PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "PyYAML", "Jinja2", "Pygments",
            "click", "playwright")

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
        s, e = r.sizes, r.edit
        rows.append([
            r.label,
            f"{kb_text(s.page_median)} / {kb_text(s.page_max)}" if s else None,
            f"{kb_text(s.page_gz_median)} / {kb_text(s.page_gz_max)}" if s else None,
            f"{mb_text(s.index)} ({mb_text(s.index_gz)} gz)" if s else None,
            _edit_text(e), _edit_text(e, dirty=False),
        ])
    return format_table(["N", "approach page (median / max)", "gzipped (median / max)",
                         "search index, all files (never fetched whole)",
                         "edit loop: `serve --dirty`, every affected page and search file", "plain `serve`"], rows)


def search_table(results: list[Result]) -> str:
    rows = [[r.label, kb_text(b.visit_bytes), kb_text(b.query_bytes), seconds_text(b.first_seconds),
             seconds_text(b.next_seconds), seconds_text(b.throttled_seconds), f"{b.throttled_longest_ms:.0f} ms"]
            for r in results if (b := r.search)]
    return format_table(["N", "home page visit, all it loads", "first query, beyond the page", "first result",
                         "next result", "first result, CPU 4× slower", "longest task, CPU 4× slower"], rows)


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
    for label, limit in (("500", 1.5), ("2000", 1.5), ("5000", 3.0)):
        edit = by_label[label].edit if label in by_label else None
        loop = EditLoop.median(edit.dirty_seconds) if edit else None
        targets.append(Target(f"Edit loop at {label} entries (`serve --dirty`, as `bash .ci/serve` runs), every "
                              "affected page and search file right", f"≤ {limit} s", _edit_text(edit),
                              None if edit is None else (loop is not None and loop <= limit)))
    large = _ratio(build_of("5000"), build_of("2000"))
    targets.append(Target("Linear: build at 5,000 entries vs at 2,000", "≤ 2.6×", ratio_text(large),
                          None if large is None else large <= 2.6))
    r5000 = by_label.get("5000")
    peak = r5000.build.peak_bytes if r5000 and r5000.build else None
    targets.append(Target("Peak memory of the build at 5,000 entries", "≤ 1 GB", mb_text(peak),
                          None if peak is None else peak <= 1_000_000_000))
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
    for label in ("2000", "5000"):
        found = by_label[label].search if label in by_label else None
        for name, limit_text, limit, value, text in (
                ("A page visit without searching, all it loads", "1 MB", 1_000_000, found and found.visit_bytes,
                 kb_text),
                ("The first query, beyond the page", "500 KB", 500_000, found and found.query_bytes, kb_text),
                ("First result after the query is entered", "1.0 s", 1.0, found and found.first_seconds, seconds_text),
                ("Next query's result", "0.3 s", 0.3, found and found.next_seconds, seconds_text),
                ("First result with the CPU 4× slower", "2 s", 2.0, found and found.throttled_seconds, seconds_text),
                ("Longest main-thread task with the CPU 4× slower", "200 ms", 200, found and found.throttled_longest_ms,
                 lambda ms: f"{ms:.0f} ms")):
            targets.append(Target(f"{name}, {label} entries (Chromium, cold cache)", f"≤ {limit_text}",
                                  None if found is None else text(value),
                                  None if found is None else value <= limit))
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
        "## Search in Chromium",
        "",
        search_table(results),
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
        "HTML into the packs (generator/adapter/packs.py), and sets its HTML lists aside from Markdown "
        "(generator/render/rawblocks.py). That is why the plugin can be faster than plain Material.",
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
        "waited for). The plugin gives `mkdocs serve` the operating system's file notifications (inotify here), "
        "so a save is seen at once and the rebuild starts after 0.03 s without another event; the completeness "
        "check of a serve rebuild runs once the rebuild is served (it changes no page), so it is not in the "
        "figure. The same edit under plain `mkdocs serve`, which rebuilds everything, is given for comparison.",
        "- **search in Chromium:** the built site served from 127.0.0.1 by Python's threaded static server "
        "(no compression), Debian's Chromium driven by Playwright, each visit in a new browser context (a cold "
        "cache), the median of at least 3 visits. *Page visit*: every response's headers and body while the home "
        "page loads until the network is idle. *First query*: on the results page, `partners` is typed and Enter "
        "pressed; the bytes fetched from then on (the vocabulary, the shards with the query's terms, the result "
        "files of the best 30) and the time until the results show (polled every 10 ms). *Next query*: then "
        "`trust each other`. *CPU 4× slower*: the same first query in a fresh context with Chromium's "
        "`Emulation.setCPUThrottlingRate` at 4; a `PerformanceObserver` records every `longtask` on the main "
        "thread from opening the results page until its results show.",
        "- **edit loop and search:** the edited title must also reach the search files that hold it (the "
        "vocabulary, the shard with its term, its result file) before the edit counts as shown.",
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

