"""Load: read entry files, split front matter from body, and remember the line of every value.

The loader is deliberately strict about YAML itself (duplicate keys, aliases, unusual tags),
because PyYAML's defaults silently accept input that would mislead a contributor. It never
raises on bad input: it returns the entries it could read and a problem for each it could not.
"""

from __future__ import annotations

import bisect
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.content.memo import Memo
from generator.content.model import KINDS, SLUG_RE, Kind
from generator.content.problems import Problem

try:  # libyaml is four times faster; fall back to the pure-Python parser where it is missing
    _YamlLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _YamlLoader = yaml.SafeLoader

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12
FENCE_RE = re.compile(r"^---[ \t]*$")
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}

Path_ = tuple  # a path into the front matter: ("places", 0, "place")


@dataclass(eq=False)  # identity: two entries are the same only if they are the same file's entry
class Entry:
    """One content file, as read: its front-matter values, their lines, and its Markdown body."""

    kind: Kind
    slug: str
    path: str  # relative to the content root, with forward slashes
    fields: dict
    lines: dict = field(default_factory=dict)  # Path_ -> 1-based line in the file
    body: str = ""
    body_line: int = 1

    def line_of(self, *path) -> int:
        """The line of the value at `path`, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


@dataclass
class Loaded:
    """The entries read, the problems found, and the slugs of entry files that could not be read.

    An unreadable file (a YAML error, bad encoding) still claims its slug, its file name: references to it
    are not reported as unknown, so its own problem is the only one a contributor sees for it.
    """

    entries: list[Entry]
    problems: list[Problem]
    claimed: set[tuple[str, str]] = field(default_factory=set)  # (kind name, slug)


class _FrontMatterError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def suggest_slug(name: str) -> str:
    """The slug a file name should have: lowercase ASCII words joined by hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "entry"


def load_collection(root: Path, memo: Memo | None = None) -> Loaded:
    """Load every entry under `root`'s content folders. With a `memo`, files whose bytes it has seen are not
    parsed again.

    The folders are listed with os.scandir, whose entries already know whether they are files, folders or links:
    asking pathlib took five `stat` calls per file, a tenth of a `mkdocs serve` rebuild's core at 5,000 entries.
    """
    entries: list[Entry] = []
    problems: list[Problem] = []
    claimed: set[tuple[str, str]] = set()
    for kind in KINDS:
        folder = root / kind.folder
        if not folder.is_dir():
            continue
        seen_lower: dict[str, str] = {}
        with os.scandir(folder) as listing:
            # Lowercase names first: when two names differ only in case, the valid one is loaded and
            # the clash is reported on the other.
            items = sorted(listing, key=lambda item: (item.name != item.name.lower(), item.name))
        for item in items:
            rel = f"{kind.folder}/{item.name}"
            if item.name.startswith("."):
                continue
            if item.is_symlink() and not os.path.exists(item.path):
                problems.append(Problem(rel, 1, "file", "is a symbolic link to a file that does not exist"))
                continue
            if item.is_symlink() and not _inside(Path(item.path).resolve(), root.resolve()):
                problems.append(Problem(rel, 1, "file", "is a symbolic link to a file outside the repository"))
                continue
            if item.is_dir():
                problems.append(Problem(rel, 1, "file", f"folders are not allowed inside {kind.folder}/; "
                                                        "put each entry directly in the folder"))
                continue
            if not item.is_file():
                problems.append(Problem(rel, 1, "file", "is not a regular file"))
                continue
            if not item.name.endswith(".md"):
                problems.append(Problem(rel, 1, "file", f"only Markdown files (.md) belong in {kind.folder}/"))
                continue
            lower = item.name.lower()
            if lower in seen_lower:
                problems.append(Problem(rel, 1, "file", f"differs from {kind.folder}/{seen_lower[lower]} only in "
                                                        "letter case; the two would clash on many computers"))
                continue
            seen_lower[lower] = item.name
            entry, file_problems = load_file(root, rel, memo)
            problems.extend(file_problems)
            if entry is not None:
                entries.append(entry)
            elif SLUG_RE.match(item.name[:-len(".md")]):
                claimed.add((kind.name, item.name[:-len(".md")]))
    return Loaded(entries, problems, claimed)


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def kind_of(rel_path: str) -> Kind | None:
    folder = rel_path.split("/", 1)[0]
    return next((k for k in KINDS if k.folder == folder), None)


def load_file(root: Path, rel_path: str, memo: Memo | None = None) -> tuple[Entry | None, list[Problem]]:
    """Read one entry file. Returns the entry (None if unreadable) and the problems found."""
    kind = kind_of(rel_path)
    assert kind is not None, rel_path
    stem = rel_path.rsplit("/", 1)[-1][: -len(".md")]
    if not SLUG_RE.match(stem):
        return None, [Problem(rel_path, 1, "file", f"'{stem}.md' is not a valid name: use lowercase letters, "
                                                   f"digits and hyphens, e.g. '{suggest_slug(stem)}.md'")]

    try:
        with open(root / rel_path, "rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # one open and read; no stat beforehand
            if len(raw) > MAX_FILE_BYTES:
                size = os.fstat(file.fileno()).st_size
                return None, [Problem(rel_path, 1, "file", f"is {size // 1024} KB; entries must be under "
                                                           f"{MAX_FILE_BYTES // 1024} KB")]
    except OSError as error:
        return None, [Problem(rel_path, 1, "file", f"cannot be read ({error.strerror or error})")]
    if memo is not None:
        return memo.recall((rel_path, raw), lambda: _parse_file(kind, stem, rel_path, raw))
    return _parse_file(kind, stem, rel_path, raw)


def _parse_file(kind: Kind, stem: str, rel_path: str, raw: bytes) -> tuple[Entry | None, list[Problem]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(rel_path, line, "file", f"is not valid UTF-8 text (byte 0x{raw[error.start]:02x} "
                                                      "on this line); save the file as UTF-8")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [Problem(rel_path, 1, "file", "is empty; start it with front matter between '---' lines")]

    try:
        values, lines, body, body_line = parse_front_matter(text)
    except _FrontMatterError as error:
        return None, [Problem(rel_path, error.line, "front matter", error.message)]
    return Entry(kind, stem, rel_path, values, lines, body, body_line), []


def parse_front_matter(text: str) -> tuple[dict, dict, str, int]:
    """Split `text` into (values, lines, body, body_line). Raises _FrontMatterError."""
    text_lines = text.split("\n")
    if not FENCE_RE.match(text_lines[0]):
        raise _FrontMatterError(1, "the file must start with a '---' line, then the fields, then another '---'")
    closing = next((i for i in range(1, len(text_lines)) if FENCE_RE.match(text_lines[i])), None)
    if closing is None:
        raise _FrontMatterError(1, "no closing '---' line: end the front matter with a line of three hyphens")
    for number, line in enumerate(text_lines[1:closing], start=2):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise _FrontMatterError(number, "a tab is used for indentation; YAML needs spaces")
    yaml_text = "\n".join(text_lines[1:closing])
    file_line = _FileLines(yaml_text)
    try:
        root_node = yaml.compose(yaml_text, Loader=_YamlLoader)
    except yaml.MarkedYAMLError as error:
        raise _FrontMatterError(*_describe_yaml_error(error, file_line)) from None
    except yaml.reader.ReaderError as error:  # a control character: PyYAML gives its offset in the YAML text
        line = yaml_text.count("\n", 0, error.position) + 2
        character = error.character if isinstance(error.character, str) else chr(error.character)
        raise _FrontMatterError(line, f"the invisible character U+{ord(character):04X} is not allowed in front "
                                      "matter; delete it") from None
    except yaml.YAMLError as error:
        raise _FrontMatterError(1, "YAML error: " + " ".join(str(error).split())) from None
    lines: dict = {}
    if root_node is None:
        values: dict = {}
    elif not isinstance(root_node, yaml.MappingNode):
        raise _FrontMatterError(file_line(root_node.start_mark),
                                "front matter must be 'field: value' lines, not a single value or a list")
    else:
        values = _NodeReader(lines, file_line).read(root_node, (), 0)
    body = "\n".join(text_lines[closing + 1:])
    return values, lines, body, closing + 2


class _FileLines:
    """The file line of a PyYAML mark in the front matter (which starts on the file's line 2).

    Counted from the mark's character offset, not its `line`: YAML also breaks lines at U+0085,
    U+2028 and U+2029, which editors show inside a line.
    """

    def __init__(self, yaml_text: str):
        self.newlines = [index for index, character in enumerate(yaml_text) if character == "\n"]

    def __call__(self, mark) -> int:
        return bisect.bisect_left(self.newlines, mark.index) + 2


def _describe_yaml_error(error: yaml.MarkedYAMLError, file_line: _FileLines) -> tuple[int, str]:
    """(file line, message) for a PyYAML syntax error, naming where an unclosed value started.

    PyYAML reports where it gave up, often the line after the mistake; its `context` says what it
    was reading and where that began ("while parsing a flow sequence" on the line with the '[').
    """
    mark = error.problem_mark or error.context_mark
    line = file_line(mark) if mark is not None else 1
    message = f"YAML syntax error: {error.problem or error.context}"
    if error.context and error.context_mark is not None and file_line(error.context_mark) != line:
        message += f" ({error.context} that starts on line {file_line(error.context_mark)})"
    if error.problem == "mapping values are not allowed in this context":
        message += "; put a value that contains ': ' in quotes, and indent fields evenly"
    return line, message


def _as_written(tag: str) -> str:
    """A tag as a contributor writes it: PyYAML expands '!!python/...' to 'tag:yaml.org,2002:python/...'."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


class _NodeReader:
    """Turns a composed YAML node tree into plain values, recording each value's line.

    Reading nodes ourselves (rather than `yaml.safe_load`) is what lets us reject duplicate
    keys and aliases, and keep line numbers for every field.
    """

    def __init__(self, lines: dict, file_line: _FileLines):
        self.lines = lines
        self.file_line = file_line
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def read(self, node: yaml.Node, path: tuple, depth: int):
        line = self.file_line(node.start_mark)
        if id(node) in self.seen:
            raise _FrontMatterError(line, "YAML anchors and aliases ('&' and '*') are not allowed")
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _FrontMatterError(line, f"values are nested more than {MAX_DEPTH} levels deep")
        if node.tag not in _ALLOWED_TAGS:
            raise _FrontMatterError(line, f"the YAML tag '{_as_written(node.tag)}' is not allowed; write plain values")
        self.lines[path] = line
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            for key_node, value_node in node.value:
                key_line = self.file_line(key_node.start_mark)
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _FrontMatterError(key_line, "YAML merge keys ('<<') are not allowed")
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _FrontMatterError(key_line, "field names must be plain words")
                key = key_node.value
                if key in result:
                    first = self.lines[path + (key,)]
                    raise _FrontMatterError(key_line, f"'{key}' appears twice (first on line {first}); "
                                                      "keep one")
                result[key] = self.read(value_node, path + (key,), depth + 1)
                self.lines[path + (key,)] = key_line
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.read(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as error:
            raise _FrontMatterError(line, f"cannot read this value: {error}") from None
        finally:
            self.constructor.constructed_objects.clear()
