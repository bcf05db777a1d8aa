"""The published JSON Schemas come from the content model and agree with the checker."""

import json

import jsonschema
import pytest

from generator.content.load import load_collection
from generator.publish.schemas import SCHEMA_DIR, schema_texts
from tests.conftest import REPO, VALID


def test_committed_schemas_are_up_to_date():
    for name, text in schema_texts().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, (
            f"generator/publish/schema/{name} is stale: run `python -m generator schema`")


@pytest.mark.parametrize("root", [VALID, REPO], ids=["fixture", "repository"])
def test_valid_entries_satisfy_their_schema(root):
    schemas = {name[:-5]: json.loads(text) for name, text in schema_texts().items()}
    for entry in load_collection(root).entries:
        jsonschema.validate(entry.fields, schemas[entry.kind.name])


def test_schema_rejects_what_the_checker_rejects():
    schema = json.loads(schema_texts()["approach.json"])
    entry = next(e for e in load_collection(VALID).entries if e.slug == "grow-model")
    for bad in ({"barrriers": ["x"]}, {"difficulty": "hrad"}, {"themes": []}, {"title": " "}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**entry.fields, **bad}, schema)
