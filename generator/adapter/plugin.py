"""The MkDocs plugin: a thin adapter that runs the core once per build and adds its pages.

- `on_config` runs the whole core. MkDocs cleans the old site only after `on_pre_build`, so a
  content problem aborts the build here and the last good site stays as it was.
- `on_files` adds every page as a virtual file (`File.generated`) whose "Edit this page" link
  opens the real source file; entry pages stay out of the navigation to keep builds linear.
- `on_config` also adds the content folders to `watch`, so `mkdocs serve` rebuilds when an entry
  changes. Under `mkdocs serve --dirty` (what `bash .ci/serve` runs) only the pages whose generated
  Markdown changed are rebuilt: every page that shows the edited entry changes with it, so all of
  them are right, and the rest are left as they were (see `_DirtyServe`).
- Pages the generator writes whole keep their HTML lists away from Python-Markdown: `on_page_markdown`
  sets them aside and `on_page_content` puts them back (generator/render/rawblocks.py).
- Print packs show approaches that were converted once, on their own pages: `on_page_content`
  collects what each approach page shows and `on_post_page` fills the packs in (generator/adapter/packs.py).
- `on_post_page` drops the indentation the theme's templates leave in every page (generator/adapter/whitespace.py).
- MkDocs keeps every page until the whole site is written, so a generated page lets its Markdown go once
  converted and its HTML once rendered into the theme; a one-off build keeps no memo. (Peak memory at 5,000
  entries fell from 1.55 GB to 0.90 GB.)
- `on_serve` collects the first build's garbage and freezes what is left, so rebuilds do not walk it again; under
  --dirty, full collections wait for the pause after a rebuild (`_IdleCollector`). It also gives the server a
  native file watcher where one works (generator/adapter/watcher.py), so a save is seen at once, not polled for.
- `on_post_build` proves nothing was lost (generator/adapter/completeness.py): every entry has its page,
  is in the search index and on its index page, and every link in the generated pages resolves. Under
  `mkdocs serve` that proof runs just after the rebuild is served (`_CheckAfterServing`): it changes no page, and
  it had been a fifth of every rebuild at 2,000 entries.
- A clean `mkdocs build` writes into a staging folder next to `site_dir` and swaps it into place
  only if the whole build succeeded, so a failure after MkDocs has cleaned the site (a strict-mode
  warning, a rendering error, a completeness problem) also leaves the previous site as it was.
  MkDocs raises its strict-mode Abort after `on_post_build`, inside the same `try` that calls
  `on_build_error`; `on_shutdown` runs in a `finally` after the build, so that is where the
  staged site is swapped in (or thrown away). `mkdocs serve` builds into its own temporary
  folder and is not staged.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import os
import posixpath
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Callable

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.adapter import packs, whitespace
from generator.adapter.completeness import verify_site
from generator.adapter.watcher import use_native_watcher
from generator.content.load import kind_of
from generator.content.memo import Memo
from generator.content.model import APPROACH, KINDS
from generator.content.urls import output_path
from generator.pipeline import build_pages
from generator.render import rawblocks
from generator.render.entries import Page

log = logging.getLogger("mkdocs.plugins.knowledge-base")


class KnowledgeBaseConfig(Config):
    root = opt.Optional(opt.Type(str))
    """Folder holding approaches/, barriers/ and places/; defaults to the folder of mkdocs.yml."""


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.approach_uris: set[str] = set()
        self.pack_uris: set[str] = set()
        self.generated_uris: set[str] = set()  # the Markdown pages the core made, whose sources are let go once converted
        self.whole_uris: set[str] = set()  # pages with no contributed Markdown, whose raw blocks are set aside
        self.raw_blocks: dict[str, list[str]] = {}
        # kept across `mkdocs serve --dirty` rebuilds, where unchanged approach pages are not converted again
        self.copies: dict[str, packs.Converted] = {}
        # set by on_startup for `mkdocs serve`: unchanged files are not parsed, validated or rendered again in the next
        # rebuild. A one-off build has no next rebuild, and the memo's copies cost 200 MB at 5,000 entries.
        self.memo: Memo | None = None
        self.compiled_templates = _CompiledTemplates()
        self.root = Path(".")
        self.stage_builds = False  # set by on_startup: only a clean `mkdocs build` is staged
        self.dirty_serve: _DirtyServe | None = None  # set by on_startup for `mkdocs serve --dirty`
        self.idle_collector: _IdleCollector | None = None  # set by on_serve under --dirty
        self.check_after_serving: _CheckAfterServing | None = None  # set by on_startup for `mkdocs serve`
        self.staging: _Staging | None = None
        self.succeeded = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Stage clean `mkdocs build`s only: serve has its own temporary site, --dirty reuses the old one.

        Defining on_startup also keeps this object across `mkdocs serve` rebuilds, which is why
        on_config resets every per-build attribute.
        """
        self.stage_builds = command == "build" and not dirty
        if command == "serve":
            self.memo = Memo()
            self.check_after_serving = _CheckAfterServing()
        if command == "serve" and dirty:
            self.dirty_serve = _DirtyServe()

    def on_config(self, config):
        if self.check_after_serving:
            self.check_after_serving.wait()  # the last rebuild's check reads the site this one will write
        if self.idle_collector:
            self.idle_collector.rebuild_starts()
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        self.pages = []  # plugins live across `mkdocs serve` rebuilds: never keep last build's pages
        self.staging, self.succeeded = None, False
        pages, problems = build_pages(self.root, config.site_url, config.repo_url, memo=self.memo)
        if problems:
            for problem in problems:
                log.error(str(problem))
            raise PluginError(f"{len(problems)} content problem(s); the site was not built and the previous "
                              "build was left in place. Run `python -m generator check` for the same list.")
        self.pages = pages
        self.generated_uris = {page.src_uri for page in pages if page.src_uri.endswith(".md")}
        self.approach_uris = {page.src_uri for page in pages if page.source_path
                              and kind_of(page.source_path) is APPROACH}
        self.pack_uris = {page.src_uri for page in pages if page.is_pack}
        self.whole_uris = {page.src_uri for page in pages if page.source_path is None and page.src_uri.endswith(".md")}
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
        source_folder = _source_folder(config, Path(config.docs_dir).resolve(), self.root)
        for page in self.pages:
            if page.src_uri in files.src_uris:  # src_uris are POSIX paths, as page.src_uri is
                raise PluginError(f"docs/{page.src_uri} clashes with a generated page; remove or rename it")
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
            if page.source_path and source_folder is not None:
                file.edit_uri = posixpath.normpath(posixpath.join(source_folder, page.source_path))
            if self.dirty_serve:
                self.dirty_serve.mark(file, page.content)
            files.append(file)
        if self.dirty_serve:
            self.dirty_serve.keep_sitemap_if_same_pages(config, files)
        self.pages = [dataclasses.replace(page, content="") for page in self.pages]  # the files hold it now
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if page.file.src_uri not in self.whole_uris:
            return markdown
        markdown, self.raw_blocks[page.file.src_uri] = rawblocks.set_aside(markdown)
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        if page.file.src_uri in self.generated_uris:
            _release_source(page)
        if page.file.src_uri in self.whole_uris:
            return rawblocks.put_back(html, self.raw_blocks.pop(page.file.src_uri))
        if page.file.src_uri not in self.approach_uris:
            return html
        html, copy = packs.cut_copy(html)
        if copy is not None:
            self.copies[page.file.src_uri] = packs.Converted(page.file.src_uri, copy)
        return html

    def on_post_page(self, output: str, *, page, config) -> str:
        if page.file.src_uri in self.pack_uris:
            output, missing = packs.fill(output, page.file.src_uri, self.copies, config.use_directory_urls)
            if missing:
                raise PluginError(f"{page.file.src_uri}: no converted page for {', '.join(missing)}")
        if page.file.src_uri in self.generated_uris:
            page.content = None  # written next; like its source, nothing reads it again
        return whitespace.squeeze(output)

    def on_serve(self, server, *, config, builder):
        """After `mkdocs serve`'s first build: collect its garbage once, then exempt what is left from collection.

        What is left (the memo, the compiled templates, the content) lives as long as the server, and Python's
        full collections walked all of it during every rebuild: 0.4-0.9 s of each at 2,000 entries. A rebuild's
        own objects are still collected: under --dirty, in the pause after it (see _IdleCollector).

        It also swaps MkDocs' polling file watcher for a native one where that works (generator/adapter/watcher.py),
        so a rebuild starts 0.1 s after a save rather than up to 0.5 s later.
        """
        use_native_watcher(server)
        gc.collect()
        gc.freeze()
        if self.dirty_serve:
            self.idle_collector = _IdleCollector()
        return server

    def on_env(self, env, *, config, files):
        """Keep the theme's compiled templates across `mkdocs serve` rebuilds (each makes a new Jinja environment,
        and compiling Material's templates again took 0.2 s of every rebuild)."""
        env.bytecode_cache = self.compiled_templates
        return env

    @event_priority(-100)  # after every other plugin's on_post_build, so the site is whole
    def on_post_build(self, *, config) -> None:
        changed = None
        if self.dirty_serve:
            changed = self.dirty_serve.finish_site(Path(config.site_dir), config.use_directory_urls)
        pages, site_dir, directory_urls = self.pages, Path(config.site_dir), config.use_directory_urls

        def check() -> str | None:
            """Log each thing missing from the site; return the summary, or None if nothing is missing."""
            missing = verify_site(site_dir, pages, directory_urls, changed)
            for problem in missing:
                log.error(str(problem))
            return f"{len(missing)} thing(s) missing from the built site, listed above" if missing else None

        if self.idle_collector:
            self.idle_collector.rebuild_ended()
        if self.check_after_serving:
            self.check_after_serving.start(check)
            return
        failed = check()
        if failed:
            raise PluginError(failed)
        self.succeeded = True

    def on_build_error(self, *, error: Exception) -> None:
        """Any failure, including the strict-mode Abort that MkDocs raises after on_post_build."""
        self.succeeded = False
        if self.idle_collector:
            self.idle_collector.rebuild_ended()

    def on_shutdown(self) -> None:
        if self.check_after_serving:
            self.check_after_serving.wait()
        if self.staging is not None:
            self.staging.finish(self.succeeded)
            self.staging = None


class _DirtyServe:
    """Makes `mkdocs serve --dirty` right as well as fast, across rebuilds of one serve session.

    MkDocs' --dirty rebuilds only files that report themselves modified, but a generated file always
    does. Here a generated file reports "modified" only when its content differs from the last good
    build. Because each page's Markdown carries everything it shows (titles, summaries, back-links),
    an edit changes exactly the pages that show the edited entry, and only those are rebuilt.

    The search index is one generated file (generator/render/search.py), so it is rebuilt like any page: when
    an edit changes what it holds.
    """

    DIRTY_WARNING = "A 'dirty' build is being performed"

    def __init__(self) -> None:
        # src_uri -> its content in the last good build. The texts themselves, not digests: the memo hands an
        # unchanged page its very same text (`is`), and comparing a page made again with its old text is a memcmp,
        # where hashing each made-again page was two fifths of on_files at 2,000 entries.
        self.built: dict[str, str | bytes] = {}
        self.pending: dict[str, str | bytes] = {}
        self.changed: set[str] = set()
        self.sitemap_pages: set[str] = set()  # the pages sitemap.xml lists, as the last good build wrote it
        self.pending_sitemap: set[str] = set()
        # MkDocs warns that dirty builds may be inaccurate; that is what this class prevents, and under
        # `strict: true` the warning would fail every rebuild.
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: not record.getMessage().startswith(self.DIRTY_WARNING))

    def mark(self, file: File, content: str | bytes) -> None:
        self.pending[file.src_uri] = content
        before = self.built.get(file.src_uri)
        modified = before is not content and before != content
        if modified:
            self.changed.add(file.src_uri)
        file.is_modified = lambda: modified  # MkDocs' --dirty asks each file this

    def keep_sitemap_if_same_pages(self, config, files: Files) -> None:
        """Skip writing the sitemap again when no page was added or removed: it lists only the pages' URLs."""
        self.pending_sitemap = {file.src_uri for file in files.documentation_pages()}
        if self.pending_sitemap == self.sitemap_pages:
            config.theme.static_templates.difference_update({"sitemap.xml", "sitemap-pages.xml"})

    def finish_site(self, site_dir: Path, directory_urls: bool) -> set[str]:
        """Remove deleted entries' pages, and return the src_uris rebuilt."""
        gone = set(self.built) - set(self.pending)
        for src_uri in gone:
            stale = site_dir / output_path(src_uri, directory_urls)
            if stale.is_file():
                stale.unlink()
        changed, self.built, self.pending, self.changed = self.changed, self.pending, {}, set()
        self.sitemap_pages = self.pending_sitemap
        return changed


class _CheckAfterServing:
    """Under `mkdocs serve`, each rebuild's completeness check runs in a thread once the rebuild is served.

    The check only reads the site, and a rebuild is served as soon as MkDocs' build returns: running the check
    inside the build made every save wait for it (0.25 s of a `--dirty` rebuild at 2,000 entries, a fifth).
    Its problems are logged as errors, as before, a moment after "Documentation built". The next rebuild waits
    for it (`wait`) before writing, so a check never reads a half-written site.
    """

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None

    def start(self, check: Callable[[], str | None]) -> None:
        """Run `check` (which logs each problem and returns a summary if there were any) in a thread."""
        self.wait()

        def run() -> None:
            try:
                failed = check()
            except Exception as error:  # a thread's exception would print a traceback: say what happened instead
                failed = f"The completeness check could not finish: {error!r}"
            if failed:
                log.error(failed)

        self.thread = threading.Thread(target=run, name="completeness check", daemon=True)
        self.thread.start()

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None


class _IdleCollector:
    """Python's full garbage collections, moved out of `mkdocs serve --dirty` rebuilds into the pause after each.

    At 5,000 entries, a rebuild makes some 100,000 objects (MkDocs' files and pages among them), and the full
    collections they set off took up to a second of it. Automatic full collections are turned off; one runs a
    second after each rebuild, unless the next has started by then (it runs after that one instead). Young
    objects are still collected as usual, during rebuilds.
    """

    DELAY_SECONDS = 1.0

    def __init__(self) -> None:
        self.timer: threading.Timer | None = None
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, 2**31 - 1)

    def rebuild_starts(self) -> None:
        """The collection waiting for the pause after the last rebuild waits for the pause after this one."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def rebuild_ended(self) -> None:
        self.rebuild_starts()  # at most one collection waits
        self.timer = threading.Timer(self.DELAY_SECONDS, gc.collect)
        self.timer.daemon = True
        self.timer.start()


class _CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, in memory. Jinja checks each template's source against its checksum, so an
    edited override is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


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


def _release_source(page) -> None:
    """Let a generated page's Markdown go once it is converted: MkDocs keeps every page until the whole site is
    written, and the sources of 11,000 pages were a third of the peak memory at 5,000 entries. The theme shows
    `page.content`; the title comes from the front matter or the converted heading, and MkDocs gives no title
    at all to a page whose `markdown` is None, so it becomes empty rather than None."""
    page.markdown = ""
    page.file.content_string = ""


def _source_folder(config, docs_dir: Path, root: Path) -> str | None:
    """The content root relative to docs_dir: MkDocs joins an entry's path under it onto `edit_uri`, so that "Edit
    this page" opens the entry's file. None when the site has no edit links."""
    if not config.edit_uri:
        return None
    return posixpath.relpath(root.as_posix(), docs_dir.as_posix())
