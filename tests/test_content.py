"""Floors on the real content, so the collection cannot silently erode."""

import re

import pytest

from generator.pipeline import check
from tests.conftest import REPO


@pytest.fixture(scope="module")
def checked():
    return check(REPO)


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9’'-]+", re.sub(r"^#+ .*$", "", text, flags=re.M)))


def test_the_repository_content_is_clean(checked):
    assert [str(p) for p in checked.problems] == []


def test_at_least_100_approaches_each_with_originator_sources_and_a_real_body(checked):
    approaches = checked.collection.approaches
    assert len(approaches) >= 100
    for approach in approaches.values():
        assert approach.fields["originator"].strip() and approach.fields["sources"], approach.path
        assert words(approach.body) >= 150, approach.path
        assert 1 <= len(approach.fields["barriers"]) <= 4, approach.path


def test_every_approach_can_be_run_with_a_group_in_timed_steps(checked):
    """A method is a session; a model comes with an exercise for a group; a programme gives its first working
    session and how long the whole takes. Each says who and how long, and its steps carry their minutes."""
    from generator.content.steps import session_steps

    kinds = {"method": 0, "model": 0, "programme": 0}
    for approach in checked.collection.approaches.values():
        f = approach.fields
        kinds[f["type"]] += 1
        assert f.get("group_size") and f.get("duration_minutes") and f.get("difficulty"), approach.path
        steps = session_steps(approach)
        assert len(steps) >= 3 and 2 * sum(1 for step in steps if step.minutes) >= len(steps), approach.path
        if f["type"] == "programme":
            assert f.get("overall_duration"), approach.path
    assert all(count >= 10 for count in kinds.values()), kinds


def test_10_to_16_barriers_each_helped_by_at_least_3_approaches(checked):
    assert 10 <= len(checked.collection.barriers) <= 16
    for slug, approaches in checked.collection.barrier_approaches.items():
        assert len(approaches) >= 3, slug


def test_at_least_15_places_and_8_with_sourced_uses(checked):
    col = checked.collection
    assert len(col.places) >= 15
    used = [slug for slug, uses in col.place_uses.items() if uses]
    assert len(used) >= 8
    for uses in col.place_uses.values():
        for use in uses:
            assert use.source.get("url") or use.source.get("title"), use.approach.path


def test_the_seed_facts_from_the_source_article(checked):
    col = checked.collection
    (doncaster,) = [u for u in col.place_uses["doncaster"] if u.approach.slug == "trust-and-agreement"]
    assert doncaster.enabler == "John Deffenbaugh"
    assert col.approaches["trust-and-agreement"].fields["originator"] == "Peter Block"
    grow = col.approaches["grow-model"]
    assert "Whitmore" in grow.fields["originator"]
    assert [u.enabler for u in col.enabler_uses["grow-model"]] == ["Jill Barrow"]
    assert col.approach_uses["grow-model"] == []  # the source names no place: none is invented
