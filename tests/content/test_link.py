"""Linking resolves slugs, reports unknown ones with a suggestion, and computes back-links."""

from generator.content.link import link
from generator.content.load import load_collection
from tests.conftest import APPROACH_BODY, write


def linked(root):
    loaded = load_collection(root)
    assert loaded.problems == []
    return link(loaded.entries)


def test_back_links_both_ways(tree):
    col, problems = linked(tree)
    assert problems == []
    assert [a.slug for a in col.barrier_approaches["lack-of-trust"]] == ["trust-and-agreement"]
    (use,) = col.place_uses["doncaster"]
    assert (use.approach.slug, use.enabler) == ("trust-and-agreement", "John Deffenbaugh")
    assert col.approach_uses["trust-and-agreement"] == [use]
    assert [p.slug for p in col.barrier_places["lack-of-trust"]] == ["doncaster"]
    assert [u.enabler for u in col.enabler_uses["grow-model"]] == ["Jill Barrow"]
    assert col.place_uses.get("nowhere") is None


def test_related_is_declared_first_then_reverse_then_shared_barriers(tree):
    write(tree, "approaches/allies-map.md", "---\ntitle: Allies map\nsummary: Map allies.\noriginator: Someone\n"
          "type: method\nthemes: [relationships-and-trust]\nbarriers: [lack-of-trust]\nsources: [{title: T}]\n"
          "group_size: {min: 4, max: 20}\nduration_minutes: {min: 30, max: 60}\n---\n" + APPROACH_BODY)
    col, _ = linked(tree)
    assert [r.slug for r in col.related["trust-and-agreement"]] == ["grow-model", "allies-map"]
    assert [r.slug for r in col.related["grow-model"]] == ["trust-and-agreement"]
    assert [r.slug for r in col.related["allies-map"]] == ["trust-and-agreement"]


def test_unknown_slugs_suggest_the_nearest(tree):
    path = tree / "approaches/grow-model.md"
    path.write_text(path.read_text().replace("barriers: [action-stalls]", "barriers: [lack-of-trst]")
                    .replace("difficulty: easy", "difficulty: easy\nrelated: [trust-and-agreemnt, grow-model]"))
    _, problems = linked(tree)
    assert [str(p) for p in problems] == [
        "approaches/grow-model.md:7: barriers[0]: unknown barrier 'lack-of-trst' (did you mean 'lack-of-trust'?); "
        "it must match a file name in barriers/ (without .md)",
        "approaches/grow-model.md:11: related[0]: unknown approach 'trust-and-agreemnt' (did you mean "
        "'trust-and-agreement'?); it must match a file name in approaches/ (without .md)",
        "approaches/grow-model.md:11: related[1]: an approach cannot be related to itself",
    ]


def test_unknown_place_in_a_use(tree):
    path = tree / "approaches/trust-and-agreement.md"
    path.write_text(path.read_text().replace("place: doncaster", "place: doncastre"))
    _, problems = linked(tree)
    assert [str(p) for p in problems] == [
        "approaches/trust-and-agreement.md:10: places[0].place: unknown place 'doncastre' (did you mean "
        "'doncaster'?); it must match a file name in places/ (without .md)"]
