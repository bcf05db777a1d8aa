"""Validation messages name the file, line and field, and say how to fix the problem."""

import datetime

from generator.content.load import load_file
from generator.content.model import APPROACH
from generator.content.validate import validate_entry
from tests.conftest import APPROACH_BODY, write

HEAD = """---
title: Six Thinking Hats
summary: Look at a question from six angles in turn.
originator: Edward de Bono
themes: [conversation-and-engagement]
barriers: [lack-of-trust]
sources:
  - {author: Edward de Bono, title: Six Thinking Hats, year: 1985}
type: method
group_size: {min: 2, max: 12}
duration_minutes: {min: 30, max: 60}
"""


def check(tree, extra: str = "", body: str = APPROACH_BODY, head: str = HEAD) -> list[str]:
    write(tree, "approaches/six-thinking-hats.md", head + extra + "---\n" + body)
    entry, problems = load_file(tree, "approaches/six-thinking-hats.md")
    assert problems == []
    return [str(p) for p in validate_entry(entry)]


def test_a_complete_entry_has_no_problems(tree):
    assert check(tree) == []


def test_unknown_field_suggests_the_right_name(tree):
    assert check(tree, "barrriers: [x]\n") == [
        "approaches/six-thinking-hats.md:12: barrriers: unknown field 'barrriers' (did you mean 'barriers'?); "
        f"allowed here: {', '.join(field.name for field in APPROACH.fields)}"]


def test_missing_required_fields(tree):
    head = "---\ntitle: X\nsummary: Y.\n"
    found = check(tree, head=head)
    assert "approaches/six-thinking-hats.md:1: originator: required field 'originator' is missing (who devised it)" in found
    assert any(m.startswith("approaches/six-thinking-hats.md:1: sources: required field 'sources'") for m in found)
    assert any(m.startswith("approaches/six-thinking-hats.md:1: group_size: required field 'group_size' is missing")
               for m in found)
    assert any(m.startswith("approaches/six-thinking-hats.md:1: duration_minutes: required field 'duration_minutes' "
                            "is missing") for m in found)
    # originator, type, themes, barriers, group_size, duration_minutes, sources: all at once
    assert len(found) == 7


def test_wrong_types_and_blank_strings(tree):
    found = check(tree, "year: nineteen\naliases: Hats\nrights: '  '\n")
    assert "approaches/six-thinking-hats.md:12: year: expected a whole number, got text" in found
    assert ("approaches/six-thinking-hats.md:13: aliases: expected a list, got text: write [a, b] or one "
            "'- item' per line") in found
    assert "approaches/six-thinking-hats.md:14: rights: must not be blank" in found


def test_year_in_the_future(tree):
    next_year = datetime.date.today().year + 1
    assert check(tree, f"year: {next_year}\n") == [f"approaches/six-thinking-hats.md:12: year: {next_year} is in the future"]


def test_min_greater_than_max(tree):
    head = HEAD.replace("group_size: {min: 2, max: 12}\n", "group_size: {min: 12, max: 3}\n")
    assert check(tree, head=head) == [
        "approaches/six-thinking-hats.md:10: group_size: min (12) is more than max (3)"]


def test_theme_choice_suggests(tree):
    found = check(tree.parent / "kb", "difficulty: hrad\n")
    assert found[0].startswith("approaches/six-thinking-hats.md:12: difficulty: 'hrad' is not allowed (did you mean 'hard'?)")


def test_summary_must_be_one_short_sentence(tree):
    head = HEAD.replace("summary: Look at a question from six angles in turn.",
                        "summary: Look at a question. Then look again.")
    assert check(tree, head=head) == [
        "approaches/six-thinking-hats.md:3: summary: must be a single sentence; move the rest into the body"]
    head = HEAD.replace("summary: Look at a question from six angles in turn.", "summary: " + "x" * 201)
    assert check(tree, head=head) == [
        "approaches/six-thinking-hats.md:3: summary: is 201 characters long; at most 200 are allowed"]


def test_summary_abbreviations_are_not_sentence_breaks(tree):
    head = HEAD.replace("summary: Look at a question from six angles in turn.",
                        "summary: Questions by J. Smith, e.g. Who decides and Dr. Who asks.")
    assert check(tree, head=head) == []


def test_source_urls_must_be_http(tree):
    found = check(tree, "places:\n  - place: doncaster\n    source: {url: 'javascript:alert(1)'}\n")
    assert found == ["approaches/six-thinking-hats.md:14: places[0].source.url: 'javascript:alert(1)' is not a web "
                     "address; it must start with https:// or http://"]


def test_use_needs_a_source(tree):
    assert check(tree, "places:\n  - place: doncaster\n") == [
        "approaches/six-thinking-hats.md:13: places[0].source: required field 'source' is missing "
        "(where this use is documented)"]


def test_source_needs_at_least_one_detail(tree):
    head = HEAD.replace("  - {author: Edward de Bono, title: Six Thinking Hats, year: 1985}", "  - {publisher: X}")
    assert check(tree, head=head) == [
        "approaches/six-thinking-hats.md:8: sources[0]: give at least one of: title, author, year, url"]


def test_body_sections_are_required_and_named(tree):
    body = "\n## What it is\nA.\n\n## When to use\nB.\n\n## How to use it\nC.\n"
    assert check(tree, body=body) == [
        "approaches/six-thinking-hats.md:17: body: unexpected heading '## When to use' (did you mean 'When to use "
        "it'?); the sections are: '## What it is', '## When to use it', '## How to use it', '## Watch out for' "
        "(use '###' for sub-headings)",
        "approaches/six-thinking-hats.md:13: body: missing the section '## When to use it'",
        "approaches/six-thinking-hats.md:13: body: missing the section '## Watch out for'",
    ]


def test_raw_html_and_script_links_in_the_body(tree):
    body = APPROACH_BODY + "\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n<abbr title='t'>OK</abbr>\n"
    found = check(tree, body=body)
    assert found[0].startswith("approaches/six-thinking-hats.md:26: body: raw HTML <script> is not allowed")
    assert found[1] == "approaches/six-thinking-hats.md:28: body: links to 'javascript:' addresses are not allowed; use https://"
    assert len(found) == 2


def test_an_empty_value_says_so(tree):
    assert check(tree, "year:\n") == ["approaches/six-thinking-hats.md:12: year: is empty; give it a value or delete the line"]


def test_an_empty_section_is_named(tree):
    body = APPROACH_BODY.replace("C.\n", "\n")
    assert check(tree, body=body) == [
        "approaches/six-thinking-hats.md:20: body: the section '## How to use it' is empty; write it or ask for help "
        "in your pull request"]


def test_a_programme_says_how_long_it_takes_overall(tree):
    head = HEAD.replace("type: method\n", "type: programme\n")
    assert check(tree, head=head) == [
        "approaches/six-thinking-hats.md:1: overall_duration: required field 'overall_duration' is missing: type is "
        "'programme' (how long the whole programme takes, in words)"]
    assert check(tree, "overall_duration: 6 to 12 months\n", head=head) == []
    assert check(tree, "overall_duration: 6 to 12 months\n") == []  # allowed, not required, for a method
