"""Every place fpdocs touches the file system: the inbox, claims, the archive, quarantine and
atomic writes. Nothing else creates, moves or deletes files."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import socket
import time
import unicodedata
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_TEAM = "felles"  # files dropped straight into inbox/, outside a team folder
QUARANTINE = "feil"
_TEMP_NAMES = re.compile(r"^(~\$|~WRL.*\.tmp$|\.~lock\..*#$|.*\.tmp$|.*\.part$|\.)", re.I)

# Who may read what. var/ (database, archive, log) and the work folder: the service user only.
# feil/ sits in the shared inbox: staff (the share's group) read and delete notes there, nobody
# else. Outputs in outbox/ keep the share's own permissions.
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600
STAFF_DIR, STAFF_FILE = 0o770, 0o660


def is_ignored(name: str) -> bool:
    """Office/LibreOffice lock and temp files, hidden files and our notes are never taken."""
    return bool(_TEMP_NAMES.match(name)) or name.endswith(".feil.txt")


MAX_NAME_CHARS = 120  # a kept name, so that "<name>.feil.txt" and temp names fit everywhere
_PATH_SIGNS = re.compile(r'[/\\:*?"<>|]')


def safe_name(name: str) -> str:
    """A file name that is safe in feil/ on any system: no control or invisible characters, no
    path signs or '..', no leading dots or trailing dots and spaces, at most 120 characters with
    the suffix kept. A name that is fine already comes back unchanged."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = "".join(
        "_" if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") or ch == "\ufffd" else ch
        for ch in text
    )
    text = re.sub(r"\.{2,}", ".", _PATH_SIGNS.sub("_", text)).strip(" .")
    suffix = Path(text).suffix if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", Path(text).suffix) else ""
    stem = text[: len(text) - len(suffix)]
    while stem and (len(stem) + len(suffix) > MAX_NAME_CHARS or len(stem.encode()) > 200):
        stem = stem[:-1]
    stem = stem.rstrip(" .")
    return f"{stem}{suffix}" if stem else f"fil{suffix}"


def make_dir(path: Path, mode: int) -> Path:
    """Create ``path`` (missing parents too, with the same mode) and give it ``mode`` whatever
    the umask says."""
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    path.mkdir(parents=True, exist_ok=True)
    for folder in (*missing, path):
        os.chmod(folder, mode)
    return path


def make_private(path: Path) -> Path:
    """A folder only the service user can open (var/ and its parts): made so if it exists."""
    if not path.is_dir():
        return make_dir(path, PRIVATE_DIR)
    if path.stat().st_mode & 0o777 != PRIVATE_DIR:
        os.chmod(path, PRIVATE_DIR)
    return path


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
    """A file taken out of the inbox: work/<worker>/<claim id>/<team>/<original name>."""

    path: Path

    @property
    def team(self) -> str:
        return self.path.parent.name

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def id(self) -> str:
        """Unique per taking of a file; the same when a stopped claim is finished later."""
        return self.path.parent.parent.name


# --- workers: which process owns which claims -------------------------------------------------
#
# Each process claims into its own folder, work/<host>_<pid>_<start time>/. A claim is finished
# by whoever finds its owner gone: on this machine, no process with that pid and start time
# (a reused pid does not count); on another machine, no sign of life for an hour. Finishing
# starts with renaming the claim into one's own folder, so when two processes recover at the
# same time, each claim goes to one of them.

WORKER_LEASE_SECONDS = 3600


def _started(pid: int) -> str | None:
    """The process's start time (clock ticks since boot), or None when there is no such
    process. Without /proc (not Linux): '0' for any live process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[19]
    except OSError:
        if Path("/proc/self/stat").exists():
            return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return "0"


def worker_dir(work_dir: Path) -> Path:
    """This process's claim folder (created, private)."""
    name = f"{socket.gethostname()}_{os.getpid()}_{_started(os.getpid()) or 0}"
    return make_dir(work_dir / name, PRIVATE_DIR)


def touch_worker(folder: Path) -> None:
    """A sign of life for processes on other machines that share the inbox."""
    with contextlib.suppress(OSError):
        os.utime(folder)


def _worker_alive(folder: Path) -> bool:
    parts = folder.name.rsplit("_", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return False  # a claim folder from before workers had their own (work/<id>/<team>/)
    host, pid, started = parts
    if host == socket.gethostname():
        return _started(int(pid)) == started
    try:
        return time.time() - folder.stat().st_mtime < WORKER_LEASE_SECONDS
    except OSError:
        return True


def claim(dropped: Dropped, worker: Path) -> Claim | None:
    """Take a file by renaming it into the worker's folder; None when someone else was first."""
    if not worker.is_dir():  # e.g. the share was mounted again, empty
        make_dir(worker, PRIVATE_DIR)
    target = worker / uuid.uuid4().hex / dropped.team / dropped.path.name
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(dropped.path, target)
    except FileNotFoundError:
        shutil.rmtree(target.parent.parent, ignore_errors=True)
        return None
    return Claim(target)


def claim_copy(source: Path, team: str, worker: Path) -> Claim:
    """Take a copy of a file outside the inbox (``fpdocs process``); the original stays."""
    target = worker / uuid.uuid4().hex / team / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return Claim(target)


def unfinished_claims(work_dir: Path, worker: Path) -> list[Claim]:
    """Claims left behind by processes that stopped in the middle (a crash, a kill, a power
    cut), moved into ``worker``'s folder to be finished. Empty leftovers are removed."""
    if not work_dir.is_dir():
        return []
    for owner in sorted(work_dir.iterdir()):
        if owner == worker or not owner.is_dir() or owner.name.startswith("."):
            continue
        if _is_claim_folder(owner):
            _adopt(owner, worker)  # work/<id>/<team>/<name>: before workers had folders
            continue
        if _worker_alive(owner):
            continue
        for folder in sorted(owner.iterdir()):
            _adopt(folder, worker)
        _prune(owner)
    found: list[Claim] = []
    if not worker.is_dir():  # e.g. the share is mounted again, empty: nothing of ours is left
        return found
    for folder in sorted(worker.iterdir()):
        files_in = [p for p in folder.glob("*/*") if p.is_file()]
        if not files_in:
            _prune(folder)  # taken, then stopped before the rename, or after the move to feil/
        found += [Claim(p) for p in files_in]
    return found


def _prune(folder: Path) -> None:
    """Remove ``folder`` and the folders below it that are empty; never a file."""
    for below, _, _ in sorted(os.walk(folder), key=lambda entry: -len(entry[0])):
        with contextlib.suppress(OSError):
            os.rmdir(below)


def claims_in_progress(work_dir: Path) -> int:
    """Files taken from the inbox and not finished yet, by any process (``fpdocs status``)."""
    if not work_dir.is_dir():
        return 0
    try:
        taken = list(work_dir.glob("*/*/*/*")) + list(work_dir.glob("*/*/*"))
        return sum(1 for path in taken if path.is_file())
    except OSError:
        return 0


def _is_claim_folder(folder: Path) -> bool:
    return bool(re.fullmatch(r"[0-9a-f]{32}", folder.name))


def _adopt(folder: Path, worker: Path) -> None:
    """Move a stopped process's claim into ``worker``; when another process was first, or
    anything else is in the way, it stays where it is (nothing is ever deleted here)."""
    if folder.is_dir() and not (worker / folder.name).exists():
        with contextlib.suppress(OSError):
            os.rename(folder, worker / folder.name)


def release(claim: Claim) -> None:
    """The claim is done with: remove its work folder."""
    claim.path.unlink(missing_ok=True)
    shutil.rmtree(claim.path.parent.parent, ignore_errors=True)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of_file(path: Path) -> str:
    """The hash of a file too large to be read into memory at once."""
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


_OUR_TEMP = re.compile(r"^\..*\.fpdocs-(\d+)-[0-9a-f]{8}\.tmp$")


def atomic_write(
    path: Path,
    data: bytes | Iterable[bytes],
    *,
    mode: int | None = None,
    dir_mode: int | None = None,
) -> None:
    """Write to a temporary name beside the target, flush to disk, rename into place. ``data``
    is the content or its pieces in order (a large file need not be held whole). With
    ``mode`` the file gets exactly that mode; with ``dir_mode`` missing folders get theirs."""
    if dir_mode is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.parent.is_dir():
        make_dir(path.parent, dir_mode)
    # the writer's pid in the name: a temp file left by a killed process is swept at start
    temp = path.with_name(f".{path.name[:60]}.fpdocs-{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else mode)
        with os.fdopen(fd, "wb") as out:
            if mode is not None:
                os.fchmod(out.fileno(), mode)
            if isinstance(data, bytes | bytearray | memoryview):
                out.write(data)
            else:
                out.writelines(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def sweep_temp_files(roots: Iterable[Path], max_age_seconds: float = 3600) -> int:
    """Remove temp files ``atomic_write`` left when its process was killed: those of a process
    that no longer runs, and any older than ``max_age_seconds``. Returns how many."""
    removed, now = 0, time.time()
    for root in roots:
        for folder, _, names in os.walk(root):
            for name in names:
                match = _OUR_TEMP.match(name)
                if not match:
                    continue
                path = Path(folder) / name
                try:
                    stale = now - path.stat().st_mtime > max_age_seconds
                    if stale or _started(int(match[1])) is None:
                        path.unlink()
                        removed += 1
                except OSError:
                    continue
    return removed


ARCHIVE_INFO = ".mottatt.json"  # beside each original: when it came and which team it came to


def archive(
    data: bytes, sha256: str, suffix: str, archive_dir: Path, team: str = DEFAULT_TEAM,
    received: str | None = None,
) -> Path:  # fmt: skip
    """Keep the original by its content hash (no names); the same content is stored once.
    Beside it, when and where it first arrived (no names either), so the database can be
    rebuilt from the archive alone. Folders and files are the service user's only."""
    target = archive_path(archive_dir, sha256, suffix)
    info = target.with_name(sha256 + ARCHIVE_INFO)
    if not info.exists():
        facts = {"mottatt": received or time.strftime("%Y-%m-%dT%H:%M:%S%z"), "team": team}
        atomic_write(info, json.dumps(facts).encode(), mode=PRIVATE_FILE, dir_mode=PRIVATE_DIR)
    if not target.exists():
        atomic_write(target, data, mode=PRIVATE_FILE, dir_mode=PRIVATE_DIR)
    return target


def archive_path(archive_dir: Path, sha256: str, suffix: str) -> Path:
    suffix = suffix.lower() if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix.lower()) else ".bin"
    return archive_dir / sha256[:2] / f"{sha256}{suffix}"


@dataclass(frozen=True)
class Archived:
    path: Path
    sha256: str
    received: str | None  # ISO time of the first arrival, None for originals kept before 0.2
    team: str | None


def archived(archive_dir: Path) -> list[Archived]:
    """Every original in the archive, in the order it first arrived (then by file time)."""
    found = []
    for path in archive_dir.glob("*/*") if archive_dir.is_dir() else []:
        if not path.is_file() or path.name.endswith(ARCHIVE_INFO) or path.name.startswith("."):
            continue
        sha = path.name.split(".", 1)[0]
        try:
            facts = json.loads(path.with_name(sha + ARCHIVE_INFO).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            facts = {}
        found.append((path.stat().st_mtime, Archived(path, sha, facts.get("mottatt"),
                                                      facts.get("team"))))  # fmt: skip
    found.sort(key=lambda item: (item[1].received or "", item[0], item[1].sha256))
    return [item for _, item in found]


def expire_archive(archive_dir: Path, days: int, now: float | None = None) -> int:
    """Delete originals archived more than ``days`` ago (and what is kept beside them).
    Returns how many originals were deleted."""
    cutoff = (time.time() if now is None else now) - days * 86400
    deleted = 0
    for item in archived(archive_dir):
        try:
            if item.path.stat().st_mtime >= cutoff:
                continue
            item.path.unlink()
        except OSError:
            continue
        item.path.with_name(item.sha256 + ARCHIVE_INFO).unlink(missing_ok=True)
        deleted += 1
    return deleted


def quarantine_folder(inbox: Path, team: str) -> Path:
    return (inbox if team == DEFAULT_TEAM else inbox / team) / QUARANTINE


def quarantine_folders(inbox: Path) -> list[Path]:
    """Every feil/ folder in the inbox."""
    if not inbox.is_dir():
        return []
    candidates = [inbox / QUARANTINE] + [d / QUARANTINE for d in inbox.iterdir() if d.is_dir()]
    return [folder for folder in candidates if folder.is_dir()]


def _staff_folder(inbox: Path, team: str) -> Path:
    folder = quarantine_folder(inbox, team)
    if not folder.is_dir():
        make_dir(folder, STAFF_DIR)
    elif folder.stat().st_mode & 0o007:  # made by someone else, readable by all: close it
        with contextlib.suppress(OSError):
            os.chmod(folder, folder.stat().st_mode & 0o770)
    return folder


def write_note(inbox: Path, team: str, name: str, note: str) -> Path:
    """A note in feil/ about a file that was used only in part (the file itself is archived)."""
    path = _staff_folder(inbox, team) / f"{safe_name(name)}.feil.txt"
    atomic_write(path, note.encode("utf-8"), mode=STAFF_FILE)
    return path


def quarantine(claim: Claim, inbox: Path, note: str) -> Path:
    """Move a file that cannot be used to inbox/<team>/feil/ with <name>.feil.txt beside it.
    The name is made safe (``safe_name``) and never leads out of feil/."""
    folder = _staff_folder(inbox, claim.team)
    name = safe_name(claim.name)
    stem, suffix = Path(name).stem, Path(name).suffix
    target = folder / name
    counter = 2
    while target.exists():
        target = folder / f"{stem} ({counter}){suffix}"
        counter += 1
    if target.parent != folder:  # cannot happen with a safe name; never write elsewhere
        raise ValueError("unsafe quarantine name")
    atomic_write(target.with_name(target.name + ".feil.txt"), note.encode("utf-8"), mode=STAFF_FILE)
    os.replace(claim.path, target)
    release(claim)
    return target
