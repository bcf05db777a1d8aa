"""Dates for "what's new" come from git: first added and last changed, with a clean fallback without git."""

from __future__ import annotations

import datetime
import os
import subprocess

from generator.content import history
from generator.content.history import file_dates
from generator.pipeline import build_pages
from tests.conftest import commit_all, write

JAN, FEB, MAR = "2026-01-05T10:00:00+00:00", "2026-02-05T10:00:00+00:00", "2026-03-05T10:00:00+00:00"


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def test_added_is_the_first_commit_and_changed_the_last(tree):
    commit_all(tree, JAN)
    path = tree / "approaches/grow-model.md"
    path.write_text(path.read_text() + "\nMore.\n")
    commit_all(tree, FEB)
    dates = file_dates(tree)
    assert dates["approaches/grow-model.md"] == history.FileDates(at(JAN), at(FEB), True)
    assert dates["approaches/trust-and-agreement.md"] == history.FileDates(at(JAN), at(JAN), True)
    assert set(dates) == {f"{p.parent.name}/{p.name}" for p in tree.glob("*/*.md")}


def test_a_file_deleted_and_added_again_or_renamed_counts_as_new(tree):
    commit_all(tree, JAN)
    (tree / "barriers/action-stalls.md").rename(tree / "barriers/action-stalls-later.md")
    text = (tree / "places/doncaster.md").read_text()
    (tree / "places/doncaster.md").unlink()
    commit_all(tree, FEB)
    write(tree, "places/doncaster.md", text)
    commit_all(tree, MAR)
    dates = file_dates(tree)
    assert dates["barriers/action-stalls-later.md"].added == at(FEB)
    assert "barriers/action-stalls.md" not in dates
    assert dates["places/doncaster.md"].added == at(MAR)


def test_uncommitted_file_is_dated_by_its_modification_time(tree):
    commit_all(tree, JAN)
    path = write(tree, "barriers/new-barrier.md", "---\ntitle: New\n---\n")
    os.utime(path, (at(MAR).timestamp(), at(MAR).timestamp()))
    assert file_dates(tree)["barriers/new-barrier.md"] == history.FileDates(at(MAR), at(MAR), False)


def test_without_git_or_outside_a_repository_every_file_has_its_modification_time(tree, monkeypatch):
    path = tree / "places/doncaster.md"
    os.utime(path, (at(FEB).timestamp(), at(FEB).timestamp()))
    outside = file_dates(tree)  # the temporary folder is not in a repository
    assert outside["places/doncaster.md"] == history.FileDates(at(FEB), at(FEB), False)
    commit_all(tree, JAN)
    monkeypatch.setenv("PATH", "/nonexistent")  # git cannot be found
    assert file_dates(tree) == {rel: history.FileDates(d.added, d.changed, False) for rel, d in outside.items()}


def test_paths_are_relative_to_a_root_inside_a_larger_repository(tmp_path, tree):
    nested = tmp_path / "kb"  # `tree` lives at tmp_path/kb; make tmp_path the repository
    commit_all(tmp_path, JAN)
    dates = file_dates(nested)
    assert dates["places/doncaster.md"].from_git and dates["places/doncaster.md"].added == at(JAN)


def test_a_build_runs_git_log_once(tree, monkeypatch):
    commit_all(tree, JAN)
    calls = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        calls.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting_run)
    pages, problems = build_pages(tree, "https://example.org/kb/")
    assert pages and not problems
    assert [c for c in calls if c[0] == "git"] == [calls[0]] and "log" in calls[0]
