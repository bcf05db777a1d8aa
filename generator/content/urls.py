"""Where MkDocs writes and serves each generated file: the one rule every module that builds links uses.

Pages use directory URLs: `approaches/x.md` is written to `approaches/x/index.html` and served at
`approaches/x/`; an `index.md` is served at its folder, and the home page at '' (as the search index
writes it). Other files keep their path.
"""

from __future__ import annotations

import functools
import posixpath
import re

_ABSOLUTE_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/)")  # https:, mailto:, /path, //host


def relative_path(target: str, start: str) -> str:
    """`posixpath.relpath` for the normalised paths inside a site ('' is the root), without its file system calls.

    Rendering makes one for every link on every page, and relpath's two `abspath` calls were a fifth of render.
    """
    target_parts = [part for part in target.split("/") if part]
    start_parts = [part for part in start.split("/") if part and part != "."]
    common = 0
    for mine, theirs in zip(target_parts, start_parts):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + target_parts[common:]) or "."


def output_path(src_uri: str, directory_urls: bool = True) -> str:
    """Where MkDocs writes a page or file, relative to the site folder (its rule for `dest_uri`)."""
    if not src_uri.endswith(".md"):
        return src_uri
    folder, name = posixpath.split(src_uri[: -len(".md")])
    if name in ("index", "README"):
        return posixpath.join(folder, "index.html")
    return posixpath.join(folder, name, "index.html") if directory_urls else posixpath.join(folder, f"{name}.html")


@functools.lru_cache(maxsize=100_000)  # every link on every page asks; the answers never change
def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """A page's URL relative to the site root, as MkDocs and the search index write it ('' for the home page)."""
    path = output_path(src_uri, directory_urls)
    if directory_urls and posixpath.basename(path) == "index.html":
        return path[: -len("index.html")]
    return path


@functools.lru_cache(maxsize=200_000)  # list pages link every entry again on every serve rebuild
def url_href(from_uri: str, to_uri: str) -> str:
    """A relative URL from one page to another, for raw HTML, which MkDocs does not rewrite."""
    start, target = page_url(from_uri), page_url(to_uri)
    relative = relative_path(target, start.rstrip("/"))
    if relative == ".":
        return "./"
    return relative + "/" if target == "" or target.endswith("/") else relative


def rebase(target: str, from_path: str, to_path: str) -> str:
    """A relative link written in the file `from_path`, rewritten to mean the same from `to_path`.

    Works on source paths (`approaches/x.md`) and on output paths (`approaches/x/index.html`) alike.
    A link to an anchor on the same page (`#steps`) comes to point at that page; addresses with a
    scheme and absolute paths are left as they are.
    """
    if not target or _ABSOLUTE_RE.match(target):
        return target
    cut = min((i for i in (target.find("?"), target.find("#")) if i != -1), default=len(target))
    path, rest = target[:cut], target[cut:]
    from_dir = posixpath.dirname(from_path)
    if path:
        absolute = posixpath.normpath(posixpath.join(from_dir, path)) + ("/" if path.endswith("/") else "")
    elif posixpath.basename(from_path) == "index.html":  # a directory URL: link to the folder, as MkDocs does
        absolute = (from_dir or ".") + "/"
    else:
        absolute = from_path
    relative = relative_path(absolute, posixpath.dirname(to_path))
    if absolute.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative + rest
