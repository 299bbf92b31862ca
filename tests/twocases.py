"""Two invented cases in two teams, built only from forms dropped in the inbox.

* 2026/1234 in team-nord: the family from conftest (two parents, three children), intake Monday
  23.11.2026, familiepartner Fiona Fiktiv-Partner.
* 2026/5678 in team-sor: one parent and one child, intake Monday 02.11.2026, familiepartnere
  Frode Fantasi-Hjelper and Fiona Fiktiv-Partner, familieråd relevant; the child's start rating
  form is dropped too, so that item is done.
"""

from __future__ import annotations

import copy
import hashlib
from datetime import date
from pathlib import Path

from conftest import FAMILY, FAMILY_NAMES
from wordfill import WordDoc

from fpdocs.cli import main

SECOND = copy.deepcopy(FAMILY)
SECOND.update(
    {
        "saksnummer": "2026/5678",
        "dato": date(2026, 11, 2),
        "utfylt_av": "Frode Fantasi-Hjelper",
        "kontaktperson": "Kari Konstruert-Saksbehandler",
        "familiepartnere": [{"navn": "Frode Fantasi-Hjelper"}, {"navn": "Fiona Fiktiv-Partner"}],
        "foresatte": [{"navn": "Gunn Gjetning", "rolle": "mor", "telefon": "400 00 009"}],
        "barn": [
            {"navn": "Lars Gjetning", "fodselsdato": date(2019, 4, 10), "bor_hjemme": True,
             "barnehage_skole": "Eksempelby skole"},
        ],
        "samtykke_dato": date(2026, 11, 2),
        "hjemmebesok": [
            {"dato": date(2026, 11, 3), "klokkeslett": "10:00"},
            {"dato": date(2026, 11, 5), "klokkeslett": "12:00"},
            {"dato": date(2026, 11, 10), "klokkeslett": "09:00"},
        ],
        "familierad_aktuelt": "ja",
    }
)  # fmt: skip
SECOND_RATING = {
    "saksnummer": "2026/5678", "dato": date(2026, 11, 12), "tidspunkt": "oppstart",
    "navn": "Lars Gjetning", "rolle": "barn", "alder": "7",
    "vurderinger": [{"omrade": "Hjemme", "score": "6"}, {"omrade": "Venner", "score": "8"}],
}  # fmt: skip
SECOND_NAMES = ["Frode", "Fantasi-Hjelper", "Kari", "Konstruert-Saksbehandler", "Gunn", "Lars",
                "Gjetning"]  # fmt: skip
ALL_NAMES = FAMILY_NAMES + SECOND_NAMES
# the families and their caseworkers, not the familiepartnere (who may name a sheet)
CLIENT_NAMES = [n for n in ALL_NAMES if n not in ("Fiona", "Fiktiv-Partner", "Frode",
                                                   "Fantasi-Hjelper")]  # fmt: skip
PARTNERS = ["Fiona Fiktiv-Partner", "Frode Fantasi-Hjelper"]


DROPS = [
    ("team-nord/inntak-a.docx", "inntakssamtale", FAMILY),
    ("team-sor/inntak-b.docx", "inntakssamtale", SECOND),
    ("team-sor/rangering.docx", "rangeringsskjema", SECOND_RATING),
]


def drop_two_cases(root: Path, blank_forms: Path) -> dict[str, str]:
    """Fill the published forms as Word does, drop them into the team folders and run
    ``fpdocs process`` on them (``root`` is the working directory). Returns the content hash of
    each dropped file by its name in ``DROPS``."""
    hashes = {}
    for name, form, values in DROPS:
        data = WordDoc.open(blank_forms / f"{form}.docx").fill(values).bytes()
        (root / "inbox" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "inbox" / name).write_bytes(data)
        hashes[name] = hashlib.sha256(data).hexdigest()
    assert main(["process", *(f"inbox/{name}" for name, _, _ in DROPS)]) == 0
    return hashes
