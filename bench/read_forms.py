"""Reading and validating filled forms against the floor, in one run.

Floor: open the .docx zip and parse word/document.xml with lxml — the least any reader must do.
fpdocs: read (the package checks of readers/package.py, then read_docx) + identify + extract +
pydantic validation, as the pipeline does per file. Both are timed on each form in turn, so that
they see the same machine load; the ratio of the medians is the figure.

    .venv/bin/python bench/read_forms.py [--count 1000]

Prints a Markdown table; the last run is recorded in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
import tracemalloc
import zipfile
from datetime import date
from io import BytesIO

from lxml import etree

from fpdocs.extract import extract, identify
from fpdocs.forms import FORMS
from fpdocs.ooxml.ns import safe_parser
from fpdocs.publish import TEMPLATES
from fpdocs.readers import read
from fpdocs.render.docx import render_form

SPEC = FORMS["inntakssamtale"]


def filled_forms(count: int) -> list[bytes]:
    """Intake forms of invented families, each with its own case number."""
    template = TEMPLATES / "inntakssamtale.docx"
    base = render_form(template, SPEC, {})  # warm up docxtpl
    del base
    forms = []
    for i in range(min(count, 50)):
        values = {
            "saksnummer": f"2026/{1000 + i}",
            "dato": date(2026, 11, 2),
            "kontaktperson": "Kasper Konstruert",
            "familiepartnere": [{"navn": "Fiona Fiktiv-Partner"}],
            "foresatte": [{"navn": f"Forelder Fiktiv {i}", "rolle": "mor"}],
            "barn": [
                {"navn": f"Barn Fiktiv {i}-{n}", "fodselsdato": date(2016 + n, 1, 1 + n)}
                for n in range(3)
            ],
            "hjemmebesok": [
                {"dato": date(2026, 11, 3 + n), "klokkeslett": "10:00"} for n in range(3)
            ],
            "bakgrunn": "Oppdiktet bakgrunn.\nAndre linje.",
            "informert_om_tiltaket": True,
        }
        forms.append(render_form(template, SPEC, values))
    return [forms[i % len(forms)] for i in range(count)]


def floor(data: bytes) -> None:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        etree.fromstring(archive.read("word/document.xml"), safe_parser())


def fpdocs_read(data: bytes) -> None:
    content = read(data)
    spec = identify(content, FORMS)
    values = spec.model_input(extract(content, spec))
    spec.model.model_validate(values, context={"today": date(2026, 11, 28)})


def timed(fn, data: bytes) -> float:
    start = time.perf_counter()
    fn(data)
    return time.perf_counter() - start


def measure(forms: list[bytes]) -> tuple[list[float], list[float]]:
    """Floor and fpdocs on each form in turn (untraced: tracemalloc slows allocation)."""
    floor(forms[0]), fpdocs_read(forms[0])
    floor_times, ours = [], []
    for data in forms:
        floor_times.append(timed(floor, data))
        ours.append(timed(fpdocs_read, data))
    return floor_times, ours


def peak_memory(fn, forms: list[bytes]) -> int:
    tracemalloc.start()
    for data in forms[:50]:
        fn(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    count = parser.parse_args().count
    forms = filled_forms(count)
    floor_times, ours_times = measure(forms)
    floor_peak, ours_peak = peak_memory(floor, forms), peak_memory(fpdocs_read, forms)
    f_med, o_med = statistics.median(floor_times), statistics.median(ours_times)
    print(f"Machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, {count} filled intake forms "
          f"({len(forms[0]) // 1024} KiB each)\n")  # fmt: skip
    print("| reader | median per form | total | peak traced memory |")
    print("|---|---|---|---|")
    for name, times, peak in (
        ("floor: zip + lxml parse", floor_times, floor_peak),
        ("fpdocs: check + read + identify + extract + validate", ours_times, ours_peak),
    ):
        print(f"| {name} | {statistics.median(times) * 1000:.2f} ms | {sum(times):.2f} s "
              f"| {peak / 1024 / 1024:.1f} MiB |")  # fmt: skip
    print(f"\nfpdocs / floor (median): {o_med / f_med:.2f}x")


if __name__ == "__main__":
    main()
