"""files.atomic_write: staff never open a half-written file, whatever stops the writer."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fpdocs import files


def test_written_whole_or_in_pieces(tmp_path: Path) -> None:
    target = tmp_path / "oversikt" / "frister.ics"
    files.atomic_write(target, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert target.read_bytes() == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    files.atomic_write(target, (b"%d\n" % n for n in range(10_000)))
    assert target.read_bytes().splitlines()[-1] == b"9999"
    assert [p.name for p in target.parent.iterdir()] == ["frister.ics"]


def test_a_writer_that_fails_halfway_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "frister.ics"
    target.write_bytes(b"the old overview")

    def pieces() -> Iterator[bytes]:
        yield b"the first half of a new one"
        raise ValueError("stopped halfway")

    with pytest.raises(ValueError, match="stopped halfway"):
        files.atomic_write(target, pieces())
    assert target.read_bytes() == b"the old overview"
    assert [p.name for p in tmp_path.iterdir()] == ["frister.ics"], "no temp file left"


def test_temp_files_of_a_killed_writer_are_swept(tmp_path: Path) -> None:
    """A writer killed between writing and renaming leaves its temp file; at start the watcher
    removes those of processes that no longer run, and leaves a live writer's alone."""
    folder = tmp_path / "outbox/team-nord/2026-1234"
    folder.mkdir(parents=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = folder / f".rangering.docx.fpdocs-{dead.pid}-0a1b2c3d.tmp"
    left.write_bytes(b"half a document")
    busy = folder / f".plan.docx.fpdocs-{os.getpid()}-4e5f6a7b.tmp"
    busy.write_bytes(b"being written now")
    staff = folder / "notat.tmp"  # not ours
    staff.write_bytes(b"a file of someone else's")
    assert files.sweep_temp_files([tmp_path / "outbox"]) == 1
    assert not left.exists() and busy.exists() and staff.exists()
