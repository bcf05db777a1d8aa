"""Every kind of bad input gets the same clear answer from `python -m generator check` and `mkdocs build`.

Each case is one bad file added to a copy of the valid fixture tree. All cases share one tree, so both
commands run once: each case then checks that its exact `path:line: field: message` lines are in both
outputs, and one test checks that nothing else was reported, that both commands exit 1 and that neither
printed a traceback. Input that looks odd but is fine (a BOM, CRLF line ends, non-ASCII titles) builds.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from generator.content.load import MAX_FILE_BYTES
from generator.content.model import APPROACH
from tests.conftest import APPROACH_BODY, VALID, write
from tests.adapter.test_plugin import CONFIG, html, mkdocs_build
from tests.content.test_validate import HEAD

NEXT_YEAR = datetime.date.today().year + 1
BARRIER_BODY = "\n## What it looks like\nA.\n\n## Why it happens\nB.\n"
ALLOWED_FIELDS = ", ".join(field.name for field in APPROACH.fields)  # the message lists the model's fields
REGIONS = ("North East, North West, Yorkshire and the Humber, East Midlands, West Midlands, East of England, "
           "London, South East, South West")


def approach(extra: str = "", *replace: tuple[str, str]) -> str:
    """A valid approach (fields on lines 2-11) with `extra` lines from line 12 and (old, new) replacements."""
    head = HEAD
    for old, new in replace:
        head = head.replace(old, new)
    return head + extra + "---\n" + APPROACH_BODY


def place_with(extra: str) -> str:
    """A valid place whose fields end on line 5, with `extra` lines from line 6."""
    return ("---\ntitle: Leeds\nsummary: A city.\nregion: Yorkshire and the Humber\nprogramme: Total Place\n"
            + extra + "sources:\n  - {title: T}\n---\nLeeds.\n")


@dataclass(frozen=True)
class Case:
    name: str
    path: str
    content: str | bytes | None  # None: `make` creates the file
    expected: tuple[str, ...]
    make: Callable[[Path], None] | None = None


def _symlink_outside(root: Path) -> None:
    secret = write(root.parent, "outside/secret.md", "---\ntitle: X\n---\n")
    (root / "places/secret.md").symlink_to(secret)


def _alias_bomb() -> str:
    """The 'billion laughs': nine levels of nine aliases, about 10^9 items if expanded."""
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 9):
        name, previous = chr(97 + level), chr(96 + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "---\n" + "\n".join(lines) + "\n---\n"


CASES = [
    # -- front matter: structure and YAML ----------------------------------------------------
    Case("missing closing fence", "barriers/no-closing-fence.md", "---\ntitle: X\nsummary: Y.\n",
         ("barriers/no-closing-fence.md:1: front matter: no closing '---' line: end the front matter with a line "
          "of three hyphens",)),
    Case("missing opening fence", "barriers/no-opening-fence.md", "title: X\nsummary: Y.\n",
         ("barriers/no-opening-fence.md:1: front matter: the file must start with a '---' line, then the fields, "
          "then another '---'",)),
    Case("unclosed list", "barriers/unclosed-list.md", "---\ntitle: X\nsummary: [unclosed\nother: 1\n---\n",
         ("barriers/unclosed-list.md:4: front matter: YAML syntax error: did not find expected ',' or ']' "
          "(while parsing a flow sequence that starts on line 3)",)),
    Case("unclosed quote", "barriers/unclosed-quote.md", '---\ntitle: X\nsummary: "unclosed\nother: 1\n---\n',
         ("barriers/unclosed-quote.md:4: front matter: YAML syntax error: found unexpected end of stream "
          "(while scanning a quoted scalar that starts on line 3)",)),
    Case("colon in a value", "barriers/colon-in-value.md", "---\ntitle: Trust: a barrier\n---\n",
         ("barriers/colon-in-value.md:2: front matter: YAML syntax error: mapping values are not allowed in this "
          "context; put a value that contains ': ' in quotes, and indent fields evenly",)),
    Case("tab indentation", "barriers/tab-indent.md", "---\ntitle: X\nsources:\n\t- {title: T}\n---\n",
         ("barriers/tab-indent.md:4: front matter: a tab is used for indentation; YAML needs spaces",)),
    Case("list instead of fields", "barriers/a-list.md", "---\n- title\n- summary\n---\n",
         ("barriers/a-list.md:2: front matter: front matter must be 'field: value' lines, not a single value or "
          "a list",)),
    Case("single value instead of fields", "barriers/a-sentence.md", "---\nJust a sentence.\n---\n",
         ("barriers/a-sentence.md:2: front matter: front matter must be 'field: value' lines, not a single value "
          "or a list",)),
    Case("duplicate key", "barriers/duplicate-key.md", "---\ntitle: X\nsummary: A.\ntitle: Y\n---\n",
         ("barriers/duplicate-key.md:4: front matter: 'title' appears twice (first on line 2); keep one",)),
    Case("python tag", "barriers/python-tag.md", "---\ntitle: !!python/object/apply:os.system ['touch pwned']\n---\n",
         ("barriers/python-tag.md:2: front matter: the YAML tag '!!python/object/apply:os.system' "
          "is not allowed; write plain values",)),
    Case("local tag", "barriers/local-tag.md", "---\ntitle: !include secrets.yml\n---\n",
         ("barriers/local-tag.md:2: front matter: the YAML tag '!include' is not allowed; write plain values",)),
    Case("alias bomb", "barriers/alias-bomb.md", _alias_bomb(),
         ("barriers/alias-bomb.md:2: front matter: YAML anchors and aliases ('&' and '*') are not allowed",)),
    Case("merge key", "barriers/merge-key.md", "---\ntitle: X\n<<: {summary: Y.}\n---\n",
         ("barriers/merge-key.md:3: front matter: YAML merge keys ('<<') are not allowed",)),
    Case("list as a field name", "barriers/list-key.md", "---\n? [title, summary]\n: X\n---\n",
         ("barriers/list-key.md:2: front matter: field names must be plain words",)),
    Case("nested too deep", "barriers/too-deep.md", "---\nsources: " + "[" * 14 + "x" + "]" * 14 + "\n---\n",
         ("barriers/too-deep.md:2: front matter: values are nested more than 12 levels deep",)),
    # -- front matter: values ------------------------------------------------------------------
    Case("wrong types", "approaches/wrong-types.md",
         approach("year: nineteen-eighty\ndifficulty: [easy]\nrelated: grow-model\n",
                  ("title: Six Thinking Hats\n", "title: 1984\n"),
                  ("group_size: {min: 2, max: 12}\n", "group_size: 5\n")),
         ("approaches/wrong-types.md:2: title: expected text, got a number (put it in quotes)",
          "approaches/wrong-types.md:10: group_size: expected a set of 'field: value' lines, got a number",
          "approaches/wrong-types.md:12: year: expected a whole number, got text",
          "approaches/wrong-types.md:13: difficulty: expected one of: easy, moderate, hard; got a list",
          "approaches/wrong-types.md:14: related: expected a list, got text: write [a, b] or one '- item' per line")),
    Case("true/false and dates as text", "barriers/yes-and-dates.md",
         "---\ntitle: yes\nsummary: 2024-01-31\n---\n" + BARRIER_BODY,
         ("barriers/yes-and-dates.md:2: title: expected text, got true/false (put it in quotes)",
          "barriers/yes-and-dates.md:3: summary: expected text, got a date (put it in quotes)")),
    Case("blank and empty text", "approaches/blank-text.md",
         approach("", ("originator: Edward de Bono", "originator:"),
                  ("summary: Look at a question from six angles in turn.", "summary: '   '")),
         ("approaches/blank-text.md:3: summary: must not be blank",
          "approaches/blank-text.md:4: originator: is empty; give it a value or delete the line")),
    Case("numbers out of range", "approaches/out-of-range.md",
         approach(f"year: {NEXT_YEAR}\n"
                  "places:\n  - {place: doncaster, year: 1985, source: {title: T}}\n",
                  ("year: 1985}", "year: 1700}"),
                  ("group_size: {min: 2, max: 12}\n", "group_size: {min: 12, max: 3}\n"),
                  ("duration_minutes: {min: 30, max: 60}\n", "duration_minutes: {min: 0, max: 30}\n")),
         ("approaches/out-of-range.md:8: sources[0].year: 1700 is too small; the smallest allowed is 1800",
          "approaches/out-of-range.md:10: group_size: min (12) is more than max (3)",
          "approaches/out-of-range.md:11: duration_minutes.min: 0 is too small; the smallest allowed is 1",
          f"approaches/out-of-range.md:12: year: {NEXT_YEAR} is in the future",
          "approaches/out-of-range.md:14: places[0].year: 1985 is too small; the smallest allowed is 1990")),
    Case("coordinates outside England", "places/atlantis.md", place_with("coordinates: [40.0, .nan]\n"),
         ("places/atlantis.md:6: coordinates[0]: latitude 40.0 is outside England (49.8 to 55.9)",
          "places/atlantis.md:6: coordinates[1]: longitude must be a number")),
    Case("unknown field", "approaches/unknown-field.md",
         approach("", ("summary:", "sumary:")),
         (f"approaches/unknown-field.md:3: sumary: unknown field 'sumary' (did you mean 'summary'?); "
          f"allowed here: {ALLOWED_FIELDS}",
          "approaches/unknown-field.md:1: summary: required field 'summary' is missing (one sentence, at most 200 "
          "characters: shown on cards, in search results and as the page description)")),
    Case("unknown slugs and choices", "approaches/unknown-slugs.md",
         approach("related: [grow-modle]\nplaces:\n  - {place: doncastr, source: {title: T}}\n",
                  ("themes: [conversation-and-engagement]", "themes: [relationship-and-trust]"),
                  ("barriers: [lack-of-trust]", "barriers: [lack-of-trst]")),
         ("approaches/unknown-slugs.md:5: themes[0]: 'relationship-and-trust' is not allowed (did you mean "
          "'relationships-and-trust'?); choose one of: understanding-systems, relationships-and-trust, "
          "conversation-and-engagement, coaching-and-reflection, leading-change, communities-and-citizens",
          "approaches/unknown-slugs.md:6: barriers[0]: unknown barrier 'lack-of-trst' (did you mean "
          "'lack-of-trust'?); it must match a file name in barriers/ (without .md)",
          "approaches/unknown-slugs.md:12: related[0]: unknown approach 'grow-modle' (did you mean 'grow-model'?); "
          "it must match a file name in approaches/ (without .md)",
          "approaches/unknown-slugs.md:14: places[0].place: unknown place 'doncastr' (did you mean 'doncaster'?); "
          "it must match a file name in places/ (without .md)")),
    Case("unknown region", "places/yorkshire.md",
         "---\ntitle: Y\nsummary: A county.\nregion: Yorkshire\nprogramme: Total Place\nsources: [{title: T}]\n---\n",
         (f"places/yorkshire.md:4: region: 'Yorkshire' is not allowed (did you mean 'Yorkshire and the Humber'?); "
          f"choose one of: {REGIONS}",)),
    Case("missing body section", "barriers/short-body.md",
         "---\ntitle: X\nsummary: Y.\n---\n\n## What it looks like\nA.\n",
         ("barriers/short-body.md:5: body: missing the section '## Why it happens'",)),
    # -- files -----------------------------------------------------------------------------------
    Case("empty file", "places/empty.md", "",
         ("places/empty.md:1: file: is empty; start it with front matter between '---' lines",)),
    Case("only blank lines", "places/blank.md", "\n   \n\n",
         ("places/blank.md:1: file: is empty; start it with front matter between '---' lines",)),
    Case("not UTF-8", "places/latin-1.md", b"---\ntitle: Ok\nsummary: Caf\xe9 culture.\n---\n",
         ("places/latin-1.md:3: file: is not valid UTF-8 text (byte 0xe9 on this line); save the file as UTF-8",)),
    Case("UTF-16", "places/utf-16.md", "---\ntitle: X\n---\n".encode("utf-16"),
         ("places/utf-16.md:1: file: is not valid UTF-8 text (byte 0xff on this line); save the file as UTF-8",)),
    Case("over the size limit", "places/huge.md", "---\ntitle: X\n---\n" + "x" * (MAX_FILE_BYTES + 44 * 1024),
         (f"places/huge.md:1: file: is {MAX_FILE_BYTES // 1024 + 44} KB; entries must be under "
          f"{MAX_FILE_BYTES // 1024} KB",)),
    Case("spaces and capitals in the name", "approaches/Six Thinking_Hats.md", approach(),
         ("approaches/Six Thinking_Hats.md:1: file: 'Six Thinking_Hats.md' is not a valid name: use lowercase "
          "letters, digits and hyphens, e.g. 'six-thinking-hats.md'",)),
    Case("accent in the name", "places/zürich.md", place_with(""),
         ("places/zürich.md:1: file: 'zürich.md' is not a valid name: use lowercase letters, digits and hyphens, "
          "e.g. 'zurich.md'",)),
    Case("names differ only in case", "approaches/GROW-model.md", approach(),
         ("approaches/GROW-model.md:1: file: differs from approaches/grow-model.md only in letter case; the two "
          "would clash on many computers",)),
    Case("stray file", "approaches/notes.txt", "remember to add GROW",
         ("approaches/notes.txt:1: file: only Markdown files (.md) belong in approaches/",)),
    Case("folder", "approaches/drafts/idea.md", approach(),
         ("approaches/drafts:1: file: folders are not allowed inside approaches/; put each entry directly in the "
          "folder",)),
    Case("symlink outside the repository", "places/secret.md", None,
         ("places/secret.md:1: file: is a symbolic link to a file outside the repository",), _symlink_outside),
    Case("symlink to nothing", "places/gone.md", None,
         ("places/gone.md:1: file: is a symbolic link to a file that does not exist",),
         lambda root: (root / "places/gone.md").symlink_to(root / "places/deleted.md")),
    Case("not a regular file", "places/pipe.md", None, ("places/pipe.md:1: file: is not a regular file",),
         lambda root: os.mkfifo(root / "places/pipe.md")),
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, subprocess.CompletedProcess]:
    """Both commands, run once on a fixture tree holding every bad file."""
    root = tmp_path_factory.mktemp("bad") / "kb"
    shutil.copytree(VALID, root)
    write(root, "mkdocs.yml", CONFIG)
    write(root, "docs/about.md", "# About\n")
    for case in CASES:
        if case.make:
            case.make(root)
        else:
            path = root / case.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(case.content if isinstance(case.content, bytes) else case.content.encode())
    check = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root)],
                           capture_output=True, text=True)
    return {"check": check, "mkdocs build": mkdocs_build(root)}


def reported(command: str, result: subprocess.CompletedProcess) -> list[str]:
    """The `path:line: field: message` lines a command printed."""
    if command == "check":
        return result.stdout.splitlines()
    errors = [line.split("-  ", 1)[1] for line in result.stderr.splitlines() if line.startswith("ERROR")]
    return [line for line in errors if "content problem(s)" not in line]


@pytest.mark.parametrize("command", ["check", "mkdocs build"])
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_named_with_file_line_and_field(outputs, command, case):
    lines = reported(command, outputs[command])
    missing = [line for line in case.expected if line not in lines]
    assert missing == [], "\n".join(line for line in lines if line.startswith(case.path.split("/drafts")[0]))


@pytest.mark.parametrize("command", ["check", "mkdocs build"])
def test_both_commands_fail_with_exactly_these_problems_and_no_traceback(outputs, command):
    result = outputs[command]
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert sorted(reported(command, result)) == sorted(line for case in CASES for line in case.expected)


def test_bom_crlf_and_non_ascii_titles_are_accepted(tree):
    write(tree, "mkdocs.yml", CONFIG)
    write(tree, "docs/about.md", "# About\n")
    write(tree, "places/zurich.md", ("\ufeff---\r\ntitle: Zürich – Ōsaka ★\r\nsummary: Ça va, naïve café.\r\n"
                                     "region: London\r\nprogramme: Total Place\r\nsources:\r\n  - {title: Tōkyō}\r\n"
                                     "---\r\nBody with émigrés.\r\n").encode())
    write(tree, "barriers/old-mac.md", "---\rtitle: Lone CR line ends\rsummary: Classic Mac OS files.\r---\r"
                                       + BARRIER_BODY.replace("\n", "\r"))
    check = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(tree)],
                           capture_output=True, text=True)
    assert (check.returncode, check.stdout) == (0, "")
    build = mkdocs_build(tree)
    assert build.returncode == 0, build.stderr
    page = html(tree / "site", "places/zurich")
    assert "<h1" in page and "Zürich – Ōsaka ★" in page and "Body with émigrés." in page
    assert "Lone CR line ends" in html(tree / "site", "barriers/old-mac")
