"""History: when each content file was first added and last changed, from ONE `git log` per build.

    dates = file_dates(root)               # {"approaches/grow-model.md": FileDates(added, changed, from_git)}
    dates["approaches/grow-model.md"].changed

Every content file that exists under `root` gets dates, so callers never need a fallback:

- Committed files: `added` is the committer date of the commit that last created the file (a file
  deleted and re-added, or renamed, counts as new from then: renaming an entry changes its slug
  and so its URL); `changed` is the committer date of the newest commit that touched it. Committer
  dates, not author dates, because they say when a change landed in the repository.
- Files with no git history (new and not yet committed, or git missing, or `root` not in a
  repository, e.g. a downloaded archive): both dates are the file's modification time and
  `from_git` is False. Archives from GitHub keep each file's commit time as its modification
  time, and a file not yet committed is the newest work there is, so it sorts first in previews.
- Uncommitted edits to a committed file do not move `changed`: only commits count.
- A shallow clone (CI's default `fetch-depth: 1`) only knows its newest commits, so files appear
  added at the oldest commit it has; fetch the full history to publish true dates.
"""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.content.model import KINDS

CONTENT_FOLDERS = tuple(kind.folder for kind in KINDS)
GIT_TIMEOUT_SECONDS = 60
_COMMIT_START = "\x1e"  # record separator: cannot occur in a date or (with -z) be confused with a path


@dataclass(frozen=True)
class FileDates:
    added: datetime.datetime  # timezone-aware
    changed: datetime.datetime  # timezone-aware; never before `added`
    from_git: bool  # False: both dates are the file's modification time


def file_dates(root: Path) -> dict[str, FileDates]:
    """Dates for every entry file under `root`, keyed by its path relative to `root` (forward slashes)."""
    history = git_history(root)
    dates = {}
    for folder in CONTENT_FOLDERS:
        for path in sorted((root / folder).glob("*.md")):
            rel = f"{folder}/{path.name}"
            dates[rel] = history.get(rel) or _modification_dates(path)
    return dates


def git_history(root: Path) -> dict[str, FileDates]:
    """Dates of the content files that git knows, from one `git log`; empty when git cannot tell."""
    command = ["git", "-C", str(root), "-c", "log.showSignature=false", "log", "--relative", "--no-renames",
               "--name-status", "-z", f"--format={_COMMIT_START}%cI", "--", *CONTENT_FOLDERS]
    try:
        result = subprocess.run(command, capture_output=True, timeout=GIT_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired):  # git not installed, or a pathological repository
        return {}
    if result.returncode != 0:  # not a repository, or one git refuses to read (e.g. safe.directory)
        return {}
    return parse_log(result.stdout.decode("utf-8", errors="surrogateescape"))


def parse_log(output: str) -> dict[str, FileDates]:
    """Parse `git log --name-status -z --format=<RS>%cI`, newest commit first."""
    changed: dict[str, datetime.datetime] = {}
    added: dict[str, datetime.datetime] = {}
    deleted: set[str] = set()
    for commit in output.split(_COMMIT_START)[1:]:
        date_text, _, files = commit.partition("\0")
        date = datetime.datetime.fromisoformat(date_text.strip())
        tokens = [token.strip() for token in files.split("\0")]
        for status, path in zip(tokens[0::2], tokens[1::2]):
            if path in added or path in deleted:
                continue  # an older life of a file whose current life is already dated, or gone
            if status == "D":
                deleted.add(path)  # its newest event is a deletion: not in the tree any more
                continue
            changed.setdefault(path, date)
            if status == "A":
                added[path] = date
    return {path: FileDates(added[path], changed[path], True) for path in added}


def timestamp(value: datetime.datetime) -> str:
    """RFC 3339 text for a date, as the exports and the feed write it: 2026-11-26T17:30:00+00:00."""
    return value.isoformat(timespec="seconds")


def _modification_dates(path: Path) -> FileDates:
    modified = datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.timezone.utc)
    return FileDates(modified, modified, False)
