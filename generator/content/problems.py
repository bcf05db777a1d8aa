"""A problem found in the content, and the ways of reporting it.

Every stage reports problems instead of raising: a contributor sees all of them in one run, each
as `path:line: field: message`, which editors and terminals turn into clickable locations.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable

_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __post_init__(self) -> None:
        # A problem is always one line: a field name, value or file name from the content may hold a
        # line break or another invisible character, which is shown escaped ('\n') instead.
        for name in ("path", "field", "message"):
            object.__setattr__(self, name, _CONTROL_RE.sub(lambda m: repr(m.group())[1:-1], getattr(self, name)))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def as_github_annotation(self) -> str:
        """A GitHub Actions workflow command, so the error shows on the pull request's line."""
        return (
            f"::error file={_escape_property(self.path)},line={self.line},"
            f"title={_escape_property(self.field)}::{_escape_data(self.message)}"
        )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest option, or '' when nothing is close.

    Tries, in order: the same word in another letter case, a near spelling, then an option that
    contains the word (so 'Yorkshire' finds 'Yorkshire and the Humber').
    """
    word, options = str(word), list(options)
    folded = word.casefold()
    matches = [o for o in options if o.casefold() == folded]
    matches = matches or difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    matches = matches or ([o for o in options if folded in o.casefold()] if len(folded) >= 4 else [])
    return f" (did you mean '{matches[0]}'?)" if matches else ""
