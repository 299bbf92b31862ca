"""1,000 three-month report drafts for 250 cases: plain docxtpl against fpdocs, in one run.

    .venv/bin/python bench/reports.py [--cases 250]

1. One invented case is built from dropped forms (intake with four members, ratings at three
   time points, a meeting log, plans, minutes, an extension), then copied in the database to
   ``--cases`` case numbers: four evaluations each, so four drafts per case.
2. Every draft's context is gathered once (the same input for both renderers).
3. Plain docxtpl — ``DocxTemplate(path)``, ``render``, ``save`` per document (plus the same chart
   parts and control finishing, so the output is the same) — against fpdocs' CompiledTemplate.
   Per-document median and total time; peak traced memory over 50 documents each.
4. The cost of the charts beside the document's.
5. ``fpdocs.regenerate`` over all cases with 1 and with 2 worker processes (files written).

Prints Markdown; the last run is recorded in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
import zipfile
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import FAMILY  # noqa: E402
from excelfill import ExcelDoc  # noqa: E402
from samples import SAMPLES  # noqa: E402
from wordfill import WordDoc  # noqa: E402

from fpdocs.cases import load_case  # noqa: E402
from fpdocs.config import load_settings  # noqa: E402
from fpdocs.pipeline import Pipeline  # noqa: E402
from fpdocs.publish import TEMPLATE_ROOT, publish_blank_forms  # noqa: E402
from fpdocs.regenerate import regenerate, select_cases  # noqa: E402
from fpdocs.render.fastdocx import CompiledTemplate, charts_in, render_with_docxtpl  # noqa: E402
from fpdocs.reports import drafts_due, report_context, report_values  # noqa: E402

TODAY = date(2027, 11, 5)  # every draft of an extended case is due: 3, 6, 9 months and the end
TEMPLATE = TEMPLATE_ROOT / "docx" / "rapportmal.docx"


def build_base_case(root: Path) -> Pipeline:
    forms = root / "maler"
    publish_blank_forms(forms)
    settings = load_settings(inbox=root / "inbox", outbox=root / "outbox", state_dir=root / "var")
    pipeline = Pipeline(settings, today=lambda: date(2027, 6, 1))

    def drop(data: bytes, name: str) -> None:
        path = settings.inbox / "team-nord" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        assert pipeline.process_file(path).status == "processed", name

    family = copy.deepcopy(FAMILY)
    family["barn"] = family["barn"][:2]
    drop(WordDoc.open(forms / "inntakssamtale.docx").fill(family).bytes(), "inntak.docx")
    people = [
        ("Mona Oppdiktet", "forelder", ["Daglige rutiner", "Økonomi", "Bolig"]),
        ("Petter Oppdiktet", "forelder", ["Daglige rutiner", "Egen psykisk helse", "Fysisk helse"]),
        ("Tiril Oppdiktet", "barn", ["Hjemme", "Venner", "Skole eller barnehage", "Følelser"]),
        ("Sindre Oppdiktet", "barn", ["Hjemme", "Fritid", "Helse"]),
    ]
    points = [
        ("oppstart", date(2026, 11, 30)),
        ("3_mnd", date(2027, 2, 20)),
        ("6_mnd", date(2027, 5, 18)),
    ]
    for n, (name, role, areas) in enumerate(people):
        for k, (tp, on) in enumerate(points):
            scores = [{"omrade": a, "score": str(3 + (i + k + n) % 6)} for i, a in enumerate(areas)]
            values = {
                "saksnummer": "2026/1234",
                "dato": on,
                "tidspunkt": tp,
                "navn": name,
                "rolle": role,
                "vurderinger": scores,
            }
            form = WordDoc.open(forms / "rangeringsskjema.docx").fill(values)
            drop(form.bytes(), f"r{n}{k}.docx")
    log = ExcelDoc.open(forms / "moteskjema.xlsx").set("saksnummer", "2026/1234")
    places = ("hjemme", "kontor", "skole_barnehage")
    focus = ("veiledning", "praktisk_hjelp", "relasjonsbygging", "barnesamtale")
    rows = [
        {
            "dato": date(2026, 11, 24) + timedelta(days=m),
            "familiepartner": "Fiona Fiktiv-Partner",
            "sted": places[m % 3],
            "fokus": focus[m % 4],
            "varighet_timer": 1 + (m % 4) * 0.5,
            "km": 12,
        }
        for m in range(0, 120, 3)
    ]
    drop(log.rows("moter", rows).bytes(), "logg.xlsx")
    for name in ("arbeidsplan", "ansvarsgruppemote"):
        drop(WordDoc.open(forms / f"{name}.docx").fill(SAMPLES[name][0]).bytes(), f"{name}.docx")
    plan = ExcelDoc.open(forms / "tiltaksplan.xlsx").fill(SAMPLES["tiltaksplan"][0])
    drop(plan.bytes(), "tiltaksplan.xlsx")
    extension = {"saksnummer": "2026/1234", "dato": date(2027, 5, 21), "hendelse": "forlengelse"}
    drop(WordDoc.open(forms / "saksendring.docx").fill(extension).bytes(), "f.docx")
    return pipeline


def clone_cases(pipeline: Pipeline, count: int) -> None:
    """Copy the base case's documents to ``count - 1`` more case numbers, in the database."""
    with sqlite3.connect(pipeline.settings.database) as db:
        docs = db.execute("SELECT * FROM documents WHERE saksnummer = '2026/1234'").fetchall()
        opened_by = db.execute("SELECT opened_by FROM cases").fetchone()[0]
        for n in range(1, count):
            number = f"2026/{5000 + n}"
            for row in docs:
                sha = f"{n:06d}{row[0][6:]}"
                data = row[8].replace('"2026/1234"', f'"{number}"')
                copy_of = (sha, *row[1:3], number, *row[4:8], data)
                db.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", copy_of)
            db.execute("INSERT INTO cases VALUES (?, ?, ?, ?)",
                       (number, "team-nord", f"{n:06d}{opened_by[6:]}", "2027-06-01"))  # fmt: skip


def contexts(pipeline: Pipeline) -> list[dict]:
    found = []
    for case in pipeline.store.cases():
        case_file = load_case(pipeline.store, case.saksnummer)
        plan = case_file.plan(TODAY, pipeline.settings.kalender)
        for evaluation in drafts_due(case_file, plan, TODAY):
            found.append(report_context(*report_values(case_file, evaluation, plan, TODAY)))
    return found


def timed(render, items: list[dict]) -> tuple[list[float], int, list[bytes]]:
    times, documents = [], []
    for context in items:
        start = time.perf_counter()
        data = render(context)
        times.append(time.perf_counter() - start)
        documents.append(zipfile.ZipFile(BytesIO(data)).read("word/document.xml"))
    tracemalloc.start()
    for context in items[:50]:
        render(context)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return times, peak, documents


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=250)
    count = parser.parse_args().cases
    root = Path(tempfile.mkdtemp(prefix="fpdocs-bench-"))
    try:
        started = time.perf_counter()
        pipeline = build_base_case(root)
        clone_cases(pipeline, count)
        built = time.perf_counter() - started
        started = time.perf_counter()
        items = contexts(pipeline)
        gathered = time.perf_counter() - started
        compiled_at = time.perf_counter()
        template = CompiledTemplate(TEMPLATE)
        compile_time = time.perf_counter() - compiled_at
        fast, fast_peak, fast_docs = timed(template.render, items)
        plain, plain_peak, plain_docs = timed(lambda c: render_with_docxtpl(TEMPLATE, c), items)
        same = sum(a == b for a, b in zip(fast_docs, plain_docs, strict=True))
        charts = [c for item in items for c in charts_in(item)]
        started = time.perf_counter()
        for chart in charts:
            chart.__dict__.pop("xml", None)
            _ = chart.xml
        chart_time = time.perf_counter() - started
        distinct = len({c.digest for c in charts})

        batch = {}
        for workers in (1, 2):
            for old in pipeline.settings.outbox.rglob("rapportmal_*"):
                old.unlink()
            started = time.perf_counter()
            summary = regenerate(pipeline.settings, select_cases(pipeline.store), TODAY,
                                 template=TEMPLATE, workers=workers)  # fmt: skip
            batch[workers] = (time.perf_counter() - started, summary.drafts, len(summary.failed))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    p_med, f_med = statistics.median(plain), statistics.median(fast)
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, CPython "
          f"{platform.python_version()}; {count} cases, {len(items)} drafts "
          f"(built from dropped forms in {built:.1f} s, contexts gathered in "
          f"{gathered:.2f} s)\n")  # fmt: skip
    print("| renderer | median per draft | total | peak traced memory (50 drafts) |")
    print("|---|---|---|---|")
    print(f"| plain docxtpl (open, render, save per draft) | {p_med * 1000:.1f} ms | "
          f"{sum(plain):.1f} s | {plain_peak / 2**20:.1f} MiB |")  # fmt: skip
    print(f"| fpdocs CompiledTemplate (compiled once: {compile_time * 1000:.0f} ms) | "
          f"{f_med * 1000:.2f} ms | {sum(fast):.2f} s | {fast_peak / 2**20:.1f} MiB |")  # fmt: skip
    print(f"\nSpeed-up per draft (median): **{p_med / f_med:.1f}x**; "
          f"total: {sum(plain) / sum(fast):.1f}x. "
          f"Same document XML: {same} of {len(items)}.")  # fmt: skip
    print(f"Charts: {len(charts)} in the drafts, {distinct} distinct; building all their XML took "
          f"{chart_time * 1000:.1f} ms ({chart_time / len(charts) * 1e6:.0f} µs a chart), "
          f"{chart_time / sum(fast) * 100:.1f}% of fpdocs' render time.")  # fmt: skip
    one, two = batch[1], batch[2]
    print(f"\n`fpdocs.regenerate` (load case, plan, gather, render, write) over {count} cases: "
          f"1 worker {one[0]:.1f} s ({one[1]} drafts, {one[2]} failed); 2 workers {two[0]:.1f} s "
          f"({two[1]} drafts): parallel speed-up **{one[0] / two[0]:.2f}x**.")  # fmt: skip


if __name__ == "__main__":
    main()
