"""The native file watcher `mkdocs serve` gets: a save rebuilds the site, and where native watching fails, MkDocs'
polling watcher stays."""

import threading
import time

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from generator.adapter import watcher


def serving(tmp_path, builds: list):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    server = LiveReloadServer(builder=lambda: builds.append(time.monotonic()), host="127.0.0.1", port=0,
                              root=str(tmp_path / "site"))
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "mkdocs.yml"))
    return server


def rebuilt_after_saving(server, path, builds: list) -> bool:
    threading.Thread(target=server.serve, daemon=True).start()
    try:
        time.sleep(0.5)
        path.write_text("changed\n")
        deadline = time.monotonic() + 10
        while not builds and time.monotonic() < deadline:
            time.sleep(0.05)
        return bool(builds)
    finally:
        server.shutdown()


def test_a_save_under_a_watched_folder_rebuilds_with_the_native_watcher(tmp_path):
    builds = []
    server = serving(tmp_path, builds)
    watcher.use_native_watcher(server)
    assert not isinstance(server.observer, PollingObserver)
    server.unwatch(str(tmp_path / "mkdocs.yml"))  # MkDocs can still drop a watch it made
    (tmp_path / "docs" / "deep").mkdir()
    assert rebuilt_after_saving(server, tmp_path / "docs" / "deep" / "entry.md", builds)


def test_an_editors_save_through_a_temporary_file_rebuilds_once_after_a_shorter_wait(tmp_path):
    """Native events come milliseconds apart, so MkDocs' 0.1 s wait for the last of a save's is cut; a save made
    as many editors make it (write a temporary file, then rename it over the entry) is still one rebuild."""
    import os

    builds = []
    server = serving(tmp_path, builds)
    watcher.use_native_watcher(server)
    assert server.build_delay == watcher.QUIET_SECONDS < 0.1
    entry = tmp_path / "docs" / "entry.md"
    entry.write_text("an entry\n")
    threading.Thread(target=server.serve, daemon=True).start()
    try:
        time.sleep(0.5)
        temporary = tmp_path / "docs" / ".entry.md.swp"
        temporary.write_text("an edited entry\n")
        os.replace(temporary, entry)
        time.sleep(1)
        assert len(builds) == 1
    finally:
        server.shutdown()


def test_reading_a_watched_file_does_not_rebuild(tmp_path):
    """A native observer also sees files opened and read, and every build reads every entry."""
    builds = []
    server = serving(tmp_path, builds)
    entry = tmp_path / "approaches" / "entry.md"
    entry.parent.mkdir()
    entry.write_text("an entry\n")
    watcher.use_native_watcher(server)
    server.watch(str(entry.parent))  # as MkDocs watches the `watch:` folders, after on_serve
    threading.Thread(target=server.serve, daemon=True).start()
    try:
        time.sleep(0.5)
        for _ in range(3):
            entry.read_text()
        time.sleep(1)
        assert builds == []
    finally:
        server.shutdown()


def test_polling_stays_where_native_watching_cannot_start(tmp_path, monkeypatch):
    def unavailable(observer):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watcher.ChangeObserver, "start", unavailable)
    builds = []
    server = serving(tmp_path, builds)
    watcher.use_native_watcher(server)
    assert isinstance(server.observer, PollingObserver) and server.build_delay == 0.1  # MkDocs' own
    assert rebuilt_after_saving(server, tmp_path / "docs" / "entry.md", builds)
