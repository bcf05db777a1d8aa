"""What contributed Markdown may contain: its level-2 headings, a small allowlist of raw HTML,
and links that cannot run code.

Python-Markdown passes raw HTML straight through to the page, so an entry body is the one place
a contributor could smuggle a script onto the site. We refuse such bodies at check time, with the
line, rather than silently stripping them, so what a contributor sees in review is what readers get.

The scan is deliberately stricter than a browser: it looks at the whole body at once (a tag or a
link may span lines), decodes HTML entities before judging a link (`&#106;avascript:` is
`javascript:` to a browser), accepts an allowed tag only in a plain form that Python-Markdown and
browsers cannot read differently, and refuses `attr_list` attributes (`{ onclick="..." }`), which
would otherwise put any attribute on the element before them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from generator.content.urls import rebase

ALLOWED_TAGS = frozenset({"abbr", "kbd", "sub", "sup", "br", "details", "summary"})
ALLOWED_ATTRIBUTES = frozenset({"title", "open"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
HEADING_RE = re.compile(r"^##[ \t]+(.+?)[ \t]*#*[ \t]*$")
TITLE_HEADING_RE = re.compile(r"^#[ \t]+\S")
DEMOTE_RE = re.compile(r"^(#{1,5})(?=[ \t])")
CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1")
COMMENT_RE = re.compile(r"<!--.*?-->")
TAG_START_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)(:?)")
# An allowed tag in its plain form: attributes with quoted values free of '<' and '>', so the tag
# ends at the same '>' for Python-Markdown and for every browser.
_VALUE = r"""(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+)"""
PLAIN_TAG_RE = re.compile(rf"<([a-zA-Z]+)((?:\s+[a-zA-Z-]+(?:\s*=\s*{_VALUE})?)*)\s*/?>")
ATTRIBUTE_RE = re.compile(rf"([a-zA-Z-]+)(?:\s*=\s*{_VALUE})?")
AUTOLINK_RE = re.compile(r"<\s*([^<>\s]*)")
LINK_TARGET_RE = re.compile(r"\]\([\s>]*<?([^)\s>]*)")  # '>' too: a link may continue inside a quote
REFERENCE_RE = re.compile(r"^[ \t>]*\[[^\[\]\n]*\]:[ \t]*\n?[ \t>]*<?([^\s>]+)", re.MULTILINE)
ATTRIBUTE_LIST_RE = re.compile(r"\{[^{}\n]*=[^}\n]*\}")
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass
class BodyScan:
    headings: list[tuple[int, str]] = field(default_factory=list)  # (line offset, text)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line offset, message)


def in_code_block(lines: list[str]) -> list[bool]:
    """For each line, whether it is part of a fenced code block (the fences included).

    Anything inside a code block is an example, not markup: no heading, tag or link there counts.
    """
    flags, fence = [], None
    for line in lines:
        opening = FENCE_RE.match(line)
        if opening:
            marker = opening.group(1)
            flags.append(True)
            if fence is None:
                fence = marker[0] * 3
            elif marker.startswith(fence):
                fence = None
        else:
            flags.append(fence is not None)
    return flags


def prose(body: str) -> str:
    """The body with fenced code and code spans blanked (same offsets): links and tags there are examples."""
    lines = body.split("\n")
    lines = [" " * len(line) if code else line for line, code in zip(lines, in_code_block(lines))]
    return CODE_SPAN_RE.sub(_blank, "\n".join(lines))


def demote_headings(body: str, levels: int = 1) -> str:
    """Push a body's headings `levels` down, so it can sit under a heading of its own (in a print pack)."""
    if levels == 0:
        return body
    lines = body.split("\n")
    return "\n".join(line if code else DEMOTE_RE.sub(lambda m: m.group(1) + "#" * levels, line)
                     for line, code in zip(lines, in_code_block(lines)))


def rebase_links(body: str, from_path: str, to_path: str) -> str:
    """The body with its relative link targets rewritten for a page at `to_path` (see urls.rebase)."""
    masked = prose(body)
    spans = sorted({match.span(1) for pattern in (LINK_TARGET_RE, REFERENCE_RE) for match in pattern.finditer(masked)})
    pieces, done = [], 0
    for start, end in spans:
        pieces += [body[done:start], rebase(body[start:end], from_path, to_path)]
        done = end
    return "".join(pieces) + body[done:]


def scan_body(body: str) -> BodyScan:
    """Headings and markup problems of a Markdown body, with 0-based line offsets."""
    scan = BodyScan()
    lines = body.split("\n")
    for offset, (line, code) in enumerate(zip(lines, in_code_block(lines))):
        if code:
            continue
        heading = HEADING_RE.match(line)
        if heading:
            scan.headings.append((offset, heading.group(1)))
        elif TITLE_HEADING_RE.match(line):
            scan.problems.append((offset, "a '# ' heading is not allowed: the page title comes from 'title'; "
                                          "use '## ' for sections"))
    scan.problems += _markup_problems(prose(body))
    scan.problems.sort(key=lambda problem: problem[0])
    return scan


def _blank(match: re.Match) -> str:
    """The matched text as spaces, keeping its line breaks."""
    return re.sub(r"[^\n]", " ", match.group())


def _markup_problems(text: str) -> list[tuple[int, str]]:
    """Raw HTML, attribute lists and links in a body's `prose` that could run code, with 0-based line offsets."""
    text = COMMENT_RE.sub(_blank, text)
    problems: list[tuple[int, str]] = []

    def report(position: int, message: str) -> None:
        problems.append((text.count("\n", 0, position), message))

    for match in TAG_START_RE.finditer(text):
        closing, name, colon = match.groups()
        if colon:  # <https://...> is an autolink, judged as a link
            problem = link_problem(AUTOLINK_RE.match(text, match.start()).group(1))
            if problem:
                report(match.start(), problem)
            continue
        if closing:  # a closing tag: its opening tag has been judged already
            continue
        name = name.lower()
        if name not in ALLOWED_TAGS:
            report(match.start(), f"raw HTML <{name}> is not allowed; write Markdown instead (allowed tags: "
                                  f"{', '.join(sorted(ALLOWED_TAGS))})")
            continue
        plain = PLAIN_TAG_RE.match(text, match.start())
        if plain is None:
            report(match.start(), f"write <{name}> plainly, e.g. <{name} title=\"...\">: attribute values in "
                                  "quotes, without '<' or '>', and the tag closed with '>'")
            continue
        for attribute in ATTRIBUTE_RE.findall(plain.group(2)):
            if attribute.lower() not in ALLOWED_ATTRIBUTES:
                report(match.start(), f"the attribute '{attribute}' on <{name}> is not allowed")
    for match in ATTRIBUTE_LIST_RE.finditer(text):
        report(match.start(), f"the attribute list '{match.group()}' is not allowed: it could add scripts to the "
                              "page (only '{ .class }' and '{ #id }' are)")
    for match in [*LINK_TARGET_RE.finditer(text), *REFERENCE_RE.finditer(text)]:
        problem = link_problem(match.group(1))
        if problem:
            report(match.start(1), problem)
    return sorted(set(problems))  # '[x](<javascript:...>)' is a link and an autolink: say it once


def link_problem(target: str) -> str | None:
    """Why a link target is refused, or None. Relative links and http(s)/mailto are fine.

    Judges the target as a browser reads it: entities decoded (`&#106;`, `&colon;`), then
    control characters and spaces dropped (`java&#9;script:` is `javascript:`); backslashes are
    dropped too, to be safe.
    """
    cleaned = re.sub(r"[\x00-\x20\\]", "", html.unescape(target))
    scheme = SCHEME_RE.match(cleaned)
    if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
        return f"links to '{scheme.group(1)}:' addresses are not allowed; use https://"
    return None
