"""Fault injection, the long run: 200 forms streamed into a real ``fpdocs watch``, which is killed
(SIGKILL) at random moments at least 20 times and started again; then every invariant of issue 6
is checked (tests/faultrun.py: each file in the archive or feil/ exactly once, no temp files,
complete outputs that open, arrivals counted once) and ``fpdocs rebuild`` is compared with the
live database (same cases, documents and due items).

    .venv/bin/python bench/crash.py [--intakes 170] [--rejects 20] [--duplicates 10] [--kills 25]

The short version runs in the test suite (tests/test_crash.py). The last run is recorded in
bench/RESULTS.md. Every family is invented.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import faultrun  # noqa: E402

from fpdocs.config import load_settings  # noqa: E402
from fpdocs.publish import publish_blank_forms  # noqa: E402
from fpdocs.rebuild import rebuild  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--intakes", type=int, default=170)
    parser.add_argument("--rejects", type=int, default=20)
    parser.add_argument("--duplicates", type=int, default=10)
    parser.add_argument("--kills", type=int, default=25)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    args = parser.parse_args()
    base = Path(args.keep or tempfile.mkdtemp(prefix="fpdocs-crash-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        blank = base / "maler"
        publish_blank_forms(blank)
        drops = faultrun.corpus(blank, args.intakes, args.rejects, args.duplicates, args.seed)
        root = base / "kontor"
        root.mkdir()
        per_round = max(1, len(drops) // args.kills)
        result = faultrun.run(
            root, drops, kills=args.kills, seed=args.seed, per_round=per_round,
            kill_after=(0.3, 4.0), progress=lambda line: print(line, flush=True),
        )  # fmt: skip
        settings = load_settings(
            inbox=root / "inbox", outbox=root / "outbox", state_dir=root / "var"
        )
        live = faultrun.snapshot(settings, date.today())
        started = time.monotonic()
        rebuilt = rebuild(settings)
        rebuild_seconds = time.monotonic() - started
        same = faultrun.snapshot(settings, date.today()) == live
        log = (root / "var/logg/fpdocs.log").read_text(encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    recovered = sum(int(n) for n in re.findall(r"recovering unfinished claims=(\d+)", log))
    finished = log.count("finished after a stop")
    swept = sum(int(n) for n in re.findall(r"left by a stopped process count=(\d+)", log))
    print(f"\n| {len(drops)} forms ({args.intakes} intakes, {args.rejects} to reject, "
          f"{args.duplicates} copies), {result.kills} kills | |")  # fmt: skip
    print("|---|---|")
    print(f"| invariants | {'all hold' if not result.problems else '; '.join(result.problems)} |")
    print(f"| claims finished after a kill | {recovered} ({finished} of them recorded before the "
          f"kill, outputs written again) |")  # fmt: skip
    print(f"| temp files of killed writers swept at start | {swept} |")
    print(f"| cases | {len(live)} |")
    print(f"| rebuild from the archive | {dict(rebuilt.outcomes)} in {rebuild_seconds:.1f} s; "
          f"same cases, documents and due items: {'yes' if same else 'NO'} |")  # fmt: skip
    print(f"| wall time | {result.seconds:.0f} s |")
    sys.exit(0 if not result.problems and same else 1)


if __name__ == "__main__":
    main()
