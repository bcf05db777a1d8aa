"""Validate: check each loaded entry against the content model, one entry at a time.

Checks that need the whole collection (do slugs exist?) belong to `link.py`. Messages say what
is wrong and how to fix it, in words a contributor who is not a developer can act on.
"""

from __future__ import annotations

import math
import re
from urllib.parse import urlsplit

from generator.content.load import Entry
from generator.content.model import (
    Choice, Field, Integer, ListOf, Number, Pair, Record, Ref, SLUG_RE, Text, Url, current_year,
)
from generator.content.problems import Problem, did_you_mean

SENTENCE_BREAK_RE = re.compile(r"(?<![A-Z])(?<!\be\.g)(?<!\bi\.e)(?<!\bDr)(?<!\bSt)(?<!\bMr)(?<!\bMs)(?<!\bvs)[.!?]\s+(?=[A-Z0-9])")


def validate_entry(entry: Entry) -> list[Problem]:
    """Every problem with one entry's front matter and body."""
    checker = _Checker(entry)
    checker.record(entry.kind.record, entry.fields, ())
    checker.body()
    return checker.problems


def field_label(path: tuple) -> str:
    """('places', 0, 'source') -> 'places[0].source'."""
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else part)
    return label or "front matter"


def _type_name(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return f"a {type(value).__name__}"


class _Checker:
    def __init__(self, entry: Entry):
        self.entry = entry
        self.problems: list[Problem] = []

    def report(self, path: tuple, message: str, line: int | None = None) -> None:
        line = line if line is not None else self.entry.line_of(*path)
        self.problems.append(Problem(self.entry.path, line, field_label(path), message))

    # -- front matter ------------------------------------------------------------------------

    def value(self, spec, value, path: tuple) -> None:
        if value is None:  # `field:` with nothing after it: the commonest slip in a scaffolded entry
            self.report(path, "is empty; give it a value or delete the line")
            return
        checker = {
            Record: self.record, ListOf: self.list_of, Text: self.text, Url: self.url, Integer: self.integer,
            Number: self.number, Choice: self.choice, Ref: self.ref, Pair: self.pair,
        }[type(spec)]
        checker(spec, value, path)

    def record(self, spec: Record, value, path: tuple) -> None:
        if not isinstance(value, dict):
            self.report(path, f"expected a set of 'field: value' lines, got {_type_name(value)}")
            return
        names = [f.name for f in spec.fields]
        for key, item in value.items():
            known: Field | None = spec.field(key)
            if known is None:
                self.report(path + (key,), f"unknown field '{key}'{did_you_mean(key, names)}; "
                                           f"allowed here: {', '.join(names)}")
                continue
            self.value(known.type, item, path + (key,))
        for known in spec.fields:
            if known.name in value:
                continue
            if known.required:
                self.report(path + (known.name,), f"required field '{known.name}' is missing ({known.description})",
                            line=self.entry.line_of(*path) if path else 1)
            elif known.required_when and value.get(known.required_when[0]) == known.required_when[1]:
                other, wanted = known.required_when
                self.report(path + (known.name,), f"required field '{known.name}' is missing: {other} is '{wanted}' "
                            f"({known.description})", line=self.entry.line_of(*path) if path else 1)
        if spec.at_least_one_of and not any(k in value for k in spec.at_least_one_of):
            self.report(path, f"give at least one of: {', '.join(spec.at_least_one_of)}")
        if spec.ordered_range and isinstance(value.get("min"), int) and isinstance(value.get("max"), int):
            if value["min"] > value["max"]:
                self.report(path, f"min ({value['min']}) is more than max ({value['max']})")

    def list_of(self, spec: ListOf, value, path: tuple) -> None:
        if not isinstance(value, list):
            self.report(path, f"expected a list, got {_type_name(value)}: write [a, b] or one '- item' per line")
            return
        if len(value) < spec.min_items:
            self.report(path, f"needs at least {spec.min_items} item{'s' if spec.min_items > 1 else ''}")
        if spec.max_items is not None and len(value) > spec.max_items:
            self.report(path, f"has {len(value)} items; at most {spec.max_items} are allowed")
        seen: list = []
        for index, item in enumerate(value):
            if spec.unique and isinstance(item, (str, int)) and item in seen:
                self.report(path + (index,), f"'{item}' is listed twice")
                continue
            seen.append(item)
            self.value(spec.item, item, path + (index,))

    def text(self, spec: Text, value, path: tuple) -> None:
        if not isinstance(value, str):
            hint = "" if isinstance(value, (list, dict)) else " (put it in quotes)"  # numbers, true/false, dates
            self.report(path, f"expected text, got {_type_name(value)}{hint}")
            return
        if not value.strip():
            self.report(path, "must not be blank")
            return
        if spec.max_length is not None and len(value) > spec.max_length:
            self.report(path, f"is {len(value)} characters long; at most {spec.max_length} are allowed")
        if spec.one_sentence and SENTENCE_BREAK_RE.search(value.strip()):
            self.report(path, "must be a single sentence; move the rest into the body")

    def url(self, spec: Url, value, path: tuple) -> None:
        if not isinstance(value, str):
            self.report(path, f"expected a web address, got {_type_name(value)}")
            return
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", value.strip()):
            self.report(path, f"'{value}' is not a web address; it must start with https:// or http://")

    def integer(self, spec: Integer, value, path: tuple) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(path, f"expected a whole number, got {_type_name(value)}")
            return
        if spec.minimum is not None and value < spec.minimum:
            self.report(path, f"{value} is too small; the smallest allowed is {spec.minimum}")
        if spec.maximum is not None and value > spec.maximum:
            self.report(path, f"{value} is too large; the largest allowed is {spec.maximum}")
        if spec.not_in_future and value > current_year():
            self.report(path, f"{value} is in the future")

    def number(self, spec: Number, value, path: tuple) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.report(path, f"expected a number, got {_type_name(value)}")
            return
        if not spec.minimum <= value <= spec.maximum:
            self.report(path, f"{value} is outside {spec.minimum} to {spec.maximum}")

    def choice(self, spec: Choice, value, path: tuple) -> None:
        if not isinstance(value, str):
            self.report(path, f"expected one of: {', '.join(spec.options)}; got {_type_name(value)}")
        elif value not in spec.options:
            self.report(path, f"'{value}' is not allowed{did_you_mean(value, spec.options)}; "
                              f"choose one of: {', '.join(spec.options)}")

    def ref(self, spec: Ref, value, path: tuple) -> None:
        if not isinstance(value, str):
            self.report(path, f"expected a {spec.kind} slug (the file name without .md), got {_type_name(value)}")
        elif not SLUG_RE.match(value):
            self.report(path, f"'{value}' is not a {spec.kind} slug (lowercase letters, digits and hyphens, "
                              f"the file name without .md)")

    def pair(self, spec: Pair, value, path: tuple) -> None:
        if not isinstance(value, list) or len(value) != 2:
            self.report(path, f"expected two numbers: [{spec.names[0]}, {spec.names[1]}]")
            return
        for index, (item, part) in enumerate(zip(value, (spec.first, spec.second))):
            if isinstance(item, bool) or not isinstance(item, (int, float)) or not math.isfinite(item):
                self.report(path + (index,), f"{spec.names[index]} must be a number")
            elif not part.minimum <= item <= part.maximum:
                self.report(path + (index,), f"{spec.names[index]} {item} is outside England "
                                             f"({part.minimum} to {part.maximum})")

    # -- body -------------------------------------------------------------------------------

    def body(self) -> None:
        from generator.content.commonmark import list_difference
        from generator.content.markup import scan_body  # local import keeps the module graph one-directional

        scan = scan_body(self.entry.body)
        difference = list_difference(self.entry.body)
        for offset, message in sorted(scan.problems + ([difference] if difference else [])):
            self.problems.append(Problem(self.entry.path, self.entry.body_line + offset, "body", message))
        required = self.entry.kind.body_headings
        if not required:
            return
        found = [text for _, text in scan.headings]
        for offset, text in scan.headings:
            if text not in required:
                self.problems.append(Problem(
                    self.entry.path, self.entry.body_line + offset, "body",
                    f"unexpected heading '## {text}'{did_you_mean(text, required)}; the sections are: "
                    + ", ".join(f"'## {h}'" for h in required) + " (use '###' for sub-headings)"))
        for heading, offset, words in _section_sizes(self.entry.body, scan.headings):
            if heading in required and words == 0:
                self.problems.append(Problem(self.entry.path, self.entry.body_line + offset, "body",
                                             f"the section '## {heading}' is empty; write it or ask for help in "
                                             "your pull request"))
        missing = [h for h in required if h not in found]
        for heading in missing:
            self.problems.append(Problem(self.entry.path, self.entry.body_line, "body",
                                         f"missing the section '## {heading}'"))
        present = [h for h in found if h in required]
        if not missing and present != list(required):
            self.problems.append(Problem(self.entry.path, self.entry.body_line, "body",
                                         "sections are out of order; use: " + ", ".join(required)))


def _section_sizes(body: str, headings: list[tuple[int, str]]) -> list[tuple[str, int, int]]:
    """(heading, line offset, words) for each level-2 section of a body."""
    lines = body.split("\n")
    bounds = [offset for offset, _ in headings] + [len(lines)]
    return [(text, offset, len(" ".join(lines[offset + 1:bounds[i + 1]]).split()))
            for i, (offset, text) in enumerate(headings)]
