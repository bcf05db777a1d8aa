"""The MkDocs plugin: a thin adapter that runs the core once per build and adds its pages.

- `on_config` runs the whole core. MkDocs cleans the old site only after `on_pre_build`, so a
  content problem aborts the build here and the last good site stays as it was.
- `on_files` adds every page as a virtual file (`File.generated`) whose "Edit this page" link
  opens the real source file; entry pages stay out of the navigation to keep builds linear.
- `on_config` also adds the content folders to `watch`, so `mkdocs serve` rebuilds (every page,
  so back-links stay right) when an entry changes.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .model import KINDS
from .pipeline import build_pages
from .render import Page

log = logging.getLogger("mkdocs.plugins.knowledge-base")


class KnowledgeBaseConfig(Config):
    root = opt.Optional(opt.Type(str))
    """Folder holding approaches/, barriers/ and places/; defaults to the folder of mkdocs.yml."""


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.root = Path(".")

    def on_config(self, config):
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        self.pages = []  # plugins live across `mkdocs serve` rebuilds: never keep last build's pages
        pages, problems = build_pages(self.root)
        if problems:
            for problem in problems:
                log.error(str(problem))
            raise PluginError(f"{len(problems)} content problem(s); the site was not built and the previous "
                              "build was left in place. Run `python -m generator check` for the same list.")
        self.pages = pages
        for kind in KINDS:
            folder = str(self.root / kind.folder)
            if folder not in config.watch:
                config.watch.append(folder)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        docs_dir = Path(config.docs_dir).resolve()
        for page in self.pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                raise PluginError(f"docs/{page.src_uri} clashes with a generated page; remove or rename it")
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
            if page.source_path:
                file.edit_uri = _edit_uri(config, docs_dir, self.root / page.source_path)
            files.append(file)
        return files


def _edit_uri(config, docs_dir: Path, source: Path) -> str | None:
    """The source file's path relative to docs_dir, which MkDocs joins onto `edit_uri`."""
    if not config.edit_uri:
        return None
    return posixpath.normpath(posixpath.relpath(source.as_posix(), docs_dir.as_posix()))
