"""Property-based: whatever a contributor saves, the core answers with a valid entry or clean problems, never a crash.

Three kinds of input, each added to a copy of the valid fixture tree and run through the whole core
(`pipeline.build_pages`: load, validate, link and, when the content is valid, render):
arbitrary bytes and text as a whole file, YAML-shaped text, and an arbitrary YAML value in any one
field of a valid entry (fields are found by walking the content model, so new fields are covered).
Example counts are modest and there is no deadline, so the tests are steady on a busy 2-core runner.
"""

from __future__ import annotations

import datetime
import re
import shutil

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.model import KINDS, ListOf, Pair, Record
from generator.content.problems import Problem
from generator.pipeline import build_pages
from tests.conftest import BODIES, VALID, filled, filled_entry

STEADY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROBLEM_RE = re.compile(r"^[^\n]+:[1-9][0-9]*: [^\n]+: [^\n]+$")
PATH = {kind.name: f"{kind.folder}/property.md" for kind in KINDS}


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    """One copy of the fixture tree; each example overwrites its one extra file."""
    root = tmp_path_factory.mktemp("properties") / "kb"
    shutil.copytree(VALID, root)
    return root


def run_core(root, rel_path: str, content: bytes) -> list[Problem]:
    """Write `content` as `rel_path`, run the whole core, and check every problem is well-formed."""
    for kind in KINDS:
        (root / PATH[kind.name]).unlink(missing_ok=True)
    (root / rel_path).write_bytes(content)
    pages, problems = build_pages(root)
    assert bool(pages) != bool(problems)  # pages, or the problems that stopped them
    line_count = content.count(b"\n") + content.count(b"\r") + 1
    for problem in problems:
        assert problem.path == rel_path, problem  # the fixture tree is valid: only the new file can be wrong
        assert PROBLEM_RE.match(str(problem)), problem
        assert 1 <= problem.line <= line_count, problem
    if not problems:
        assert any(page.source_path == rel_path for page in pages)  # a valid entry gets its page
    return problems


@STEADY
@given(kind=st.sampled_from([k.name for k in KINDS]), content=st.binary(max_size=400))
def test_any_bytes_as_a_file(root, kind, content):
    run_core(root, PATH[kind], content)


@STEADY
@given(kind=st.sampled_from([k.name for k in KINDS]), text=st.text(max_size=400))
def test_any_text_as_a_file(root, kind, text):
    run_core(root, PATH[kind], text.encode("utf-8"))


YAML_PIECES = ["---", "\n", " ", "  ", "\t", ":", ": ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!x ", "<<: ",
               "!!python/name:os.system ", "|\n", ">-\n", "'", '"', "#", "? ", "%YAML 1.1", "...", "title", "summary",
               "sources", "places", "min", "max", "2024", "1e400", ".nan", "yes", "~", "\r\n", "\r", "\ufeff", "é",
               "\u2028", "\x85", "\x00", "<script>", "\\"]


@STEADY
@given(kind=st.sampled_from([k.name for k in KINDS]),
       pieces=st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=6), max_size=60))
def test_yaml_shaped_text_as_front_matter(root, kind, pieces):
    run_core(root, PATH[kind], ("---\n" + "".join(pieces) + "\n---\n" + BODIES[kind]).encode("utf-8"))


SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-2**70, max_value=2**70)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30) | st.dates()
           | st.datetimes(min_value=datetime.datetime(1, 1, 1), max_value=datetime.datetime(9999, 1, 1)))
YAML_VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)


def field_paths(spec, path: tuple = ()) -> list[tuple]:
    """Every place a value can go in a record: ('places', 0, 'source', 'url'), ..."""
    paths = [path] if path else []
    if isinstance(spec, Record):
        for field in spec.fields:
            paths += field_paths(field.type, path + (field.name,))
    elif isinstance(spec, ListOf):
        paths += field_paths(spec.item, path + (0,))
    elif isinstance(spec, Pair):
        paths += [path + (0,), path + (1,)]
    return paths


def replaced(values, path: tuple, new):
    """`values` with the value at `path` replaced by `new` (a copy; `values` is untouched)."""
    if not path:
        return new
    copy = list(values) if isinstance(values, list) else dict(values)
    copy[path[0]] = replaced(values[path[0]], path[1:], new)
    return copy


@st.composite
def entries_with_one_arbitrary_field(draw):
    kind = draw(st.sampled_from(KINDS))
    values = filled(kind.record, "Plain text", "https://example.org/")
    path = draw(st.sampled_from(field_paths(kind.record)))
    return kind, path, replaced(values, path, draw(YAML_VALUES))


@STEADY
@given(case=entries_with_one_arbitrary_field())
def test_any_value_in_any_field(root, case):
    kind, path, values = case
    front_matter = yaml.safe_dump(values, allow_unicode=True, sort_keys=False)
    run_core(root, PATH[kind.name], ("---\n" + front_matter + "---\n" + BODIES[kind.name]).encode("utf-8"))


@STEADY
@given(kind=st.sampled_from(KINDS), extra=st.dictionaries(st.text(min_size=1, max_size=12), YAML_VALUES,
                                                         min_size=1, max_size=3))
def test_any_extra_fields(root, kind, extra):
    values = {**filled(kind.record, "Plain text", "https://example.org/"), **extra}
    front_matter = yaml.safe_dump(values, allow_unicode=True, sort_keys=False)
    run_core(root, PATH[kind.name], ("---\n" + front_matter + "---\n" + BODIES[kind.name]).encode("utf-8"))


def test_the_unchanged_entries_are_valid(root):
    """The starting point of the field properties is itself valid, so each property tests the one change."""
    for kind in KINDS:
        assert run_core(root, PATH[kind.name], filled_entry(kind, "Plain text", "https://example.org/").encode()) == []
