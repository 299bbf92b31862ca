"""The folder watcher: takes each dropped file once it has stopped changing.

File-system events (watchdog; polling for network shares, where SMB/NFS send no events for
remote writes) only wake the loop up. The truth is a scan of the inbox: at start, after every
event, and every ``scan_interval_seconds``, so a missed event, a restart or an unmount loses
nothing. A file is taken when its size and modification time have not changed for
``stable_seconds``.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from fpdocs import files, overviews, privacy
from fpdocs.cases import load_case
from fpdocs.pipeline import Pipeline

log = logging.getLogger("fpdocs")
TICK = 0.25


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    since: float


class _Wake(FileSystemEventHandler):
    def __init__(self, wake: threading.Event):
        self.wake = wake

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.wake.set()


class Watcher:
    def __init__(
        self,
        pipeline: Pipeline,
        poll_seconds: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.pipeline = pipeline
        self.settings = pipeline.settings
        self.poll_seconds = poll_seconds
        self.clock = clock
        self.wake = threading.Event()
        self.stop = threading.Event()
        self.seen: dict[Path, _Seen] = {}
        self.last_scan = 0.0
        self.processed = 0
        self.overviews_on: date | None = None  # the day outbox/oversikt/ was last written
        self.housekept_on: date | None = None  # the day the archive's retention last ran
        self.started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        self.last_beat = 0.0
        self.scanned_at: str | None = None  # the last full scan that could read the inbox
        self.inbox_ok = True
        self.observer: BaseObserver | None = None
        self.watched: set[Path] = set()  # folders the observer has a watch on

    def run(self) -> None:
        inbox = self.settings.inbox
        inbox.mkdir(parents=True, exist_ok=True)
        observer = self.observer = self._observer()
        self._watch_folders()
        self._sweep()
        self._recover()
        log.info(
            "watching inbox=%s mode=%s stable_seconds=%g scan_interval=%g",
            inbox, "poll" if self.poll_seconds else "events",
            self.settings.stable_seconds, self.settings.scan_interval_seconds,
        )  # fmt: skip
        try:
            self.wake.set()
            while not self.stop.is_set():
                self.step()
                self.wake.wait(TICK)
        finally:
            if observer is not None:
                observer.stop()
                observer.join(timeout=5)
            log.info("stopped processed=%d", self.processed)

    def _observer(self) -> BaseObserver | None:
        observer = PollingObserver(timeout=self.poll_seconds) if self.poll_seconds else Observer()
        try:
            observer.start()
        except OSError as error:  # e.g. no inotify watches left: scans still find everything
            log.warning("file events unavailable (%s); relying on scans", type(error).__name__)
            return None
        return observer

    def _watch_folders(self) -> None:
        """Events from the inbox and each team folder, each watched on its own and not
        recursively: the work folder, where every claim makes and removes folders, and feil/
        make no events. A team folder made later is added at the next round."""
        if self.observer is None:
            return
        inbox = self.settings.inbox
        try:
            folders = [inbox] + [
                d for d in inbox.iterdir() if d.is_dir() and not d.name.startswith(".")
            ]
        except OSError:
            return
        for folder in folders:
            if folder in self.watched:
                continue
            try:
                self.observer.schedule(_Wake(self.wake), str(folder), recursive=False)
            except OSError as error:  # e.g. no inotify watches left: scans still find it
                log.warning("no file events for a folder (%s)", type(error).__name__)
                continue
            self.watched.add(folder)

    def step(self) -> None:
        """One round: rescan when woken or due, then take every file that has settled."""
        now = self.clock()
        self._daily_overviews()
        self._daily_retention()
        due = now - self.last_scan >= self.settings.scan_interval_seconds
        if due and self.last_scan:
            self._recover()  # claims of a watcher beside this one that was killed
        if self.wake.is_set() or due or self.seen:
            self.wake.clear()
            self._scan(now, full=due)
            if due:
                self.last_scan = now
                self._heartbeat()
        if not self.seen:  # the queue is empty: the overviews once for the whole batch
            self.pipeline.refresh_overviews()

    def _sweep(self) -> None:
        """Temp files a killed process left while writing (``files.atomic_write``)."""
        roots = [self.settings.outbox, self.settings.state_dir]
        try:
            removed = files.sweep_temp_files(roots + files.quarantine_folders(self.settings.inbox))
        except OSError as error:
            log.warning("temp files not swept (%s)", type(error).__name__)
            return
        if removed:
            log.info("removed temp files left by a stopped process count=%d", removed)

    def _recover(self) -> None:
        try:
            self.processed += len(self.pipeline.recover())
        except Exception as error:  # noqa: BLE001 - e.g. the share is gone: next round
            log.error("could not recover claims error=%s", privacy.describe_error(error))
        files.touch_worker(self.pipeline.worker)

    def _daily_retention(self) -> None:
        """With ``retention_days`` set: delete archived originals older than that, at start and
        on the first round of every new day."""
        today = self.pipeline.today()
        if self.housekept_on == today:
            return
        self.housekept_on = today
        days = self.settings.retention_days
        if not days:
            return
        try:
            deleted = files.expire_archive(self.settings.archive, days)
        except OSError as error:
            log.warning("retention not run (%s)", type(error).__name__)
            return
        log.info("retention deleted archived originals=%d older_than_days=%d", deleted, days)

    def _scan(self, now: float, full: bool = False) -> None:
        try:
            if not self.settings.inbox.is_dir():  # unmounted: the mount point is left, empty
                raise FileNotFoundError
            dropped = list(files.dropped_files(self.settings.inbox))
        except OSError as error:  # the share is gone for a moment: try again next round
            if self.inbox_ok:
                log.warning("inbox unavailable (%s)", type(error).__name__)
            self.inbox_ok = False
            return
        if not self.inbox_ok:
            log.info("inbox available again")
            if self.observer is not None:  # the old watches went with the old folders
                self.observer.unschedule_all()
                self.watched.clear()
        self.inbox_ok = True
        self._watch_folders()  # a team folder made since the last round
        if full:
            self.scanned_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        current = {d.path for d in dropped}
        for gone in set(self.seen) - current:
            del self.seen[gone]
        for item in dropped:
            try:
                stat = item.path.stat()
            except OSError:
                continue
            seen = self.seen.get(item.path)
            if seen is None or (seen.size, seen.mtime_ns) != (stat.st_size, stat.st_mtime_ns):
                self.seen[item.path] = _Seen(stat.st_size, stat.st_mtime_ns, now)
                continue
            if now - seen.since >= self.settings.stable_seconds:
                del self.seen[item.path]
                self._take(item)

    def _take(self, item: files.Dropped) -> None:
        try:
            claim = files.claim(item, self.pipeline.worker)
            if claim is None:
                return  # another watcher took it
            self.pipeline.process_claim(claim)
            self.processed += 1
        except Exception as error:  # noqa: BLE001 - the watcher never stops for one file
            log.error("could not process a file error=%s", privacy.describe_error(error))
        # The documents read and written for one file leave object cycles that hold C memory
        # (lxml trees); Python's collector reaches them late, so in a batch of a thousand
        # files the watcher would grow by megabytes per file. Collect them now (~60 ms).
        gc.collect()
        if self.clock() - self.last_beat >= self.settings.scan_interval_seconds:
            self._heartbeat()  # alive during a long batch too

    def _daily_overviews(self) -> None:
        """Statuses change with the date even when no form arrives: write outbox/oversikt/ at
        start and again on the first round of every new day."""
        today = self.pipeline.today()
        if self.overviews_on != today:
            self.overviews_on = today
            overviews.refresh_logged(self.pipeline.store, self.settings, today)
            for case in self.pipeline.store.cases():  # drafts fall due with the date too
                case_file = load_case(self.pipeline.store, case.saksnummer)
                if case_file is not None:
                    self.pipeline.refresh_drafts(case_file)

    def _heartbeat(self) -> None:
        """var/heartbeat.json, read by ``fpdocs status``: alive when, last full scan, queue."""
        self.last_beat = self.clock()
        beat = {
            "tid": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "pid": os.getpid(),
            "maskin": socket.gethostname(),
            "startet": self.started,
            "siste_skanning": self.scanned_at,
            "innboks_tilgjengelig": self.inbox_ok,
            "skanning_hvert_sekund": self.settings.scan_interval_seconds,
            "behandlet": self.processed,
            "i_kø": len(self.seen),
        }
        try:
            files.atomic_write(
                self.settings.heartbeat, json.dumps(beat, ensure_ascii=False).encode(),
                mode=files.PRIVATE_FILE, dir_mode=files.PRIVATE_DIR,
            )  # fmt: skip
        except OSError as error:
            log.warning("heartbeat not written (%s)", type(error).__name__)
