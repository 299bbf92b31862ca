"""files.atomic_write: staff never open a half-written file, whatever stops the writer."""

from __future__ import annotations

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
