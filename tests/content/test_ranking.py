"""The one ranking model: problems matched first, then what the reader can run with their people and time,
then documented use, then focus, then title."""

from __future__ import annotations

from generator.content.ranking import DOES_NOT_FIT, FITS, UNSTATED, Need, fit, rank_key


def facts(slug, barriers, people=None, minutes=None, places=0, type_="method"):
    return {"slug": slug, "title": slug.replace("-", " ").title(), "type": type_, "barriers": barriers,
            "people": people, "minutes": minutes, "places": places}


def order(candidates, need):
    return [c["slug"] for c in sorted(candidates, key=lambda c: rank_key(c, need))]


def test_more_of_the_readers_problems_beats_a_better_fit():
    theory = facts("leadership-theory", ["lack-of-trust", "need-to-keep-control"])
    matrix = facts("trust-matrix", ["lack-of-trust", "need-to-keep-control"], [1, 12], [60, 120])
    coaching = facts("coaching", ["lack-of-trust"], [1, 2], [30, 60], places=3)
    need = Need(("lack-of-trust", "need-to-keep-control"))
    assert order([coaching, theory, matrix], need) == ["trust-matrix", "leadership-theory", "coaching"]


def test_what_fits_the_people_and_time_comes_before_what_does_not_say_and_what_does_not_fit():
    fits = facts("fits", ["x"], [5, 20], [60, 90])
    silent = facts("silent", ["x"])
    too_long = facts("too-long", ["x"], [5, 20], [120, 180], places=8)
    too_big = facts("too-big", ["x"], [50, 500], [30, 60])
    need = Need(("x",), people=10, minutes=90)
    assert [fit(f, need) for f in (fits, silent, too_long, too_big)] == [FITS, UNSTATED, DOES_NOT_FIT, DOES_NOT_FIT]
    assert order([too_long, silent, too_big, fits], need)[:2] == ["fits", "silent"]


def test_with_no_people_or_time_given_an_approach_that_can_be_run_fits():
    assert fit(facts("runnable", ["x"], [2, 8], [30, 60]), Need(("x",))) == FITS
    assert fit(facts("model", ["x"]), Need(("x",))) == UNSTATED
    assert fit(facts("half-said", ["x"], [2, 8]), Need(("x",))) == UNSTATED


def test_documented_use_then_the_approachs_own_first_barrier_then_title_break_ties():
    used = facts("zeta-used", ["other", "x"], [2, 8], [30, 60], places=1)
    primary = facts("beta-primary", ["x", "other"], [2, 8], [30, 60])
    secondary = facts("alpha-secondary", ["other", "x"], [2, 8], [30, 60])
    assert order([secondary, primary, used], Need(("x",))) == ["zeta-used", "beta-primary", "alpha-secondary"]


def test_among_what_fits_a_method_comes_before_a_model_and_a_model_before_a_programme():
    """A reader wants something to run on Tuesday: a session, then a lens with an exercise, then months of work,
    even when the longer piece of work has more documented use."""
    method = facts("method", ["x"], [2, 8], [30, 60])
    model = facts("model", ["x"], [2, 8], [30, 60], places=2, type_="model")
    programme = facts("programme", ["x"], [2, 8], [30, 60], places=8, type_="programme")
    assert order([programme, model, method], Need(("x",), people=5, minutes=60)) == ["method", "model", "programme"]
