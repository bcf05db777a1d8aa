"""`python -m benchmarks`: its synthetic collections are valid and deterministic, the edit loop waits for
every page that shows an edit, and its tables show the figures and verdicts. No timings are asserted here:
the targets are checked by the benchmark itself, which prints the figures."""

import subprocess
import sys

from benchmarks.collection import barrier_count, make_project, place_count, write_collection
from benchmarks.measure import EditLoop, Measured, Result, SearchLoad, Sizes, plan_edits
from benchmarks.report import (
    build_table, evaluate_targets, format_table, kb_text, reader_table, seconds_text, update_report,
)
from generator.content.urls import page_url
from generator.pipeline import check
from tests.conftest import REPO


def test_a_synthetic_collection_passes_check_with_no_problems(tmp_path):
    write_collection(tmp_path, 20, seed=3)
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(tmp_path)],
                            cwd=REPO, capture_output=True, text=True)
    entries = 20 + barrier_count(20) + place_count(20)
    assert result.returncode == 0, result.stdout
    assert f"Checked {entries} entries: no problems." in result.stderr


def test_synthetic_approaches_link_to_barriers_places_and_each_other(tmp_path):
    write_collection(tmp_path, 20, seed=3)
    collection = check(tmp_path).collection
    assert len(collection.approaches) == 20
    assert sum(len(helpers) for helpers in collection.barrier_approaches.values()) >= 20
    assert sum(len(uses) for uses in collection.approach_uses.values()) >= 10
    assert any(approach.fields.get("related") for approach in collection.approaches.values())
    words = [len(a.body.split()) for a in collection.approaches.values()]
    assert 350 <= sorted(words)[len(words) // 2] <= 500  # "realistic ~400-word bodies"


def test_the_same_seed_writes_the_same_files_and_another_seed_does_not(tmp_path):
    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        write_collection(tmp_path / name, 20, seed=seed)

    def files(name):
        return {p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*.md")}

    assert files("a") == files("b")
    assert files("a") != files("c")


def test_an_edit_waits_for_its_own_page_its_barriers_places_and_the_index(tmp_path):
    project = make_project(REPO, tmp_path / "kb", 20, seed=3)
    collection = check(project).collection
    edit = plan_edits(project, 1, 0)[0]
    slug = edit.path.stem
    approach = collection.approaches[slug]
    assert f"approaches/{slug}/" in edit.urls
    assert {f"barriers/{b}/" for b in approach.fields["barriers"]} <= set(edit.urls)
    assert {f"places/{use['place']}/" for use in approach.fields["places"]} <= set(edit.urls)
    assert "approaches/" in edit.urls
    assert any(url.startswith("approaches/") and url not in (f"approaches/{slug}/", "approaches/") for url in edit.urls)
    assert edit.marker in edit.text and edit.marker not in edit.path.read_text()  # planned, not yet saved
    assert {"search/meta.json"} <= set(edit.urls) and any(url.startswith("search/results/") for url in edit.urls)
    assert not any(url.startswith("search/terms/") for url in edit.urls)  # a serve session cuts shards its own way


def test_page_urls_follow_directory_urls():
    assert page_url("approaches/grow-model.md") == "approaches/grow-model/"
    assert page_url("approaches/index.md") == "approaches/"
    assert page_url("index.md") == ""


def test_the_table_printer_lines_up_columns_and_marks_missing_figures():
    table = format_table(["N", "build"], [["500", seconds_text(8.123)], ["2000", None]]).splitlines()
    assert table[0].startswith("| N ") and table[1].startswith("|---")
    assert "| 500  | 8.12 s |" in table and "| 2000 | –      |" in table
    assert len({len(line) for line in table}) == 1
    assert seconds_text(12.34) == "12.3 s" and kb_text(24_700) == "24.7 KB"


def _result(label, build, plain, floor, page=20_000, edit=None):
    return Result(label, int(label) if label.isdigit() else 80, 3, pages=int(build * 100),
                  check=Measured(0.4, 40_000_000), build=Measured(build, 90_000_000),
                  plain=Measured(plain, 80_000_000), floor=floor,
                  sizes=Sizes(page, page + 1000, 5000, 5500, 700_000, 170_000), edit=edit)


def test_the_tables_show_overhead_floor_ratio_and_sizes():
    build = build_table([_result("500", 11.2, 10.0, 5.0)])
    assert "| 500 " in build and "11.2 s" in build and "+12%" in build and "2.24×" in build
    edit = EditLoop(dirty_seconds=[1.2, 1.0, 1.4], seconds=[9.0], pages=[20, 22, 21])
    reader = reader_table([_result("500", 11.2, 10.0, 5.0, edit=edit)])
    assert "20.0 KB / 21.0 KB" in reader and "0.70 MB (0.17 MB gz)" in reader
    assert "1.20 s median of 3, 22 pages" in reader and "9.00 s median of 1 |" in reader


def test_targets_are_met_or_not_by_the_figures():
    def verdicts(build_2000, plain_500):
        results = [_result("500", 10.0, plain_500, 5.0), _result("2000", build_2000, build_2000, 20.0)]
        return {t.name: t.verdict for t in evaluate_targets(results)}

    good, bad = verdicts(40.0, 9.5), verdicts(45.0, 8.0)
    linear = "Linear: build at 2,000 entries vs at 500"
    overhead = "Plugin overhead over plain Material, N=500"
    assert good[linear] == "met" and bad[linear] == "**NOT met**"
    assert good[overhead] == "met" and bad[overhead] == "**NOT met**"
    assert good["`check`, real collection"] == "not measured"


def test_the_edit_loop_target_needs_every_edit_on_every_page_in_time():
    def verdict(dirty_seconds):
        results = [_result("500", 10.0, 10.0, 5.0, edit=EditLoop(dirty_seconds=dirty_seconds, pages=[30]))]
        return next(t.verdict for t in evaluate_targets(results) if t.name.startswith("Edit loop"))

    assert verdict([1.2, 1.4, 1.0]) == "met"
    assert verdict([1.2, 1.6, 1.7]) == "**NOT met**"
    assert verdict([0.9, None, 1.0]) == "**NOT met**"  # one edit never reached every page


def test_the_report_replaces_its_own_section_and_keeps_the_rest_of_the_page(tmp_path):
    page = tmp_path / "benchmarks.md"
    page.write_text("## Engines\n\nWritten by hand.\n")
    update_report(page, "# Benchmarks\n\nfirst run")
    update_report(page, "# Benchmarks\n\nsecond run")
    text = page.read_text()
    assert text.startswith("<!-- Written by `python -m benchmarks`")
    assert "second run" in text and "first run" not in text
    assert text.count("# Benchmarks") == 1 and text.rstrip().endswith("Written by hand.")


def test_the_benchmark_runs_from_the_repository_and_the_generator_no_longer_offers_it():
    benchmark = subprocess.run([sys.executable, "-m", "benchmarks", "--help"], cwd=REPO, capture_output=True, text=True)
    assert benchmark.returncode == 0, benchmark.stderr
    assert "--sizes" in benchmark.stdout and "--output" in benchmark.stdout
    generator = subprocess.run([sys.executable, "-m", "generator", "bench"], cwd=REPO, capture_output=True, text=True)
    assert generator.returncode == 2 and "No such command 'bench'" in generator.stderr


def test_search_targets_are_judged_at_2000_and_5000_entries():
    fast = SearchLoad(visit_bytes=600_000, query_bytes=200_000, first_seconds=0.3, next_seconds=0.1,
                      throttled_seconds=1.1, throttled_longest_ms=90)
    heavy = SearchLoad(visit_bytes=1_400_000, query_bytes=200_000, first_seconds=0.3, next_seconds=0.1,
                       throttled_seconds=1.1, throttled_longest_ms=250)
    results = [_result("2000", 40.0, 40.0, 20.0), _result("5000", 100.0, 100.0, 50.0)]
    results[0].search, results[1].search = fast, heavy
    verdicts = {t.name: t.verdict for t in evaluate_targets(results)}
    assert all(verdict == "met" for name, verdict in verdicts.items() if name.endswith("2000 entries (Chromium, cold cache)"))
    assert verdicts["A page visit without searching, all it loads, 5000 entries (Chromium, cold cache)"] == "**NOT met**"
    assert verdicts["Longest main-thread task with the CPU 4× slower, 5000 entries (Chromium, cold cache)"] == "**NOT met**"
    assert verdicts["Linear: build at 5,000 entries vs at 2,000"] == "met"  # 2.5 times
