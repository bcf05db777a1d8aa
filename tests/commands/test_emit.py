"""Portability: `python -m generator emit DIR` writes a tree that other engines build into the same site.

Three engines are compared with the plugin build (`built_site`: MkDocs with our plugin): plain MkDocs and
Zensical on the emitted tree (no plugin), and ProperDocs running our plugin unchanged on the repository.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.commands.emit import MARKER, read_config
from generator.pipeline import build_pages
from tests.conftest import REPO, write

BIN = Path(sys.executable).parent
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp")}


def run(command: list, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, env=ENV)


def emit(out: Path, root: Path = REPO) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "generator", "emit", out, "--root", root])


def html_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def relative_links(html: str) -> set[str]:
    """Links inside the site (not to other sites or anchors on the same page)."""
    return {h for h in re.findall(r'href="([^"]*)"', html) if not re.match(r"[a-z]+:|#", h)}


def article_links(html: str) -> set[str]:
    article = re.search(r"<article.*?</article>", html, re.S)
    return relative_links(article.group(0) if article else "")


@pytest.fixture(scope="module")
def emitted(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("emitted") / "tree"
    result = emit(out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def plain_site(emitted) -> Path:
    result = run([BIN / "mkdocs", "build", "--strict", "-d", emitted / "mkdocs-site"], cwd=emitted)
    assert result.returncode == 0, result.stderr[-3000:]
    return emitted / "mkdocs-site"


def test_emit_writes_every_page_the_docs_and_a_config_without_the_plugin(emitted):
    pages, _ = build_pages(REPO, read_config(REPO / "mkdocs.yml")["site_url"], markdown_packs=True)
    for page in pages:
        assert (emitted / "docs" / page.src_uri).read_bytes() == page.content.encode(), page.src_uri
    for source in (REPO / "docs").rglob("*"):
        if source.is_file():
            assert (emitted / "docs" / source.relative_to(REPO / "docs")).read_bytes() == source.read_bytes()
    assert (emitted / "overrides/main.html").read_bytes() == (REPO / "overrides/main.html").read_bytes()
    config = read_config(emitted / "mkdocs.yml")
    assert config["plugins"] == []  # the search is a generated page and index, built by any engine
    assert (config["docs_dir"], config["theme"]["custom_dir"]) == ("docs", "overrides")
    assert "/approaches/grow-model.md\n" in config["not_in_nav"]
    assert "/approaches/index.md" not in config["not_in_nav"]  # in the nav, as with the plugin


def test_plain_mkdocs_builds_the_same_pages_with_the_same_links(built_site, plain_site):
    plugin, plain = html_pages(built_site), html_pages(plain_site)
    assert set(plain) == set(plugin)
    for folder in ("approaches", "barriers", "places"):
        for source in (REPO / folder).glob("*.md"):
            assert f"{folder}/{source.stem}/index.html" in plain, source
    # every page, navigation included: leaf pages stay out of the sidebar without the plugin too
    assert {url: relative_links(html) for url, html in plain.items()} == {
        url: relative_links(html) for url, html in plugin.items()}
    for export in ("data/approaches.json", "data/barriers.csv", "data/schema/places.json", "feed.xml"):
        assert (plain_site / export).read_bytes() == (built_site / export).read_bytes()


@pytest.mark.slow
def test_zensical_builds_the_emitted_tree_into_the_same_pages(emitted, built_site):
    result = run([BIN / "zensical", "build", "--strict", "--clean", "-f", "mkdocs.yml"], cwd=emitted)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    plugin, zensical = html_pages(built_site), html_pages(emitted / "site")
    assert set(zensical) == set(plugin)
    entry_pages = [url for url in plugin if url.split("/")[0] in ("approaches", "barriers", "places")]
    assert {url: article_links(zensical[url]) for url in entry_pages} == {
        url: article_links(plugin[url]) for url in entry_pages}
    assert (emitted / "site/data/approaches.json").is_file() and (emitted / "site/feed.xml").is_file()


@pytest.mark.slow
def test_properdocs_runs_the_plugin_unchanged(tmp_path, built_site):
    result = run([BIN / "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", tmp_path / "site"])
    assert result.returncode == 0, result.stderr[-3000:]
    plugin, properdocs = html_pages(built_site), html_pages(tmp_path / "site")
    assert set(properdocs) == set(plugin)
    assert {url: relative_links(html) for url, html in properdocs.items()} == {
        url: relative_links(html) for url, html in plugin.items()}
    assert (tmp_path / "site/data/places.csv").read_bytes() == (built_site / "data/places.csv").read_bytes()


def test_emit_replaces_its_own_output_but_refuses_other_folders(tree, tmp_path):
    write(tree, "mkdocs.yml", "site_name: Test\nsite_url: https://example.org/kb/\nplugins: [search, knowledge-base]\n")
    out = tmp_path / "out"
    assert emit(out, tree).returncode == 0 and (out / MARKER).is_file()
    (tree / "barriers/action-stalls.md").unlink()
    path = tree / "approaches/grow-model.md"
    path.write_text(path.read_text().replace("barriers: [action-stalls]", "barriers: [lack-of-trust]"))
    assert emit(out, tree).returncode == 0
    assert not (out / "docs/barriers/action-stalls.md").exists()  # replaced, not merged
    other = write(tmp_path, "mine/notes.txt", "keep me")
    result = emit(other.parent, tree)
    assert result.returncode == 2 and "not empty" in result.stderr and other.read_text() == "keep me"
    result = emit(tree / "docs/out", tree)
    assert result.returncode == 2 and "inside" in result.stderr


def test_emit_reports_content_problems_and_writes_nothing(tree, tmp_path):
    write(tree, "mkdocs.yml", "site_name: Test\n")
    path = tree / "places/doncaster.md"
    path.write_text(path.read_text().replace("region: Yorkshire and the Humber", "region: Yorkshire"))
    result = emit(tmp_path / "out", tree)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith("places/doncaster.md:4: region: 'Yorkshire' is not allowed")
    assert not (tmp_path / "out").exists()


def test_emit_without_a_readable_config_is_a_usage_error(tree, tmp_path):
    result = emit(tmp_path / "out", tree)  # the fixture tree has no mkdocs.yml
    assert result.returncode == 2 and "cannot read" in result.stderr and "Traceback" not in result.stderr
    write(tree, "mkdocs.yml", "site_name: [unclosed\n")
    assert emit(tmp_path / "out", tree).returncode == 2
