"""JSON Schema for each kind of entry, derived from the content model.

Published in `generator/publish/schema/` (for editors: see `.vscode/settings.json`) and with the site
at `/schema/<kind>.json`. Cross-entry rules (do slugs exist? is a year in the future?) need the
whole collection or today's date and are left to `python -m generator check`.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.content.model import (
    article, KINDS, SLUG_PATTERN, Choice, Field, Integer, Kind, ListOf, Number, Pair, Record, Ref, Text, Url,
)

SCHEMA_DIR = Path(__file__).parent / "schema"
SCHEMA_BASE_URL = "https://art-of-change-making.github.io/knowledge-base/schema/"


def type_schema(spec) -> dict:
    if isinstance(spec, Text):
        schema = {"type": "string", "minLength": 1, "pattern": r"\S"}
        if spec.max_length:
            schema["maxLength"] = spec.max_length
        return schema
    if isinstance(spec, Url):
        return {"type": "string", "format": "uri", "pattern": "^https?://"}
    if isinstance(spec, Integer):
        schema = {"type": "integer"}
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
        if spec.maximum is not None:
            schema["maximum"] = spec.maximum
        return schema
    if isinstance(spec, Number):
        return {"type": "number", "minimum": spec.minimum, "maximum": spec.maximum}
    if isinstance(spec, Choice):
        return {"enum": list(spec.options)}
    if isinstance(spec, Ref):
        return {"type": "string", "pattern": SLUG_PATTERN, "description": f"slug of {article(spec.kind)} {spec.kind}"}
    if isinstance(spec, Pair):
        return {"type": "array", "prefixItems": [type_schema(spec.first), type_schema(spec.second)],
                "minItems": 2, "maxItems": 2}
    if isinstance(spec, ListOf):
        schema = {"type": "array", "items": type_schema(spec.item)}
        if spec.min_items:
            schema["minItems"] = spec.min_items
        if spec.max_items is not None:
            schema["maxItems"] = spec.max_items
        if spec.unique:
            schema["uniqueItems"] = True
        return schema
    if isinstance(spec, Record):
        return record_schema(spec.fields, spec.at_least_one_of)
    raise TypeError(spec)


def _field_schema(field: Field) -> dict:
    schema = type_schema(field.type)
    if field.description:
        schema = {"description": field.description, **schema}
    return schema


def record_schema(fields: tuple[Field, ...], at_least_one_of: tuple[str, ...] = ()) -> dict:
    schema: dict = {
        "type": "object",
        "properties": {f.name: _field_schema(f) for f in fields},
        "additionalProperties": False,
    }
    required = [f.name for f in fields if f.required]
    if required:
        schema["required"] = required
    if at_least_one_of:
        schema["anyOf"] = [{"required": [name]} for name in at_least_one_of]
    conditions = [{"if": {"properties": {f.required_when[0]: {"const": f.required_when[1]}},
                          "required": [f.required_when[0]]},
                   "then": {"required": [f.name]}} for f in fields if f.required_when]
    if conditions:
        schema["allOf"] = conditions
    return schema


def kind_schema(kind: Kind) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URL}{kind.name}.json",
        "title": f"Front matter of an entry in {kind.folder}/",
        **record_schema(kind.fields),
    }


def schema_texts() -> dict[str, str]:
    """File name -> JSON text, for every kind."""
    return {f"{kind.name}.json": json.dumps(kind_schema(kind), indent=2, ensure_ascii=False) + "\n" for kind in KINDS}


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
