"""The field reference page, written from the content model so the docs cannot drift from the validator."""

from __future__ import annotations

from generator.content.model import article, KINDS, Choice, Field, Integer, ListOf, Pair, Record, Ref, Text, Url


def describe_type(spec) -> str:
    if isinstance(spec, Text):
        return "text" + (f", at most {spec.max_length} characters" if spec.max_length else "") + (
            ", one sentence" if spec.one_sentence else "")
    if isinstance(spec, Url):
        return "web address (https://…)"
    if isinstance(spec, Integer):
        bounds = [f"from {spec.minimum}" if spec.minimum is not None else "",
                  f"to {spec.maximum}" if spec.maximum is not None else "",
                  "not in the future" if spec.not_in_future else ""]
        return "whole number " + " ".join(b for b in bounds if b)
    if isinstance(spec, Choice):
        return "one of: " + ", ".join(f"`{o}`" for o in spec.options)
    if isinstance(spec, Ref):
        return f"slug of {article(spec.kind)} {spec.kind}"
    if isinstance(spec, Pair):
        return f"[{spec.names[0]}, {spec.names[1]}]"
    if isinstance(spec, ListOf):
        count = f"{spec.min_items}" + (f"–{spec.max_items}" if spec.max_items else " or more")
        return f"list ({count}) of {describe_type(spec.item)}"
    if isinstance(spec, Record):
        keys = ", ".join(f"`{f.name}`" + ("" if not f.required else " (required)") for f in spec.fields)
        extra = f"; at least one of {', '.join(spec.at_least_one_of)}" if spec.at_least_one_of else ""
        return f"fields {keys}{extra}"
    return type(spec).__name__


def _row(field: Field) -> str:
    required = "yes" if field.required else (
        f"if {field.required_when[0]} is {field.required_when[1]}" if field.required_when else "")
    return f"| `{field.name}` | {required} | {describe_type(field.type).replace('|', '/')} | {field.description} |"


def render_field_reference() -> str:
    lines = ["# Field reference", "",
             "Every field an entry may have, generated from the content model that the checker uses. "
             "Unknown fields are errors.", ""]
    for kind in KINDS:
        lines += [f"## {kind.label}: `{kind.folder}/<slug>.md`", "",
                  "| field | required | type | meaning |", "| --- | --- | --- | --- |",
                  *[_row(f) for f in kind.fields], ""]
        if kind.body_headings:
            lines += ["Body sections, in this order: " + ", ".join(f"`## {h}`" for h in kind.body_headings), ""]
    return "\n".join(lines)
