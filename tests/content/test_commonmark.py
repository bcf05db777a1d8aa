"""Bodies render as written: every entry's lists look the same on the site as in GitHub's preview."""

from html.parser import HTMLParser

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from benchmarks.measure import markdown_extensions
from generator.content.commonmark import (
    SITE_EXTENSION_CONFIGS, SITE_EXTENSIONS, ListItem, commonmark_items, list_difference, plainly_alike, site_items,
)
from generator.content.load import load_collection
from generator.pipeline import check
from tests.conftest import REPO

ENTRIES = sorted(load_collection(REPO).entries, key=lambda entry: entry.path)


class ReaderListItems(HTMLParser):
    """Each list item of a rendered page as a reader sees it: depth, numbered or not, and its own text.

    Written here rather than taken from generator/content/commonmark.py: it reads the finished HTML, so it
    checks the check, which compares the parsers' block structure only.
    """

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lists: list[str] = []  # open lists, innermost last
        self.open_items: list[int] = []  # indexes into `items`, innermost last
        self.items: list[list] = []  # [depth, ordered, [text, ...]]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            self.open_items.append(len(self.items))
            self.items.append([len(self.lists) - 1, self.lists[-1] == "ol", []])

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self.lists.pop()
        elif tag == "li":
            self.open_items.pop()

    def handle_data(self, data):
        if self.open_items and self.items[self.open_items[-1]][0] == len(self.lists) - 1:
            self.items[self.open_items[-1]][2].append(data)

    def lines(self) -> list[str]:
        return [f"{'  ' * depth}{'1.' if ordered else '-'} {' '.join(''.join(text).split())}"
                for depth, ordered, text in self.items]


def mkdocs_yml_extensions() -> tuple[list[str], dict]:
    """The extensions and settings MkDocs converts pages with, read from the repository's mkdocs.yml."""
    return markdown_extensions(yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def site_markdown() -> markdown.Markdown:
    names, settings = mkdocs_yml_extensions()
    return markdown.Markdown(extensions=names, extension_configs=settings)


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry.path for entry in ENTRIES])
def test_every_body_has_the_same_lists_on_the_site_as_on_github(entry, site_markdown):
    on_github = ReaderListItems(MarkdownIt("commonmark").enable("table").render(entry.body)).lines()
    on_the_site = ReaderListItems(site_markdown.reset().convert(entry.body)).lines()
    assert on_the_site == on_github


def test_a_list_with_empty_lines_between_its_items_stays_one_list_on_the_site(site_markdown):
    html = site_markdown.reset().convert("- Allies\n\n- Opponents\n\n- Bedfellows\n")
    assert html.count("<ul>") == 1 and html.count("<li>") == 3


def test_the_check_parses_with_the_extensions_of_mkdocs_yml():
    assert mkdocs_yml_extensions() == (list(SITE_EXTENSIONS), SITE_EXTENSION_CONFIGS)


def test_list_items_keep_depth_kind_and_their_own_text_as_written():
    body = "1. Plan *each*\n   group.\n   - Allies &amp; friends\n"
    expected = [ListItem(0, True, "Plan *each* group."), ListItem(1, False, "Allies &amp; friends")]
    assert commonmark_items(body) == (expected, [0, 2])
    assert site_items(body) == expected


@pytest.mark.parametrize("body", [
    "Groups:\n\n- Allies\n- Opponents\n",
    "- Plan\n  - Allies\n  - Opponents\n- Commit\n",  # 2 spaces under '- '
    "1. Plan\n   - Allies\n   - Opponents\n2. Commit\n",  # 3 spaces under '1. '
    "- Plan\n- Commit\n\n1. First\n2. Second\n",  # a numbered list after a bulleted one is a new list
    "```\nText:\n- not a list\n```\n",
], ids=["after-empty-line", "nested-2", "nested-3-under-number", "bullets-then-numbers", "fenced-code"])
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


def test_numbers_in_parenthesis_are_refused():
    assert list_difference("Steps:\n\n1) Plan\n2) Commit\n") == (
        2, "number list items '1.', '2.', ...: the site does not read '1)' as a list, though GitHub does")


def test_the_problem_names_the_line_in_the_file(tree):
    path = tree / "approaches" / "grow-model.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n## Watch out for\n", "\n## Watch out for\nTwo things:\n- One\n- Two\n", 1),
                    encoding="utf-8")
    found = [str(p) for p in check(tree).problems]
    line = text.split("\n").index("## Watch out for") + 3  # 1-based, front matter included
    assert found == [f"approaches/grow-model.md:{line}: body: a list must follow an empty line: on the site, 'One' "
                     "runs into the text above it; add an empty line before it"]


LINES = ["", "Some text.", "More text", "## A heading", "- an item", "* an item", "+ an item", "1. a step",
         "2. **Lead (5 minutes).** x", "10. ten", "~~~", "<details>", "  - nested two", "   - nested three", "    - nested four", "1) paren", "> quoted", "```", "code - x",
         "  continued", "lazy continuation"]


@given(st.lists(st.sampled_from(LINES), max_size=14))
@settings(max_examples=400, deadline=None)
def test_a_body_passed_as_plain_reads_the_same_on_github_and_on_the_site(lines):
    """The fast path of the list check (`plainly_alike`) may skip the two parses only when they would agree."""
    body = "\n".join(lines) + "\n"
    if plainly_alike(body):
        assert commonmark_items(body)[0] == site_items(body), body
