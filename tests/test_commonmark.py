"""Bodies render as written: every entry's lists look the same on the site as in GitHub's preview."""

from pathlib import Path

import markdown
import pytest
import yaml

from generator.bench import markdown_extensions
from generator.commonmark import (
    SITE_EXTENSION_CONFIGS, SITE_EXTENSIONS, ListItem, commonmark_items, list_difference, list_items,
)
from generator.load import load_collection
from tests.conftest import REPO

ENTRIES = sorted(load_collection(REPO).entries, key=lambda entry: entry.path)


def mkdocs_yml_extensions() -> tuple[list[str], dict]:
    """The extensions and settings MkDocs converts pages with, read from the repository's mkdocs.yml."""
    return markdown_extensions(yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def site_markdown() -> markdown.Markdown:
    names, settings = mkdocs_yml_extensions()
    return markdown.Markdown(extensions=names, extension_configs=settings)


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry.path for entry in ENTRIES])
def test_every_body_has_the_same_lists_on_the_site_as_on_github(entry, site_markdown):
    on_github, _ = commonmark_items(entry.body)
    on_the_site = list_items(site_markdown.reset().convert(entry.body))
    assert [str(item) for item in on_the_site] == [str(item) for item in on_github]


def test_the_check_renders_with_the_extensions_of_mkdocs_yml():
    assert mkdocs_yml_extensions() == (list(SITE_EXTENSIONS), SITE_EXTENSION_CONFIGS)


def test_list_items_keep_depth_kind_and_own_text():
    html = "<ol><li><p>Plan <em>each</em>\n group.</p><ul><li>Allies &amp; friends</li></ul></li></ol>"
    assert list_items(html) == [ListItem(0, True, "Plan each group."), ListItem(1, False, "Allies & friends")]


@pytest.mark.parametrize("body", [
    "Groups:\n\n- Allies\n- Opponents\n",
    "- Plan\n  - Allies\n  - Opponents\n- Commit\n",  # 2 spaces under '- '
    "1. Plan\n   - Allies\n   - Opponents\n2. Commit\n",  # 3 spaces under '1. '
    "- Plan\n\n  More about planning.\n\n- Commit\n",
    "```\nText:\n- not a list\n```\n",
], ids=["after-empty-line", "nested-2", "nested-3-under-number", "loose-list", "fenced-code"])
def test_lists_written_the_commonmark_way_show_the_same_on_the_site(body):
    assert list_difference(body) is None


def test_a_list_straight_after_text_is_refused_at_its_first_item():
    body = "## How to use it\n\nThe steps:\n1. Plan\n2. Commit\n"
    line, message = list_difference(body)
    assert line == 3 and message.startswith("a list must follow an empty line") and "'Plan'" in message


def test_sub_items_indented_4_spaces_are_refused_with_the_indent_to_use():
    body = "- Plan\n    - Allies\n- Commit\n"
    line, message = list_difference(body)
    assert line == 1
    assert "indented 4 spaces" in message and "2 spaces under '- ', 3 under '1. '" in message


def test_the_problem_names_the_line_in_the_file(tree):
    path = tree / "approaches" / "grow-model.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n## Watch out for\n", "\n## Watch out for\nTwo things:\n- One\n- Two\n", 1),
                    encoding="utf-8")
    from generator.pipeline import check

    found = [str(p) for p in check(tree).problems]
    line = text.split("\n").index("## Watch out for") + 3  # 1-based, front matter included
    assert found == [f"approaches/grow-model.md:{line}: body: a list must follow an empty line: on the site, 'One' "
                     "runs into the text above it; add an empty line before it"]
