"""Scaffold: start a new entry from a file that already lists every field and what it accepts.

A first-time contributor should not have to copy another entry and guess. The template is written
from the content model (field names, descriptions, examples, allowed values, body headings) and
from the real content (the barriers and places that exist), so it cannot drift from what
`python -m generator check` accepts.

Required values are left as "" or [] rather than omitted: the file loads, and the check reports
each one on its own line (`summary: must not be blank`) until it is filled in. Optional fields are
commented out, so an untouched optional field costs nothing.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.content.load import load_collection, suggest_slug
from generator.content.model import KINDS, Field, Integer, Kind, ListOf, Number, Pair, Record, Ref
from generator.render.field_reference import describe_type

TITLE_FIELD = "title"  # pre-filled from the command line; every kind has it
MAX_LISTED = 30  # longer lists of slugs (the approaches) would bury the template; point to the folder
COMMENT_WIDTH = 110


class EntryExists(Exception):
    """The file the scaffold would write is already there; we never overwrite a contributor's work."""

    def __init__(self, rel_path: str):
        super().__init__(f"{rel_path} already exists; edit it, or choose another title")
        self.rel_path = rel_path


@dataclass(frozen=True)
class Scaffolded:
    rel_path: str
    path: Path


def scaffold(root: Path, kind: Kind, title: str) -> Scaffolded:
    """Write `<kind folder>/<slug of title>.md` under `root`. Raises EntryExists."""
    title = " ".join(title.split())  # one line: a title never needs a line break or outer spaces
    rel_path = f"{kind.folder}/{suggest_slug(title)}.md"
    path = root / rel_path
    if path.exists():
        raise EntryExists(rel_path)
    text = entry_template(kind, title, rel_path, entry_titles(root))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": refuse, even if the file appeared meanwhile
        file.write(text)
    return Scaffolded(rel_path, path)


def entry_titles(root: Path) -> dict[str, list[tuple[str, str]]]:
    """(slug, title) of every readable entry by kind name, sorted by slug: the values a reference may take.

    An entry without a usable title (a problem the check reports) is listed under its slug.
    """
    entries: dict[str, list[tuple[str, str]]] = {kind.name: [] for kind in KINDS}
    for entry in load_collection(root).entries:
        title = entry.fields.get(TITLE_FIELD)
        entries[entry.kind.name].append((entry.slug, title.strip() if isinstance(title, str) and title.strip()
                                         else entry.slug))
    return {name: sorted(items) for name, items in entries.items()}


def entry_template(kind: Kind, title: str, rel_path: str, existing: dict[str, list[tuple[str, str]]]) -> str:
    """The text of a new entry file: commented front matter, then the body's headings."""
    lines = [
        "---",
        f"# A new entry in {kind.folder}/. Fill in the values, then check it:",
        f"#   python -m generator check {rel_path}",
        '# Values left as "" or [] are required: the check lists each one until it is filled in.',
        "# Commented-out fields ('# name: value') are optional: to use one, delete its '# '",
        "#   (on each line, for a block of lines).",
        "# The site's Field reference page describes every field.",
        "",
    ]
    writer = _Writer(existing)
    for field in kind.fields:
        prefill = title if field.name == TITLE_FIELD else None
        lines += [*writer.field(field, indent=0, active=field.required, prefill=prefill), ""]
    lines[-1] = "---"
    body = [line for heading in kind.body_headings for line in ("", f"## {heading}")]
    return "\n".join(lines + body + [""]) + "\n"


class _Writer:
    """Writes one field (and the fields inside it) as YAML lines, each under a comment explaining it."""

    def __init__(self, existing: dict[str, list[tuple[str, str]]]):
        self.existing = existing

    def field(self, field: Field, indent: int, active: bool, prefill: str | None = None,
              item_marker: bool = False) -> list[str]:
        """Lines for `field` at `indent`; inactive fields are commented out, `item_marker` starts a list item."""
        key = f"{' ' * indent}{'- ' if item_marker else ''}{field.name}:"
        record = _record_of(field.type)
        if record is not None:
            block = [key, *self._record(record, indent + 2, in_list=isinstance(field.type, ListOf))]
        else:
            value = _yaml_scalar(prefill) if prefill is not None else _placeholder(field, active)
            block = [f"{key} {value}".rstrip()]
        if not active:  # comment out at the field's own column, so deleting one '# ' restores the whole block
            block = [f"{line[:indent]}# {line[indent:]}" for line in block]
        return _comment(self._explanation(field), indent) + self._references(field.type, indent) + block

    def _record(self, record: Record, indent: int, in_list: bool) -> list[str]:
        """The fields of a nested record; in a list, the first active field carries the item's '- '."""
        active = {f.name for f in record.fields if f.required}
        if record.at_least_one_of and not active & set(record.at_least_one_of):
            active.add(record.at_least_one_of[0])  # one of them is needed: offer the first
        lines: list[str] = []
        marker_pending = in_list
        for field in record.fields:
            is_active = field.name in active
            marker = marker_pending and is_active
            marker_pending = marker_pending and not marker
            field_indent = indent + 2 if in_list and not marker else indent
            lines += self.field(field, field_indent, is_active, item_marker=marker)
        return lines

    @staticmethod
    def _explanation(field: Field) -> str:
        if _record_of(field.type) is None:
            shape = describe_type(field.type)
        elif isinstance(field.type, ListOf):
            shape = "a list of items, each with the fields below"
        else:
            shape = "the fields below"
        need = "Required" if field.required else (
            f"Required when {field.required_when[0]} is {field.required_when[1]}" if field.required_when else "Optional")
        text = f"{field.description}. {need}: {shape}."
        return text + (f" Example: {_yaml_scalar(field.example)}" if field.example is not None else "")

    def _references(self, spec, indent: int) -> list[str]:
        """The slugs a reference may take, read from the real content folder (when the list is short)."""
        inner = spec.item if isinstance(spec, ListOf) else spec
        choices = self.existing.get(inner.kind, []) if isinstance(inner, Ref) else []
        if not choices or len(choices) > MAX_LISTED:
            return []
        width = max(len(slug) for slug, _ in choices)
        pad = " " * indent
        return [f"{pad}# {inner.kind} slugs you can use:"] + [
            f"{pad}#   {slug.ljust(width)}  {title}".rstrip() for slug, title in choices]


def _record_of(spec) -> Record | None:
    """The record a field holds, directly or as the items of its list."""
    if isinstance(spec, ListOf):
        spec = spec.item
    return spec if isinstance(spec, Record) else None


def _placeholder(field: Field, active: bool) -> str:
    """A required value left blank so the check flags it; an optional one shows its example if it has one."""
    if not active and field.example is not None:
        return _yaml_scalar(field.example)
    if isinstance(field.type, (ListOf, Pair)):
        return "[]"
    if isinstance(field.type, (Integer, Number)):
        return ""
    return '""'  # text, a web address, a choice or a slug


def _yaml_scalar(value) -> str:
    """`value` as one line of YAML: quoted only where YAML needs it, lists in [a, b] form."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6, sort_keys=False)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _comment(text: str, indent: int) -> list[str]:
    pad = " " * indent + "# "
    return textwrap.wrap(text, COMMENT_WIDTH, initial_indent=pad, subsequent_indent=pad + "  ",
                         break_on_hyphens=False, break_long_words=False)
