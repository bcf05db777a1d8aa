"""After a build, `verify` proves nothing was lost: every entry's page, search entry and index link, and every link."""

from __future__ import annotations

import json
import subprocess
import sys

from generator.adapter.completeness import page_links, verify_site
from generator.pipeline import build_pages
from tests.adapter.test_plugin import CONFIG, mkdocs_build, site  # noqa: F401 (site is a fixture)

SITE_URL = "https://example.org/kb/"  # CONFIG's site_url


def verify(tree, site_dir) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "verify", str(site_dir), "--root", str(tree)],
                          capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


def test_a_complete_site_passes(tree, site):
    pages, problems = build_pages(tree, SITE_URL)
    assert problems == [] and verify_site(site, pages) == []
    result = verify(tree, site)
    assert result.returncode == 0, result.stdout
    assert "are there, searchable, listed and linked correctly" in result.stderr


def test_a_deleted_page_is_caught_with_the_links_that_now_break(tree, site):
    (site / "approaches/grow-model/index.html").unlink()
    result = verify(tree, site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert "approaches/grow-model.md:1: site: approaches/grow-model/index.html is missing from the built site" in lines
    # trust-and-agreement lists grow-model as related; the approaches index lists every approach
    broken = [line for line in lines if ": link: " in line]
    assert any(line.startswith("approaches/trust-and-agreement/index.html:") and
               line.endswith("link: '../grow-model/' points to approaches/grow-model, which is not in the built site")
               for line in broken), broken
    assert any(line.startswith("approaches/index.html:") for line in broken), broken


def test_a_broken_link_is_named_with_its_page_and_line(tree, site):
    page = site / "barriers/lack-of-trust/index.html"
    lines = page.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "<article" in line) + 1
    lines.insert(at, '<a href="../../places/atlantis/#history">Atlantis</a> <img src="../../assets/missing.png">')
    page.write_text("\n".join(lines), encoding="utf-8")
    pages, _ = build_pages(tree, SITE_URL)
    assert [str(problem) for problem in verify_site(site, pages)] == [
        f"barriers/lack-of-trust/index.html:{at + 1}: link: '../../places/atlantis/#history' points to "
        "places/atlantis, which is not in the built site",
        f"barriers/lack-of-trust/index.html:{at + 1}: link: '../../assets/missing.png' points to "
        "assets/missing.png, which is not in the built site",
    ]


def test_a_broken_theme_link_is_caught(tree, site):
    for page in site.rglob("index.html"):  # e.g. a stylesheet named in mkdocs.yml that does not exist
        page.write_text(page.read_text(encoding="utf-8").replace("</head>", '<link href="nowhere.css"></head>'),
                        encoding="utf-8")
    pages, _ = build_pages(tree, SITE_URL)
    assert any("'nowhere.css'" in str(problem) for problem in verify_site(site, pages))


def test_an_entry_missing_from_the_search_index_is_caught(tree, site):
    results_path = site / "search/results/0.json"
    results = json.loads(results_path.read_text(encoding="utf-8"))
    doncaster = next(i for i, result in enumerate(results) if result["url"] == "../places/doncaster/")
    results[doncaster]["url"] = "../places/elsewhere/"  # listed under another address
    results_path.write_text(json.dumps(results), encoding="utf-8")
    for shard in (site / "search/terms").glob("*.json"):  # and GROW listed, but the word "grow" no longer finds it
        postings = json.loads(shard.read_text(encoding="utf-8"))
        if postings.pop("grow", None):
            shard.write_text(json.dumps(postings), encoding="utf-8")
    pages, _ = build_pages(tree, SITE_URL)
    assert sorted(str(problem) for problem in verify_site(site, pages)) == [
        "approaches/grow-model.md:1: search: is not findable by its title in the search index (search/ finds no page "
        "'approaches/grow-model/')",
        "places/doncaster.md:1: search: is not findable by its title in the search index (search/ finds no page "
        "'places/doncaster/')"]


def test_an_entry_missing_from_its_index_page_is_caught(tree, site):
    index_page = site / "barriers/index.html"
    html = index_page.read_text(encoding="utf-8")
    assert 'href="action-stalls/"' in html
    index_page.write_text(html.replace('href="action-stalls/"', 'href="#"'), encoding="utf-8")
    pages, _ = build_pages(tree, SITE_URL)
    assert [str(problem) for problem in verify_site(site, pages)] == [
        "barriers/action-stalls.md:1: index: is not linked from barriers/index.html"]


def test_a_search_index_that_cannot_be_read_is_caught(tree, site):
    (site / "search/meta.json").write_text('{"shards": [', encoding="utf-8")
    pages, _ = build_pages(tree, SITE_URL)
    problems = [str(problem) for problem in verify_site(site, pages)]
    assert len(problems) == 1 and problems[0].startswith(
        "search/meta.json:1: search: is not the knowledge base's search index (JSONDecodeError(")


def test_the_build_fails_when_a_docs_file_replaces_the_search_index_and_keeps_the_last_site(tree, site):
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    (tree / "docs/search").mkdir()
    (tree / "docs/search/meta.json").write_text("{}", encoding="utf-8")
    result = mkdocs_build(tree)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs/search/meta.json clashes with a generated page; remove or rename it" in result.stderr
    assert f"The build failed: {site} was left as it was" in result.stderr
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == before


def test_page_links_reads_only_real_link_attributes():
    """Escaped text that looks like a link (contributed titles in data attributes) must not count as one."""
    page = ('<li data-text="&lt;a href=&quot;x&quot;&gt; href=y" title=\'a href="z"\'><a HREF=q>x</a></li>\n'
            '<!-- <a href="in-a-comment"> -->\n<script src="kb.js">var a = "<a href=\\"in-a-script\\">";</script>\n'
            '<img alt="x src=b" src="a.png?x=1&amp;y=2">')
    assert page_links(page) == [(1, "q"), (3, "kb.js"), (4, "a.png?x=1&y=2")]


def test_a_dirty_rebuild_checks_what_its_changed_pages_could_break_and_only_that(tree, site):
    """`mkdocs serve --dirty` writes only the changed pages over a site that passed the whole check."""
    index_page = site / "barriers/index.html"
    index_page.write_text(index_page.read_text(encoding="utf-8").replace('href="action-stalls/"', 'href="#"'),
                          encoding="utf-8")
    (site / "places/doncaster/index.html").unlink()
    (site / "search/meta.json").write_text('{"shards": [', encoding="utf-8")
    pages, _ = build_pages(tree, SITE_URL)
    assert verify_site(site, pages, changed={"matchmaker.md"}) == []
    assert [problem.path for problem in verify_site(site, pages, changed={"approaches/grow-model.md"})] == [
        "search/meta.json"]  # a changed entry must be findable
    found = [str(problem) for problem in verify_site(site, pages, changed={
        "barriers/index.md", "places/doncaster.md", "search/meta.json"})]
    assert sorted(problem.split(":")[0] for problem in found) == [
        "barriers/action-stalls.md", "places/doncaster.md", "search/meta.json"]
