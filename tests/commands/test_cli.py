"""`python -m generator check`: every problem at once, the documented exit codes, GitHub annotations."""

import subprocess
import sys

from tests.conftest import REPO


def run(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def break_two_files(tree):
    path = tree / "approaches/grow-model.md"
    path.write_text(path.read_text().replace("barriers: [action-stalls]", "barriers: [action-stals]"))
    path = tree / "places/doncaster.md"
    path.write_text(path.read_text().replace("region: Yorkshire and the Humber", "region: Yorkshire"))


def test_clean_content_exits_0(tree):
    result = run("check", "--root", str(tree))
    assert result.returncode == 0 and result.stdout == ""
    assert "Checked 6 entries: no problems." in result.stderr


def test_every_problem_in_one_run_exits_1(tree):
    break_two_files(tree)
    result = run("check", "--root", str(tree))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "approaches/grow-model.md:7: barriers[0]: unknown barrier 'action-stals' (did you mean 'action-stalls'?); "
        "it must match a file name in barriers/ (without .md)",
        "places/doncaster.md:4: region: 'Yorkshire' is not allowed (did you mean 'Yorkshire and the Humber'?); "
        "choose one of: North East, North West, Yorkshire and the Humber, East Midlands, West Midlands, "
        "East of England, London, South East, South West",
    ]
    assert "Traceback" not in result.stderr


def test_github_format_annotates_the_line(tree):
    break_two_files(tree)
    result = run("check", "--root", str(tree), "--format", "github")
    assert result.stdout.splitlines()[0].startswith(
        "::error file=approaches/grow-model.md,line=7,title=barriers[0]::unknown barrier 'action-stals'")


def test_check_only_some_paths(tree):
    break_two_files(tree)
    result = run("check", "places/doncaster.md", "--root", ".", cwd=tree)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["places/doncaster.md"]
    assert "Checked 1 of 6 entries" in result.stderr


def test_usage_errors_exit_2(tree):
    assert run("check", "--format", "xml", "--root", str(tree)).returncode == 2
    assert run("check", "no/such/file.md", "--root", str(tree)).returncode == 2
    result = run("check", "mkdocs.yml", cwd=REPO)
    assert result.returncode == 2 and "not an entry" in result.stderr


def test_a_file_whose_yaml_breaks_reports_its_own_problem_and_no_false_ones_elsewhere(tree):
    """A YAML error in trust-and-agreement (named by grow-model's related approaches) and in lack-of-trust (named
    by trust-and-agreement's barriers) gives one problem each: a file that cannot be read still claims its
    slug, so references to it are not reported as unknown."""
    grow = tree / "approaches/grow-model.md"
    grow.write_text(grow.read_text(encoding="utf-8").replace("barriers: [action-stalls]",
                                                             "barriers: [action-stalls]\nrelated: [trust-and-agreement]"),
                    encoding="utf-8")
    barrier = tree / "barriers/lack-of-trust.md"  # and a file of another kind, named by the approach, breaks too
    barrier.write_text(barrier.read_text(encoding="utf-8").replace("title:", "title: 'unclosed", 1), encoding="utf-8")
    path = tree / "approaches/trust-and-agreement.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Trust and Agreement matrix",
                                                             "title: [Trust and Agreement matrix"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(tree)],
                            capture_output=True, text=True)
    problems = result.stdout.splitlines()
    assert result.returncode == 1 and len(problems) == 2, problems
    assert [p.split(":")[0] for p in problems] == ["approaches/trust-and-agreement.md", "barriers/lack-of-trust.md"]
    assert all("YAML" in p for p in problems)
