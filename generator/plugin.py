"""The MkDocs plugin: a thin adapter that runs the core once per build and adds its pages.

- `on_config` runs the whole core. MkDocs cleans the old site only after `on_pre_build`, so a
  content problem aborts the build here and the last good site stays as it was.
- `on_files` adds every page as a virtual file (`File.generated`) whose "Edit this page" link
  opens the real source file; entry pages stay out of the navigation to keep builds linear.
- `on_config` also adds the content folders to `watch`, so `mkdocs serve` rebuilds (every page,
  so back-links stay right) when an entry changes.
- `on_post_build` proves nothing was lost (generator/completeness.py): every entry has its page,
  is in the search index and on its index page, and every link in the generated pages resolves.
- A clean `mkdocs build` writes into a staging folder next to `site_dir` and swaps it into place
  only if the whole build succeeded, so a failure after MkDocs has cleaned the site (a strict-mode
  warning, a rendering error, a completeness problem) also leaves the previous site as it was.
  MkDocs raises its strict-mode Abort after `on_post_build`, inside the same `try` that calls
  `on_build_error`; `on_shutdown` runs in a `finally` after the build, so that is where the
  staged site is swapped in (or thrown away). `mkdocs serve` builds into its own temporary
  folder and is not staged.
"""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
import tempfile
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .completeness import verify_site
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
        self.stage_builds = False  # set by on_startup: only a clean `mkdocs build` is staged
        self.staging: _Staging | None = None
        self.succeeded = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Stage clean `mkdocs build`s only: serve has its own temporary site, --dirty reuses the old one.

        Defining on_startup also keeps this object across `mkdocs serve` rebuilds, which is why
        on_config resets every per-build attribute.
        """
        self.stage_builds = command == "build" and not dirty

    def on_config(self, config):
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        self.pages = []  # plugins live across `mkdocs serve` rebuilds: never keep last build's pages
        self.staging, self.succeeded = None, False
        pages, problems = build_pages(self.root, config.site_url, config.repo_url)
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
        if self.stage_builds:
            self.staging = _Staging(Path(config.site_dir))
            config.site_dir = str(self.staging.folder)
            log.info(f"Building into {self.staging.folder}; it replaces {self.staging.site} only if the build "
                     "succeeds")
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

    @event_priority(-100)  # after every other plugin's on_post_build, so the search index is written
    def on_post_build(self, *, config) -> None:
        missing = verify_site(Path(config.site_dir), self.pages, config.use_directory_urls)
        if missing:
            for problem in missing:
                log.error(str(problem))
            raise PluginError(f"{len(missing)} thing(s) missing from the built site, listed above")
        self.succeeded = True

    def on_build_error(self, *, error: Exception) -> None:
        """Any failure, including the strict-mode Abort that MkDocs raises after on_post_build."""
        self.succeeded = False

    def on_shutdown(self) -> None:
        if self.staging is not None:
            self.staging.finish(self.succeeded)
            self.staging = None


class _Staging:
    """A folder next to the site where a build is written, then swapped in or thrown away.

    Being a sibling keeps it on the same file system, so the swap is two renames and readers of
    the site never see a half-written one.
    """

    def __init__(self, site: Path):
        self.site = site.resolve()
        self.site.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{self.site.name}.staging-", dir=self.site.parent))

    def finish(self, succeeded: bool) -> None:
        if not succeeded:
            shutil.rmtree(self.folder, ignore_errors=True)
            log.info(f"The build failed: {self.site} was left as it was")
            return
        if not self.site.exists():
            os.rename(self.folder, self.site)
            return
        old = self.site.with_name(f"{self.folder.name}.old")
        try:
            os.rename(self.site, old)
        except OSError:  # e.g. the site folder is a mount point: replace what is inside it instead
            self._replace_contents()
            return
        try:
            os.rename(self.folder, self.site)
        except OSError:
            os.rename(old, self.site)
            raise
        shutil.rmtree(old, ignore_errors=True)

    def _replace_contents(self) -> None:
        for child in self.site.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        for child in self.folder.iterdir():
            os.rename(child, self.site / child.name)
        self.folder.rmdir()


def _edit_uri(config, docs_dir: Path, source: Path) -> str | None:
    """The source file's path relative to docs_dir, which MkDocs joins onto `edit_uri`."""
    if not config.edit_uri:
        return None
    return posixpath.normpath(posixpath.relpath(source.as_posix(), docs_dir.as_posix()))
