"""The MkDocs plugin builds every entry at its URL, cross-linked both ways, and never costs the last good site."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, search_built_index, write

CONFIG = """\
site_name: Test
site_url: https://example.org/kb/
repo_url: https://github.com/example/kb
edit_uri: edit/main/docs/
strict: true
theme:
  name: material
  font: false
  features: [content.action.edit]
plugins:
  - knowledge-base
markdown_extensions: [admonition, attr_list, md_in_html, tables, {toc: {permalink: true}}]
validation: {omitted_files: warn, absolute_links: warn, unrecognized_links: warn, anchors: warn}
"""


def mkdocs_build(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=root,
                          capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


@pytest.fixture
def site(tree):
    write(tree, "mkdocs.yml", CONFIG)
    write(tree, "docs/about.md", "# About\n")
    result = mkdocs_build(tree)
    assert result.returncode == 0, result.stderr
    return tree / "site"


def html(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def links(page: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', page))


def test_every_entry_has_its_page(site):
    for url in ("approaches/trust-and-agreement", "approaches/grow-model", "barriers/lack-of-trust",
                "barriers/action-stalls", "places/doncaster", "approaches", "barriers", "places", "themes"):
        assert (site / url / "index.html").is_file(), url


def test_approach_links_to_its_barriers_and_places_and_they_link_back(site):
    approach = html(site, "approaches/trust-and-agreement")
    assert {"../../barriers/lack-of-trust/", "../../places/doncaster/"} <= links(approach)
    assert "John Deffenbaugh" in approach
    assert "../../approaches/trust-and-agreement/" in links(html(site, "barriers/lack-of-trust"))
    place = html(site, "places/doncaster")
    assert "../../approaches/trust-and-agreement/" in links(place) and "John Deffenbaugh" in place


def test_enabler_without_place_is_shown_without_inventing_one(site):
    page = html(site, "approaches/grow-model")
    assert "Used by enabler Jill Barrow (no place documented)" in page


def test_edit_link_opens_the_real_source_file(site):
    assert 'href="https://github.com/example/kb/edit/main/approaches/trust-and-agreement.md"' in html(
        site, "approaches/trust-and-agreement")
    assert 'href="https://github.com/example/kb/edit/main/places/doncaster.md"' in html(site, "places/doncaster")


def test_metadata_is_searchable(site):
    """Originators, enablers and places find the approach in the built index, read as kb.js reads it."""
    def read(path: str) -> str:
        return (site / path).read_text(encoding="utf-8")

    for words in ("peter block", "john deffenbaugh", "doncaster"):
        assert "../approaches/trust-and-agreement/" in search_built_index(read, words)[:2], words


def test_summary_becomes_the_meta_description(site):
    assert ('<meta name="description" content="Sort the people in a system by how far you trust them and how far '
            'they agree with your aims.">') in html(site, "approaches/trust-and-agreement")


def test_broken_entry_fails_cleanly_and_keeps_the_last_site(tree, site):
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    path = tree / "approaches/grow-model.md"
    path.write_text(path.read_text().replace("barriers: [action-stalls]", "barrriers: [action-stalls]"))
    result = mkdocs_build(tree)
    assert result.returncode == 1
    assert "approaches/grow-model.md:7: barrriers: unknown field 'barrriers' (did you mean 'barriers'?)" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_the_real_repository_builds_strictly_with_every_entry(built_site):
    for folder in ("approaches", "barriers", "places"):
        for source in (REPO / folder).glob("*.md"):
            assert (built_site / folder / source.stem / "index.html").is_file(), source


def test_the_real_repository_cross_links_both_ways(built_site):
    approach = html(built_site, "approaches/trust-and-agreement")
    assert {"../../barriers/lack-of-trust/", "../../places/doncaster/"} <= links(approach)
    assert "../../approaches/trust-and-agreement/" in links(html(built_site, "places/doncaster"))
    assert "../../approaches/trust-and-agreement/" in links(html(built_site, "barriers/lack-of-trust"))


@pytest.mark.parametrize("mode", [[], ["--dirty"]], ids=["serve", "serve --dirty"])
def test_serve_rebuilds_every_affected_page_when_an_entry_changes(tree, mode):
    """Editing a barrier's title must show on every page that shows it, with search still whole, also under
    --dirty, where only changed pages are rebuilt (and `strict: true` must not fail the rebuild)."""
    import json
    import socket
    import time
    import urllib.request

    write(tree, "mkdocs.yml", CONFIG)
    write(tree, "docs/about.md", "# About\n")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", *mode,
                               "-a", f"127.0.0.1:{port}"],
                              cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})

    def fetch(path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/kb/{path}", timeout=2) as response:
                return response.read().decode()
        except OSError:
            return ""

    def found(words: str) -> list[str]:
        """What the served index finds, or nothing while a rebuild is writing it."""
        try:
            return search_built_index(fetch, words)
        except (ValueError, KeyError, IndexError):
            return []

    def wait_for(text: str, path: str = "approaches/trust-and-agreement/") -> bool:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if text in fetch(path):
                return True
            time.sleep(0.3)
        return False

    try:
        assert wait_for("Partners don't trust each other")
        barrier = tree / "barriers/lack-of-trust.md"
        barrier.write_text(barrier.read_text().replace("Partners don't trust each other", "Partners doubt each other"))
        for page in ("approaches/trust-and-agreement/", "barriers/lack-of-trust/", "barriers/", "", "matrix/",
                     "approaches/"):
            assert wait_for("Partners doubt each other", page), page
        # the search index is rebuilt too: the new words find the barrier, the old ones no longer do, none is lost
        deadline = time.monotonic() + 30
        while "../barriers/lack-of-trust/" not in found("doubt") and time.monotonic() < deadline:
            time.sleep(0.3)
        assert found("doubt")[:1] == ["../barriers/lack-of-trust/"]
        meta = json.loads(fetch("search/meta.json"))
        assert not any("partner dont trust" in b["phrases"][0] for b in meta["barriers"])
        # a new approach is findable after the rebuild
        write(tree, "approaches/zebra-crossing.md", (tree / "approaches/grow-model.md").read_text()
              .replace("title: GROW model", "title: Zebra crossing"))
        deadline = time.monotonic() + 30
        while "../approaches/zebra-crossing/" not in found("zebra") and time.monotonic() < deadline:
            time.sleep(0.3)
        assert found("zebra crossing")[0] == "../approaches/zebra-crossing/"
        assert {"../approaches/grow-model/", "../places/doncaster/"} <= set(found("doncaster grow"))
        # a body edit reaches the print packs, whose bodies are copied from the approach's converted page
        approach = tree / "approaches/trust-and-agreement.md"
        approach.write_text(approach.read_text().replace("Map each partner.", "Map every partner, then [GROW](grow-model.md)."))
        for page, link in (("approaches/trust-and-agreement/", "../grow-model/"), ("print/", "../approaches/grow-model/"),
                           ("print/lack-of-trust/", "../../approaches/grow-model/")):
            assert wait_for(f'Map every partner, then <a href="{link}">GROW</a>', page), page
        assert server.poll() is None  # still serving: no rebuild failed
    finally:
        server.terminate()
        server.wait(timeout=10)


def snapshot(site: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}


@pytest.mark.parametrize("failure, make", [
    ("a strict-mode warning", lambda tree: write(tree, "docs/about.md", "# About\n\nSee [the old page](gone.md).\n")),
    ("an error while rendering", lambda tree: write(tree, "docs/about.md", "---\ntemplate: missing.html\n---\n# About\n")),
])
def test_a_failure_after_mkdocs_cleaned_the_site_keeps_the_last_site(tree, site, failure, make):
    """Content checks stop a build before MkDocs cleans site/; these failures come later, during the build."""
    before = snapshot(site)
    make(tree)
    result = mkdocs_build(tree)
    assert result.returncode == 1, failure
    assert snapshot(site) == before
    assert f"The build failed: {site} was left as it was" in result.stderr
    assert sorted(p.name for p in tree.iterdir() if "staging" in p.name) == []


def test_a_good_build_replaces_the_whole_site(tree, site):
    write(tree, "site/left-over.html", "from an older build")
    barrier = tree / "barriers/lack-of-trust.md"
    barrier.write_text(barrier.read_text().replace("Partners don't trust each other", "Partners doubt each other"))
    result = mkdocs_build(tree)
    assert result.returncode == 0, result.stderr
    assert not (site / "left-over.html").exists()
    assert "Partners doubt each other" in html(site, "barriers/lack-of-trust")
    assert sorted(p.name for p in tree.iterdir() if "staging" in p.name) == []


def test_print_packs_show_each_body_once_converted_with_links_from_the_pack(tree):
    """Bodies are copied from the approach pages' HTML: a link between approaches must still work from a pack,
    and a pack holding several bodies must not repeat heading ids."""
    approach = tree / "approaches/trust-and-agreement.md"
    approach.write_text(approach.read_text().replace(
        "Map each partner.", "Map each partner; see [GROW](grow-model.md) and [the steps](#how-to-use-it).\n\n"
                             "### Worked example { #worked }\n\nText."))
    write(tree, "mkdocs.yml", CONFIG)
    write(tree, "docs/about.md", "# About\n")
    result = mkdocs_build(tree)
    assert result.returncode == 0, result.stderr
    page = html(tree / "site", "approaches/trust-and-agreement/")
    assert '<a href="../grow-model/">GROW</a> and <a href="#how-to-use-it">the steps</a>' in page
    assert '<h3 id="worked">Worked example' in page and "kb-body" not in page
    everything = html(tree / "site", "print/")
    assert ('<a href="../approaches/grow-model/">GROW</a> and '
            '<a href="../approaches/trust-and-agreement/#how-to-use-it">the steps</a>') in everything
    assert "<h3>How to use it</h3>" in everything and "<h4>Worked example</h4>" in everything
    assert "kb-pack-body" not in everything
    ids = re.findall(r' id="([^"]+)"', everything)
    assert len(ids) == len(set(ids))
    pack = html(tree / "site", "print/lack-of-trust/")
    assert '<a href="../../approaches/grow-model/">GROW</a>' in pack


def test_approach_page_links_to_the_report_a_use_form(site):
    assert ('href="https://github.com/example/kb/issues/new?template=report-a-use.yml&amp;approach=GROW+model"'
            in html(site, "approaches/grow-model"))


def test_entry_pages_say_when_they_last_changed(site):
    for url in ("approaches/grow-model", "barriers/lack-of-trust", "places/doncaster"):
        assert re.search(r'<p class="kb-changed">Last changed <time datetime="\d{4}-\d\d-\d\d">', html(site, url)), url


def test_every_page_footer_links_to_the_contributing_guide(built_site):
    for page in built_site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="md-copyright"' in text:
            assert re.search(r'<a href="(?:[./]*contributing/|\./)">How to contribute</a>', text), page


def test_the_sitemap_every_page_fetches_is_a_small_index_naming_the_full_list(built_site):
    """Material's script fetches sitemap.xml on every page: it must not grow with the collection."""
    index = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index and len(index) < 500
    assert "/knowledge-base/sitemap-pages.xml</loc>" in index
    pages = (built_site / "sitemap-pages.xml").read_text(encoding="utf-8")
    assert pages.startswith("<?xml") and "/knowledge-base/approaches/grow-model/</loc>" in pages


def test_under_serve_dirty_full_collections_wait_for_the_pause_after_a_rebuild(monkeypatch):
    """A rebuild is not interrupted by a full garbage collection; one runs after it, unless the next has begun."""
    import gc
    import threading

    from generator.adapter.plugin import _IdleCollector

    collected = threading.Event()
    monkeypatch.setattr(_IdleCollector, "DELAY_SECONDS", 0.05)
    monkeypatch.setattr(gc, "collect", lambda *args: collected.set())
    threshold = gc.get_threshold()
    try:
        collector = _IdleCollector()
        assert gc.get_threshold()[2] >= 2**31 - 1  # no automatic full collection
        collector.rebuild_ended()
        collector.rebuild_starts()  # the next rebuild began at once: no collection during it
        assert not collected.wait(0.2)
        collector.rebuild_ended()
        assert collected.wait(2)
    finally:
        gc.set_threshold(*threshold)


def test_under_serve_the_completeness_check_runs_once_the_rebuild_is_served_and_still_reports(caplog):
    """The check only reads the site, so `mkdocs serve` serves a rebuild before it; what it finds is still logged
    as an error, and the next rebuild waits for it before writing over the site it reads."""
    import threading

    from generator.adapter.plugin import _CheckAfterServing

    reading = threading.Event()
    checker = _CheckAfterServing()
    checker.start(lambda: "1 thing(s) missing from the built site, listed above" if reading.wait(5) else None)
    assert checker.thread.is_alive()  # start returned at once: the rebuild is served while the check runs
    reading.set()
    checker.wait()  # what the next rebuild does first
    assert checker.thread is None
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("ERROR", "1 thing(s) missing from the built site, listed above")]
    caplog.clear()

    def unreadable():
        raise PermissionError(13, "Permission denied")

    checker.start(unreadable)  # a check that cannot read the site says so, as an error, without a traceback
    checker.wait()
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("ERROR", "The completeness check could not finish: PermissionError(13, 'Permission denied')")]
