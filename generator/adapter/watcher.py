"""An instant file watcher for `mkdocs serve`, where the operating system offers one.

MkDocs watches with watchdog's polling observer: every 0.5 s it walks and stats every watched file. A save
therefore waits 0.25 s on average (up to 0.5 s, and longer while a walk of thousands of entries competes with a
rebuild) before the rebuild starts, and the walks burn CPU all the time the server runs. Polling is MkDocs'
choice because native notification is unreliable on some file systems (network drives, some containers and VMs).

`use_native_watcher` moves the server's watches to watchdog's native observer (inotify on Linux, FSEvents on
macOS, ReadDirectoryChangesW on Windows) only after proving that it can start on the folders watched so far
(docs, config, theme; the content folders are watched after `on_serve`, and are only three more); if it cannot,
MkDocs' polling observer stays. MkDocs and watchdog give no option for this, so it reaches into the
server's observer: `mkdocs serve` calls `on_serve` after watching the docs, config and theme, and starts the
observer after it, so the swap happens before anything is watched for real.

With native events, MkDocs' wait for a save's last event (`build_delay`, 0.1 s of quiet before a rebuild) is
cut to QUIET_SECONDS: an editor's save reaches the observer as events a few milliseconds apart. Polling finds a
save's changes all in one walk, so it never needed the wait either; it keeps MkDocs' value all the same.
"""

from __future__ import annotations

import logging

from watchdog.events import (
    FileAttribEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.knowledge-base")
# What the polling observer reports, and so what MkDocs rebuilds for. A native observer also reports files being
# opened and closed, and every build opens every entry: passing those on would rebuild the site forever.
QUIET_SECONDS = 0.03
CHANGES = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileAttribEvent]


class ChangeObserver(Observer):
    """The platform's native observer, passing on only the events in CHANGES, also for watches added later
    (`mkdocs serve` watches the `watch:` folders after `on_serve`)."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,
                                follow_symlink=follow_symlink)


def _native_observer_starts(paths: list[str]) -> bool:
    """Whether a native observer can watch every one of `paths` (inotify, say, may be out of watches)."""
    probe = ChangeObserver()
    try:
        for path in paths:
            probe.schedule(FileSystemEventHandler(), path, recursive=True)  # ignores what it sees
        probe.start()
        return True
    except OSError as error:
        log.debug(f"Native file watching is unavailable ({error}); MkDocs' polling watcher stays")
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()


def use_native_watcher(server) -> None:
    """Move `server`'s watches from MkDocs' polling observer to a native one, if one can watch them all."""
    polling = server.observer
    if not isinstance(polling, PollingObserver) or Observer is PollingObserver or polling.is_alive():
        return
    watches = server._watch_refs  # the path MkDocs was asked to watch -> the observer's watch of it
    if not _native_observer_starts([watch.path for watch in watches.values()]):
        return
    native = ChangeObserver()

    def moved(watch):
        (handler,) = polling._handlers[watch]  # MkDocs gives each watched path its one handler
        return native.schedule(handler, watch.path, recursive=watch.is_recursive)

    server._watch_refs = {path: moved(watch) for path, watch in watches.items()}
    server.observer = native
    server.build_delay = min(server.build_delay, QUIET_SECONDS)
