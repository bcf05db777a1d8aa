"""The loader reads front matter with a line for every value and refuses misleading YAML."""

from generator.content.load import load_collection, load_file, parse_front_matter
from tests.conftest import write


def messages(problems):
    return [str(p) for p in problems]


def test_every_value_has_its_line():
    values, lines, body, body_line = parse_front_matter(
        "---\ntitle: X\nbarriers:\n  - a\n  - b\nplaces:\n  - place: p\n    source: {title: T}\n---\nBody\n")
    assert values["barriers"] == ["a", "b"]
    assert lines[("title",)] == 2
    assert lines[("barriers", 1)] == 5
    assert lines[("places", 0, "source")] == 8
    assert body.strip() == "Body" and body_line == 10


def test_valid_fixture_loads_without_problems(tree):
    loaded = load_collection(tree)
    assert loaded.problems == []
    assert {e.path for e in loaded.entries} >= {"approaches/grow-model.md", "places/doncaster.md"}


def test_missing_closing_fence(tree):
    write(tree, "barriers/open.md", "---\ntitle: X\nsummary: Y.\n")
    assert messages(load_file(tree, "barriers/open.md")[1]) == [
        "barriers/open.md:1: front matter: no closing '---' line: end the front matter with a line of three hyphens"]


def test_yaml_syntax_error_gives_the_yaml_line(tree):
    write(tree, "barriers/bad.md", "---\ntitle: X\nsummary: [unclosed\nother: 1\n---\n")
    (problem,) = load_file(tree, "barriers/bad.md")[1]
    assert problem.path == "barriers/bad.md" and problem.field == "front matter"
    assert problem.line in (3, 4, 5) and "YAML syntax error" in problem.message


def test_tab_indentation_is_named(tree):
    write(tree, "barriers/tabs.md", "---\ntitle: X\nsources:\n\t- {title: T}\n---\n")
    assert messages(load_file(tree, "barriers/tabs.md")[1]) == [
        "barriers/tabs.md:4: front matter: a tab is used for indentation; YAML needs spaces"]


def test_duplicate_keys_are_rejected_with_both_lines(tree):
    write(tree, "barriers/dup.md", "---\ntitle: X\nsummary: A.\ntitle: Y\n---\n")
    assert messages(load_file(tree, "barriers/dup.md")[1]) == [
        "barriers/dup.md:4: front matter: 'title' appears twice (first on line 2); keep one"]


def test_unsafe_tags_are_rejected(tree):
    write(tree, "barriers/evil.md", "---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n")
    (problem,) = load_file(tree, "barriers/evil.md")[1]
    assert problem.line == 2 and "'!!python/object/apply:os.system' is not allowed" in problem.message


def test_alias_bomb_is_refused_quickly(tree):
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)) + "---\n"
    write(tree, "barriers/bomb.md", bomb)
    (problem,) = load_file(tree, "barriers/bomb.md")[1]
    assert "anchors and aliases" in problem.message


def test_non_mapping_front_matter(tree):
    write(tree, "barriers/list.md", "---\n- a\n- b\n---\n")
    assert "must be 'field: value' lines" in load_file(tree, "barriers/list.md")[1][0].message


def test_bom_crlf_and_non_ascii_are_accepted(tree):
    write(tree, "places/zurich.md", "\ufeff---\r\ntitle: Zürich–Ôlé\r\nsummary: Ça va.\r\n---\r\nBody\r\n".encode())
    entry, problems = load_file(tree, "places/zurich.md")
    assert problems == [] and entry.fields["title"] == "Zürich–Ôlé" and entry.body.strip() == "Body"


def test_non_utf8_bytes_say_where(tree):
    write(tree, "places/latin.md", b"---\ntitle: ok\nsummary: caf\xe9\n---\n")
    assert messages(load_file(tree, "places/latin.md")[1]) == [
        "places/latin.md:3: file: is not valid UTF-8 text (byte 0xe9 on this line); save the file as UTF-8"]


def test_empty_file(tree):
    write(tree, "places/empty.md", "")
    assert "is empty" in load_file(tree, "places/empty.md")[1][0].message


def test_bad_file_name_suggests_a_slug(tree):
    write(tree, "approaches/Six Thinking_Hats.md", "---\ntitle: X\n---\n")
    problems = [p for p in load_collection(tree).problems if "Six" in p.path]
    assert messages(problems) == [
        "approaches/Six Thinking_Hats.md:1: file: 'Six Thinking_Hats.md' is not a valid name: use lowercase "
        "letters, digits and hyphens, e.g. 'six-thinking-hats.md'"]


def test_stray_files_and_case_clashes(tree):
    write(tree, "approaches/notes.txt", "hello")
    write(tree, "approaches/GROW-model.md", "---\ntitle: X\n---\n")
    found = messages(load_collection(tree).problems)
    assert "approaches/notes.txt:1: file: only Markdown files (.md) belong in approaches/" in found
    assert any(m.startswith("approaches/") and ("letter case" in m or "not a valid name" in m) for m in found)


def test_symlink_outside_repository(tree, tmp_path):
    outside = write(tmp_path, "secret.md", "---\ntitle: X\n---\n")
    (tree / "places" / "link.md").symlink_to(outside)
    assert "places/link.md:1: file: is a symbolic link to a file outside the repository" in messages(
        load_collection(tree).problems)
