"""Web addresses in entries: always well-formed, and answering when we are asked to go online.

Pull requests run this on the entries they change (see .github/workflows/pull-request.yml), so a
contributor hears about their own broken links and is never blamed for a site elsewhere going down.
Offline, only the form of each address is checked; `online=True` also asks each server, in parallel.
Addresses come from the fields the content model types as web addresses and from the body's links.
"""

from __future__ import annotations

import re
import subprocess
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.content.load import Entry, kind_of, load_file
from generator.content.markup import LINK_TARGET_RE, REFERENCE_RE, prose
from generator.content.model import KINDS, ListOf, Record, Url
from generator.content.problems import Problem
from generator.content.validate import field_label

URL_AUTOLINK_RE = re.compile(r"<(https?://[^>\s]*)>")
HOST_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")
TIMEOUT_SECONDS = 20
PARALLEL_REQUESTS = 8
USER_AGENT = "art-of-change-making-knowledge-base link check"
# The server answered but turns away automated clients: the page exists as far as we can tell.
REFUSES_ROBOTS = {401, 403, 429}


@dataclass(frozen=True)
class Address:
    path: str
    line: int
    field: str
    url: str

    def problem(self, message: str) -> Problem:
        return Problem(self.path, self.line, self.field, message)


def changed_entries(root: Path, base: str) -> list[str]:
    """Entry files added or changed since the merge base with `base` (a commit, branch or tag)."""
    folders = [kind.folder for kind in KINDS]
    command = ["git", "-c", "core.quotepath=off", "diff", "--name-only", "--diff-filter=d", f"{base}...HEAD",
               "--", *folders]
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    except OSError as error:
        raise ValueError(f"git is needed to find changed entries ({error.strerror or error})") from None
    if result.returncode != 0:
        raise ValueError(f"git cannot compare with '{base}': {result.stderr.strip()}")
    return [name for name in result.stdout.splitlines() if kind_of(name) is not None and name.endswith(".md")]


def check_urls(root: Path, rel_paths: list[str], online: bool = False) -> list[Problem]:
    """Problems with the external addresses in the given entry files (paths relative to `root`)."""
    problems: list[Problem] = []
    addresses: list[Address] = []
    for rel_path in rel_paths:
        entry, load_problems = load_file(root, rel_path)
        problems += load_problems
        if entry is not None:
            addresses += entry_addresses(entry)
    well_formed = []
    for address in addresses:
        reason = malformed(address.url)
        if reason:
            problems.append(address.problem(f"'{address.url}' is not a usable web address: {reason}"))
        else:
            well_formed.append(address)
    if online and well_formed:
        unique = sorted({a.url for a in well_formed})
        with ThreadPoolExecutor(PARALLEL_REQUESTS) as pool:
            answers = dict(zip(unique, pool.map(probe, unique)))
        problems += [a.problem(f"{a.url} {answers[a.url]}") for a in well_formed if answers[a.url]]
    return sorted(set(problems))


def entry_addresses(entry: Entry) -> list[Address]:
    """Every external (http, https or scheme-relative) address in an entry, with its line."""
    found = [Address(entry.path, entry.line_of(*path), field_label(path), url)
             for path, url in _typed_urls(entry.kind.record, entry.fields, ())]
    prose_text = prose(entry.body)
    for pattern in (LINK_TARGET_RE, REFERENCE_RE, URL_AUTOLINK_RE):
        for match in pattern.finditer(prose_text):
            if _is_external(match.group(1)):
                line = entry.body_line + prose_text.count("\n", 0, match.start(1))
                found.append(Address(entry.path, line, "body", match.group(1)))
    return found


def _typed_urls(spec, value, path: tuple):
    """(path, value) of each string the content model declares a web address."""
    if isinstance(spec, Url) and isinstance(value, str):
        yield path, value
    elif isinstance(spec, Record) and isinstance(value, dict):
        for field in spec.fields:
            if field.name in value:
                yield from _typed_urls(field.type, value[field.name], path + (field.name,))
    elif isinstance(spec, ListOf) and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _typed_urls(spec.item, item, path + (index,))


def _is_external(target: str) -> bool:
    return bool(re.match(r"(?i)^(https?:|//)", target))


def malformed(url: str) -> str | None:
    """Why `url` is not a well-formed absolute http(s) address, or None."""
    if re.search(r"\s", url):
        return "it contains a space; encode spaces as %20"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return "it must start with https:// or http://"
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return "it has no site name after //"
    try:
        parts.port
    except ValueError:
        return "its port number is not valid"
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return f"'{host}' is not a valid site name"
    if not HOST_RE.match(ascii_host):
        return f"'{host}' is not a valid site name"
    return None


def probe(url: str) -> str | None:
    """Ask the server for `url`: None when it answers, else what went wrong, in a few words."""
    status = None
    for method in ("HEAD", "GET"):  # some servers refuse or mishandle HEAD; GET is the arbiter
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS):
                return None
        except urllib.error.HTTPError as error:
            status = error.code
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return f"did not answer ({reason})"
    if status in REFUSES_ROBOTS:
        return None
    if status in (404, 410):
        return f"is gone (HTTP {status}); find where the page moved, or an archived copy"
    return f"answered with an error (HTTP {status})"
