"""The files GitHub, pre-commit and VS Code read: they parse, they run only what exists, and they match the content."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys

import pytest
import yaml

from generator.commands.cli import main as cli
from generator.commands.forms import ANOTHER_PLACE, FORMS_DIR, REPORT_A_USE, form_texts
from generator.content.load import load_collection
from generator.content.model import KINDS, THEMES
from tests.conftest import REPO

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted((REPO / FORMS_DIR).glob("*.yml"))
ISSUE_FORMS = [path for path in FORMS if path.name != "config.yml"]


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true


def run_lines(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


def titles(kind: str) -> list[str]:
    return sorted((e.fields["title"] for e in load_collection(REPO).entries if e.kind.name == kind), key=str.casefold)


def test_every_workflow_form_and_hook_file_parses():
    files = [*WORKFLOWS, *FORMS, REPO / ".pre-commit-config.yaml"]
    assert {p.name for p in WORKFLOWS} == {"pull-request.yml", "deploy.yml"}
    for path in files:
        assert isinstance(load(path), dict), path
    for path in (REPO / ".vscode").glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


def test_committed_forms_are_what_the_command_writes_now():
    expected = form_texts(REPO)
    assert sorted(p.name for p in FORMS) == sorted(expected)
    for name, text in expected.items():
        assert (REPO / FORMS_DIR / name).read_text(encoding="utf-8") == text, (
            f"{FORMS_DIR}/{name} is stale: run `python -m generator forms`")


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda p: p.name)
def test_issue_forms_follow_githubs_rules(path):
    """The rules GitHub enforces when it reads a form (docs: 'Common validation errors when creating issue forms')."""
    form = load(path)
    assert {"name", "description", "body"} <= set(form)
    inputs = [e for e in form["body"] if e["type"] != "markdown"]
    assert inputs, "a form needs at least one field"
    ids = [e["id"] for e in inputs]
    labels = [e["attributes"]["label"] for e in inputs]
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)
    for element in form["body"]:
        assert element["type"] in {"markdown", "textarea", "input", "dropdown", "checkboxes"}
        assert all(value != "" for value in element["attributes"].values())
        if element["type"] != "markdown":
            assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"])
        if element["type"] == "dropdown":
            options = element["attributes"]["options"]
            assert options and len(set(options)) == len(options)
            assert "none" not in {option.casefold() for option in options}


def test_dropdown_options_are_the_barriers_themes_and_places_in_the_content():
    suggest = load(REPO / FORMS_DIR / "suggest-an-approach.yml")
    options = {e["id"]: e["attributes"]["options"] for e in suggest["body"] if e["type"] == "dropdown"}
    assert options["barriers"] == titles("barrier")
    assert options["themes"] == [theme.title for theme in THEMES]
    use = load(REPO / FORMS_DIR / REPORT_A_USE)
    place = next(e for e in use["body"] if e.get("id") == "place")
    assert place["attributes"]["options"] == [*titles("place"), ANOTHER_PLACE]


def test_report_a_use_can_be_prefilled_from_an_approach_page():
    """The site links to ?template=report-a-use.yml&approach=<title>; GitHub pre-fills inputs, not dropdowns."""
    use = load(REPO / FORMS_DIR / REPORT_A_USE)
    ids = {e["id"]: e["type"] for e in use["body"] if "id" in e}
    assert ids["approach"] == "input"
    assert {"approach", "place", "enabler", "year", "source"} <= set(ids)


# ----------------------------------------------------------------------------------------------
# Every command the automation runs must exist here: a renamed script or option fails this test,
# not a contributor's pull request.


def generator_calls(command_line: str) -> list[list[str]]:
    """The arguments after each `-m generator` in a shell command line."""
    calls = []
    for line in command_line.splitlines():
        words = shlex.split(line, comments=True)
        for index in [i for i, word in enumerate(words) if word == "-m" and words[i + 1:i + 2] == ["generator"]]:
            calls.append(words[index + 2:])
    return calls


def assert_generator_call_exists(args: list[str]) -> None:
    command = cli.commands.get(args[0])
    assert command is not None, f"python -m generator has no command '{args[0]}'"
    options = {opt for param in command.params for opt in param.opts}
    for word in args[1:]:
        if word.startswith("--"):
            assert word in options, f"'{args[0]}' has no option {word}"


def assert_scripts_exist(command_line: str) -> None:
    for script in re.findall(r"\bbash\s+(\S+)", command_line):
        assert (REPO / script).is_file(), f"{script} does not exist"


def every_command_line() -> list[str]:
    lines = [line for path in WORKFLOWS for line in run_lines(load(path))]
    lines += [hook["entry"] for repo in load(REPO / ".pre-commit-config.yaml")["repos"] for hook in repo["hooks"]]
    tasks = json.loads((REPO / ".vscode/tasks.json").read_text(encoding="utf-8"))["tasks"]
    lines += [shlex.join([task["command"].replace("${workspaceFolder}/", ""), *task["args"]]) for task in tasks]
    return lines


def test_every_script_and_command_the_automation_runs_exists():
    lines = every_command_line()
    calls = [call for line in lines for call in generator_calls(line)]
    assert {call[0] for call in calls} >= {"check", "urls", "new"}
    for call in calls:
        assert_generator_call_exists(call)
    for line in lines:
        assert_scripts_exist(line)
        for program in re.findall(r"(?:^|\s)(\.venv/bin/\w+)", line):
            assert program in {".venv/bin/python", ".venv/bin/mkdocs"}, program


def test_pull_requests_run_the_check_the_strict_build_the_tests_and_the_link_check():
    workflow = load(GITHUB / "workflows/pull-request.yml")
    assert "pull_request" in triggers(workflow)
    commands = "\n".join(run_lines(workflow))
    assert "bash .ci/setup test" in commands and "bash .ci/test" in commands
    assert "mkdocs build --strict" in commands
    calls = generator_calls(commands)
    assert ["check", "--format", "github"] in calls
    urls = next(call for call in calls if call[0] == "urls")
    assert {"--online", "--changed-since", "--format"} <= set(urls)
    checkout = next(step for job in workflow["jobs"].values() for step in job["steps"]
                    if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # --changed-since needs the base branch's history


def test_pushes_to_main_deploy_the_built_site_to_pages():
    workflow = load(GITHUB / "workflows/deploy.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == load(REPO / "mkdocs.yml")["site_dir"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in steps)
    assert "mkdocs build --strict" in "\n".join(run_lines(workflow))


def test_pre_commit_hook_checks_staged_entries_only():
    hook = load(REPO / ".pre-commit-config.yaml")["repos"][0]["hooks"][0]
    assert generator_calls(hook["entry"]) == [["check"]] and hook["pass_filenames"] is True
    pattern = re.compile(hook["files"])
    for path in ("approaches/grow-model.md", "barriers/lack-of-trust.md", "places/doncaster.md"):
        assert pattern.search(path), path
    for path in ("docs/about.md", "README.md", "approaches/notes.txt", "tests/fixtures/valid/places/doncaster.md"):
        assert not pattern.search(path), path


def test_editor_schemas_cover_every_kind_and_exist():
    schemas = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    assert sorted(schemas) == sorted(f"./generator/publish/schema/{kind.name}.json" for kind in KINDS)
    for schema in schemas:
        assert (REPO / schema).is_file(), schema
    recommended = json.loads((REPO / ".vscode/extensions.json").read_text(encoding="utf-8"))["recommendations"]
    assert "redhat.vscode-yaml" in recommended


def test_editor_task_shows_checker_problems_on_their_lines(tree):
    """The VS Code problem matcher must read the checker's real output: file, line, field and message."""
    tasks = json.loads((REPO / ".vscode/tasks.json").read_text(encoding="utf-8"))
    check_task = next(task for task in tasks["tasks"] if task["label"] == "Check this entry")
    pattern = check_task["problemMatcher"]["pattern"]
    path = tree / "places/doncaster.md"
    path.write_text(path.read_text().replace("region: Yorkshire and the Humber", "region: 'Yorkshire: north'"))
    output = subprocess.run([sys.executable, "-m", "generator", "check", "places/doncaster.md"], cwd=tree,
                            capture_output=True, text=True).stdout.splitlines()
    assert output
    for line in output:
        match = re.match(pattern["regexp"], line)
        assert match, line
        assert (tree / match.group(pattern["file"])).is_file()
        assert match.group(pattern["line"]) == "4" and match.group(pattern["code"]) == "region"
        assert match.group(pattern["message"]).startswith("'Yorkshire: north' is not allowed")
    kinds = next(i for i in tasks["inputs"] if i["id"] == "kind")["options"]
    assert kinds == [kind.name for kind in KINDS]


def test_contributing_links_to_the_forms_of_this_repository():
    """CONTRIBUTING.md is shown on GitHub and on the site, so it links by full address; keep it on repo_url."""
    repo_url = load(REPO / "mkdocs.yml")["repo_url"].rstrip("/")
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    templates = re.findall(r"\((https://github\.com/[^)\s]+)/issues/new\?template=([\w.-]+)\)", guide)
    assert {name for _, name in templates} == {p.name for p in ISSUE_FORMS}
    assert {base for base, _ in templates} == {repo_url}
    assert f"git clone {repo_url}.git" in guide
