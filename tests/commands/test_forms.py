"""`python -m generator forms`: issue forms that list the real barriers and places and link to the real site."""

from __future__ import annotations

import subprocess
import sys

import yaml

from generator.commands.forms import ANOTHER_PLACE, dropdown_labels, form_texts
from tests.conftest import write
from tests.adapter.test_plugin import CONFIG


def element(form: dict, id_: str) -> dict:
    return next(e for e in form["body"] if e.get("id") == id_)


def forms_of(tree) -> dict[str, dict]:
    return {name: yaml.safe_load(text) for name, text in form_texts(tree).items()}


def test_dropdowns_list_the_barriers_and_places_in_the_content_by_title(tree):
    write(tree, "mkdocs.yml", CONFIG)
    write(tree, "barriers/nobody-owns-it.md", "---\ntitle: Nobody owns the problem\nsummary: No one leads.\n---\n")
    write(tree, "places/leeds.md", "---\ntitle: Leeds\n---\n")
    forms = forms_of(tree)
    assert element(forms["suggest-an-approach.yml"], "barriers")["attributes"]["options"] == [
        "Nobody owns the problem", "Partners don't trust each other", "Partners pull in different directions",
        "Talk doesn't turn into action"]
    assert element(forms["report-a-use.yml"], "place")["attributes"]["options"] == ["Doncaster", "Leeds", ANOTHER_PLACE]


def test_links_come_from_mkdocs_yml(tree):
    write(tree, "mkdocs.yml", CONFIG)  # site_url https://example.org/kb/, repo_url https://github.com/example/kb
    forms = forms_of(tree)
    assert forms["config.yml"]["contact_links"][0]["url"] == "https://example.org/kb/contributing/"
    intro = forms["suggest-an-approach.yml"]["body"][0]["attributes"]["value"]
    assert "(https://github.com/example/kb/new/main/approaches)" in intro
    assert "(https://example.org/kb/contributing/)" in intro


def test_entries_sharing_a_title_stay_distinct_options():
    assert dropdown_labels([("kent", "Kent"), ("kent-2010", "Kent"), ("lewisham", "Lewisham")]) == [
        "Kent (kent)", "Kent (kent-2010)", "Lewisham"]


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def test_command_writes_the_forms_into_the_repository(tree):
    write(tree, "mkdocs.yml", CONFIG)
    result = run("forms", cwd=tree)
    assert result.returncode == 0, result.stderr
    folder = tree / ".github/ISSUE_TEMPLATE"
    assert sorted(p.name for p in folder.iterdir()) == [
        "config.yml", "report-a-correction.yml", "report-a-use.yml", "suggest-an-approach.yml"]
    assert "wrote .github/ISSUE_TEMPLATE/report-a-use.yml" in result.stdout
    assert (folder / "report-a-use.yml").read_text(encoding="utf-8") == form_texts(tree)["report-a-use.yml"]


def test_missing_or_incomplete_mkdocs_yml_is_a_located_problem(tree):
    result = run("forms", cwd=tree)
    assert result.returncode == 1 and result.stdout.startswith("mkdocs.yml:1: file: not found")
    write(tree, "mkdocs.yml", CONFIG.replace("repo_url: https://github.com/example/kb\n", ""))
    result = run("forms", cwd=tree)
    assert result.returncode == 1 and result.stdout.startswith("mkdocs.yml:1: repo_url: must be")
    assert "Traceback" not in result.stderr
    assert not (tree / ".github").exists()
