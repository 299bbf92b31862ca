"""Load: 1,000 forms dropped at once into one inbox watched by two ``fpdocs watch`` processes.

    .venv/bin/python bench/load.py [--forms 1000] [--watchers 2] [--drops 20] [--keep DIR]

Checks that each form is processed exactly once (the database's arrivals and documents, the
archive, feil/ and each case's outputs), and prints the throughput, each watcher's peak
resident memory (VmHWM from /proc), and the latency of a single drop: from the moment the file
is complete in the inbox to the moment the watcher logs it processed with all its outputs
written (median of ``--drops`` drops into an idle watcher, minus the stability window). The
last run is recorded in bench/RESULTS.md. Every family is invented.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from conftest import FAMILY  # noqa: E402
from wordfill import WordDoc  # noqa: E402

from fpdocs import files  # noqa: E402
from fpdocs.publish import publish_blank_forms  # noqa: E402

STABLE_SECONDS = 1.0


def intake_forms(blank: Path, count: int, first: int = 0) -> list[bytes]:
    """``count`` filled intake forms, each its own case (2026/10000, 2026/10001, ...)."""
    template = WordDoc.open(blank / "inntakssamtale.docx").bytes()
    made = []
    for i in range(first, first + count):
        values = copy.deepcopy(FAMILY)
        values["saksnummer"] = f"2026/{10000 + i}"
        made.append(WordDoc(template).fill(values).bytes())
    return made


class Watcher:
    def __init__(self, root: Path, number: int, *args: str):
        env = {k: v for k, v in os.environ.items() if not k.startswith("FPDOCS_")}
        env.update(
            FPDOCS_CONFIG=str(root / "ingen-fpdocs.toml"),
            FPDOCS_STABLE_SECONDS=str(STABLE_SECONDS),
            FPDOCS_SCAN_INTERVAL_SECONDS="10",
        )
        self.console = root / f"watcher-{number}.log"
        self.out = open(self.console, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "fpdocs", "watch", *args], cwd=root, env=env,
            stdout=subprocess.DEVNULL, stderr=self.out,
        )  # fmt: skip

    def log(self) -> str:
        return self.console.read_text(encoding="utf-8", errors="replace")

    def memory_mb(self, key: str) -> float:
        """VmHWM: the peak resident set so far; VmRSS: now."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=300)
        finally:
            self.out.close()


def wait_until(condition, timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def arrivals(root: Path) -> list[tuple[str, str]]:
    database = root / "var/fpdocs.sqlite3"
    if not database.exists():
        return []
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as db:
            return db.execute("SELECT sha256, outcome FROM arrivals").fetchall()
    except sqlite3.Error:
        return []


def drop_all(root: Path, forms: list[bytes], team: str = "team-nord") -> None:
    """Every form written beside the inbox, then renamed in: all there within a moment."""
    staging, inbox = root / "utenfor", root / "inbox" / team
    staging.mkdir(exist_ok=True)
    inbox.mkdir(parents=True, exist_ok=True)
    for i, data in enumerate(forms):
        (staging / f"inntak {i}.docx").write_bytes(data)
    for i in range(len(forms)):
        os.rename(staging / f"inntak {i}.docx", inbox / f"inntak {i}.docx")


def load(root: Path, forms: list[bytes], watchers: int) -> dict:
    running = [Watcher(root, n) for n in range(watchers)]
    wait_until(lambda: all("watching" in w.log() for w in running), 60)
    start = time.monotonic()
    drop_all(root, forms)
    # the resident set while the queue is long (no overview refresh runs until it is empty)
    processing = [0.0] * watchers

    def sample() -> bool:
        done = len(arrivals(root))
        if done < len(forms) - 2 * watchers:
            for i, watcher in enumerate(running):
                processing[i] = max(processing[i], watcher.memory_mb("VmRSS"))
        return done >= len(forms)

    done = wait_until(sample, 60 + 5 * len(forms), 1.0)
    seconds = time.monotonic() - start
    wait_until(lambda: all(w.log().count("overviews written") >= 2 for w in running), 600, 1.0)
    refreshed = time.monotonic() - start
    peaks = [w.memory_mb("VmHWM") for w in running]
    codes = [w.stop() for w in running]
    per_watcher = [w.log().count("processed sha256=") for w in running]
    return {"done": done, "seconds": seconds, "peaks": peaks, "codes": codes,
            "per_watcher": per_watcher, "processing": processing,
            "refreshed": refreshed}  # fmt: skip


def check_once(root: Path, forms: list[bytes]) -> list[str]:
    """Exactly once: one arrival, one document, one archived original and one set of outputs
    per form; nothing rejected, nothing left behind."""
    problems = []
    expected = {hashlib.sha256(f).hexdigest() for f in forms}
    got = arrivals(root)
    outcomes = Counter(outcome for _, outcome in got)
    if outcomes != {"processed": len(forms)}:
        problems.append(f"arrivals {dict(outcomes)}")
    if {sha for sha, _ in got} != expected:
        problems.append("the arrivals are not the forms dropped")
    with sqlite3.connect(root / "var/fpdocs.sqlite3") as db:
        documents = db.execute("SELECT COUNT(*), COUNT(DISTINCT sha256) FROM documents").fetchone()
    if documents != (len(forms), len(forms)):
        problems.append(f"documents {documents}")
    archived = [a.sha256 for a in files.archived(root / "var/arkiv")]
    if sorted(archived) != sorted(expected):
        problems.append(f"{len(archived)} originals archived")
    if any((root / "inbox").rglob("*.docx")):
        problems.append("files left in the inbox, the work folder or feil/")
    cases = list((root / "outbox/team-nord").iterdir())
    if len(cases) != len(forms):
        problems.append(f"{len(cases)} case folders")
    for case in cases:
        if len(list(case.glob("inntakssamtale_*.json"))) != 1:
            problems.append(f"{case.name}: not one JSON")
    return problems


def latency(root: Path, forms: list[bytes]) -> list[float]:
    """Seconds from a complete file in the inbox to its 'processed' line (all outputs written),
    one drop at a time into an idle watcher."""
    watcher = Watcher(root, 99)
    wait_until(lambda: "watching" in watcher.log(), 60)
    inbox = root / "inbox/team-nord"
    inbox.mkdir(parents=True, exist_ok=True)
    times = []
    try:
        for i, data in enumerate(forms):
            wait_until(lambda i=i: watcher.log().count("overviews written") > i, 120, 0.05)
            time.sleep(0.5)
            sha = hashlib.sha256(data).hexdigest()[:12]
            staging = root / f"enkelt {i}.docx"
            staging.write_bytes(data)
            os.rename(staging, inbox / f"enkelt {i}.docx")  # complete from this moment
            written = time.monotonic()
            wait_until(lambda sha=sha: f"processed sha256={sha}" in watcher.log(), 120, 0.01)
            times.append(time.monotonic() - written)
    finally:
        watcher.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forms", type=int, default=1000)
    parser.add_argument("--watchers", type=int, default=2)
    parser.add_argument("--drops", type=int, default=20)
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    args = parser.parse_args()
    root = Path(args.keep or tempfile.mkdtemp(prefix="fpdocs-load-"))
    root.mkdir(parents=True, exist_ok=True)
    blank = root / "maler"
    publish_blank_forms(blank)
    started = time.monotonic()
    forms = intake_forms(blank, args.forms)
    singles = intake_forms(blank, args.drops, first=args.forms)
    print(f"built {len(forms) + len(singles)} forms in {time.monotonic() - started:.0f} s")
    try:
        batch = root / "last"
        batch.mkdir()
        result = load(batch, forms, args.watchers)
        problems = check_once(batch, forms) if result["done"] else ["not all processed"]
        quiet = root / "enkelt"
        quiet.mkdir()
        times = latency(quiet, singles)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    median = statistics.median(times)
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.python_implementation()} {platform.python_version()}\n")  # fmt: skip
    print(f"| {args.forms} intake forms dropped at once, {args.watchers} watchers | |")
    print("|---|---|")
    print(f"| processed exactly once | {'yes' if not problems else '; '.join(problems)} |")
    print(f"| per watcher | {', '.join(str(n) for n in result['per_watcher'])} |")
    print(f"| time to process all | {result['seconds']:.0f} s |")
    print(f"| throughput | {args.forms / result['seconds']:.2f} forms/s |")
    print("| largest RSS per watcher while processing | "
          f"{', '.join(f'{p:.0f} MB' for p in result['processing'])} |")  # fmt: skip
    print(f"| peak RSS per watcher (VmHWM), the overview refresh at the end included | "
          f"{', '.join(f'{p:.0f} MB' for p in result['peaks'])} |")  # fmt: skip
    print(f"| until outbox/oversikt/ is written for all cases | {result['refreshed']:.0f} s |")
    print(f"| exit codes | {', '.join(str(c) for c in result['codes'])} |")
    print(f"\nSingle drop into an idle watcher ({args.drops} drops): median "
          f"{median:.2f} s from a complete file to all outputs written = stability window "
          f"{STABLE_SECONDS:g} s + {median - STABLE_SECONDS:.2f} s "
          f"(min {min(times):.2f} s, max {max(times):.2f} s)")  # fmt: skip
    sys.exit(1 if problems or max(result["peaks"]) > 200 else 0)


if __name__ == "__main__":
    main()
