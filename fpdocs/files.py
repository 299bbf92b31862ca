"""Every place fpdocs touches the file system: the inbox, claims, the archive, quarantine and
atomic writes. Nothing else creates, moves or deletes files."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_TEAM = "felles"  # files dropped straight into inbox/, outside a team folder
QUARANTINE = "feil"
_TEMP_NAMES = re.compile(r"^(~\$|~WRL.*\.tmp$|\.~lock\..*#$|.*\.tmp$|.*\.part$|\.)", re.I)


def is_ignored(name: str) -> bool:
    """Office/LibreOffice lock and temp files, hidden files and our notes are never taken."""
    return bool(_TEMP_NAMES.match(name)) or name.endswith(".feil.txt")


def case_slug(case_number: str) -> str:
    """'2026/1234' -> '2026-1234': safe as a folder or file name on any system."""
    slug = re.sub(r"[^0-9A-Za-z._-]+", "-", case_number).strip("-.")
    return slug or "uten-saksnummer"


@dataclass(frozen=True)
class Dropped:
    path: Path
    team: str


def dropped_files(inbox: Path) -> Iterator[Dropped]:
    """Files waiting in inbox/<team>/ (and inbox/ itself), not in feil/ or hidden folders."""
    if not inbox.is_dir():
        return
    for entry in sorted(inbox.iterdir()):
        if entry.is_file() and not is_ignored(entry.name):
            yield Dropped(entry, DEFAULT_TEAM)
        elif entry.is_dir() and not entry.name.startswith("."):
            for file in sorted(entry.iterdir()):
                if file.is_file() and not is_ignored(file.name):
                    yield Dropped(file, entry.name)


@dataclass(frozen=True)
class Claim:
    """A file taken out of the inbox: work/<id>/<team>/<original name>."""

    path: Path

    @property
    def team(self) -> str:
        return self.path.parent.name

    @property
    def name(self) -> str:
        return self.path.name


def claim(dropped: Dropped, work_dir: Path) -> Claim | None:
    """Take a file by renaming it into the work folder; None when someone else was first."""
    target = work_dir / uuid.uuid4().hex / dropped.team / dropped.path.name
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(dropped.path, target)
    except FileNotFoundError:
        shutil.rmtree(target.parent.parent, ignore_errors=True)
        return None
    return Claim(target)


def claim_copy(source: Path, team: str, work_dir: Path) -> Claim:
    """Take a copy of a file outside the inbox (``fpdocs process``); the original stays."""
    target = work_dir / uuid.uuid4().hex / team / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return Claim(target)


def unfinished_claims(work_dir: Path) -> list[Claim]:
    """Claims left behind by a stop in the middle of processing."""
    if not work_dir.is_dir():
        return []
    return [Claim(p) for p in sorted(work_dir.glob("*/*/*")) if p.is_file()]


def release(claim: Claim) -> None:
    """The claim is done with: remove its work folder."""
    claim.path.unlink(missing_ok=True)
    shutil.rmtree(claim.path.parent.parent, ignore_errors=True)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary name beside the target, flush to disk, rename into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(temp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def archive(data: bytes, sha256: str, suffix: str, archive_dir: Path) -> Path:
    """Keep the original by its content hash (no names); the same content is stored once."""
    suffix = suffix.lower() if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix.lower()) else ".bin"
    target = archive_dir / sha256[:2] / f"{sha256}{suffix}"
    if not target.exists():
        atomic_write(target, data)
    return target


def _quarantine_folder(inbox: Path, team: str) -> Path:
    return (inbox if team == DEFAULT_TEAM else inbox / team) / QUARANTINE


def write_note(inbox: Path, team: str, name: str, note: str) -> Path:
    """A note in feil/ about a file that was used only in part (the file itself is archived)."""
    path = _quarantine_folder(inbox, team) / f"{name}.feil.txt"
    atomic_write(path, note.encode("utf-8"))
    return path


def quarantine(claim: Claim, inbox: Path, note: str) -> Path:
    """Move a file that cannot be used to inbox/<team>/feil/ with <name>.feil.txt beside it."""
    folder = _quarantine_folder(inbox, claim.team)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / claim.name
    counter = 2
    while target.exists():
        target = folder / f"{Path(claim.name).stem} ({counter}){Path(claim.name).suffix}"
        counter += 1
    atomic_write(target.with_name(target.name + ".feil.txt"), note.encode("utf-8"))
    os.replace(claim.path, target)
    release(claim)
    return target
