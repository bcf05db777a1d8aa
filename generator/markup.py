"""What contributed Markdown may contain: its level-2 headings, a small allowlist of raw HTML,
and links that cannot run code.

Python-Markdown passes raw HTML straight through to the page, so an entry body is the one place
a contributor could smuggle a script onto the site. We refuse such bodies at check time, with the
line, rather than silently stripping them, so what a contributor sees in review is what readers get.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ALLOWED_TAGS = frozenset({"abbr", "kbd", "sub", "sup", "br", "details", "summary"})
ALLOWED_ATTRIBUTES = frozenset({"title", "open"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
HEADING_RE = re.compile(r"^##[ \t]+(.+?)[ \t]*#*[ \t]*$")
TITLE_HEADING_RE = re.compile(r"^#[ \t]+\S")
CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1")
TAG_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>?")
ATTRIBUTE_RE = re.compile(r"([^\s=/]+)\s*(?:=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
LINK_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]*)")
REFERENCE_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
COMMENT_RE = re.compile(r"<!--.*?-->")


@dataclass
class BodyScan:
    headings: list[tuple[int, str]] = field(default_factory=list)  # (line offset, text)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line offset, message)


def scan_body(body: str) -> BodyScan:
    """Headings and markup problems of a Markdown body, with 0-based line offsets."""
    scan = BodyScan()
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        fence_match = FENCE_RE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker[0] * 3
            elif marker.startswith(fence):
                fence = None
            continue
        if fence is not None:
            continue
        heading = HEADING_RE.match(line)
        if heading:
            scan.headings.append((offset, heading.group(1)))
        elif TITLE_HEADING_RE.match(line):
            scan.problems.append((offset, "a '# ' heading is not allowed: the page title comes from 'title'; "
                                          "use '## ' for sections"))
        for message in _line_problems(line):
            scan.problems.append((offset, message))
    return scan


def _line_problems(line: str) -> list[str]:
    text = COMMENT_RE.sub("", CODE_SPAN_RE.sub("", line))
    problems = []
    for match in TAG_RE.finditer(text):
        name = match.group(2).lower()
        if match.group(1):  # a closing tag: its opening tag has been judged already
            continue
        if name not in ALLOWED_TAGS:
            problems.append(f"raw HTML <{name}> is not allowed; write Markdown instead (allowed tags: "
                            f"{', '.join(sorted(ALLOWED_TAGS))})")
            continue
        for attribute, _ in ATTRIBUTE_RE.findall(match.group(3)):
            if attribute.lower() not in ALLOWED_ATTRIBUTES:
                problems.append(f"the attribute '{attribute}' on <{name}> is not allowed")
    for target in LINK_TARGET_RE.findall(text) + REFERENCE_RE.findall(text):
        problem = link_problem(target)
        if problem:
            problems.append(problem)
    return problems


def link_problem(target: str) -> str | None:
    """Why a link target is refused, or None. Relative links and http(s)/mailto are fine."""
    cleaned = re.sub(r"[\x00-\x20]", "", target)
    scheme = SCHEME_RE.match(cleaned)
    if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
        return f"links to '{scheme.group(1)}:' addresses are not allowed; use https://"
    return None
