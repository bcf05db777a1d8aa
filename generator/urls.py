"""Where MkDocs writes and serves each generated file: the one rule every module that builds links uses.

Pages use directory URLs: `approaches/x.md` is written to `approaches/x/index.html` and served at
`approaches/x/`; an `index.md` is served at its folder, and the home page at '' (as the search index
writes it). Other files keep their path.
"""

from __future__ import annotations

import posixpath


def output_path(src_uri: str, directory_urls: bool = True) -> str:
    """Where MkDocs writes a page or file, relative to the site folder (its rule for `dest_uri`)."""
    if not src_uri.endswith(".md"):
        return src_uri
    folder, name = posixpath.split(src_uri[: -len(".md")])
    if name in ("index", "README"):
        return posixpath.join(folder, "index.html")
    return posixpath.join(folder, name, "index.html") if directory_urls else posixpath.join(folder, f"{name}.html")


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """A page's URL relative to the site root, as MkDocs and the search index write it ('' for the home page)."""
    path = output_path(src_uri, directory_urls)
    if directory_urls and posixpath.basename(path) == "index.html":
        return path[: -len("index.html")]
    return path


def url_href(from_uri: str, to_uri: str) -> str:
    """A relative URL from one page to another, for raw HTML, which MkDocs does not rewrite."""
    start, target = page_url(from_uri), page_url(to_uri)
    relative = posixpath.relpath(target or ".", start.rstrip("/") or ".")
    if relative == ".":
        return "./"
    return relative + "/" if target == "" or target.endswith("/") else relative
