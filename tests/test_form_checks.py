"""Issue 3, acceptance 2: for every form, bad content is rejected with a Norwegian note that
names the field (by its label), what was found and what is expected."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest
from conftest import changed, drop, rejected
from excelfill import ExcelDoc
from samples import SAMPLES
from wordfill import WordDoc

from fpdocs.pipeline import Pipeline


def _values(name: str, **changes) -> dict:
    return changed(SAMPLES[name][0], **changes)


def _rows(name: str, group: str, index: int, **changes) -> list[dict]:
    rows = copy.deepcopy(SAMPLES[name][0][group])
    for key, value in changes.items():
        if value is None:
            rows[index].pop(key, None)
        else:
            rows[index][key] = value
    return rows


# (form, container, values, field label in the note, part of what is expected)
BAD = [
    ("rangeringsskjema", "docx",
     _values("rangeringsskjema",
             vurderinger=_rows("rangeringsskjema", "vurderinger", 0, score="11")),
     "Vurderinger, rad 1: Score (1–10)", "et helt tall fra 1 til 10"),
    ("rangeringsskjema", "docx",
     _values("rangeringsskjema",
             vurderinger=_rows("rangeringsskjema", "vurderinger", 1, omrade="Matlaging")),
     "Vurderinger, rad 2: Område", "et av områdene i listen: Daglige rutiner"),
    ("rangeringsskjema", "docx", _values("rangeringsskjema", tidspunkt="om et år"),
     "Tidspunkt", "ett av valgene: Oppstart, 3 måneder"),
    ("kartlegging_tjenester", "docx",
     _values("kartlegging_tjenester",
             tjenester=_rows("kartlegging_tjenester", "tjenester", 0, tjeneste="Tannlege")),
     "Tjenester rundt barnet, rad 1: Tjeneste", "ett av valgene: Skole, Barnehage"),
    ("kartlegging_tjenester", "docx", _values("kartlegging_tjenester", barnets_navn=None),
     "Barnets navn", "at feltet fylles ut"),
    ("kartlegging_tjenester", "docx", _values("kartlegging_tjenester", alder="ti"),
     "Alder", "en alder i hele år"),
    ("arbeidsplan", "docx", _values("arbeidsplan", periode_til=date(2026, 11, 1)),
     "Periode til", "en dato etter «Periode fra» (23.11.2026)"),
    ("arbeidsplan", "docx",
     _values("arbeidsplan", mal=_rows("arbeidsplan", "mal", 0, status="ferdig")),
     "Mål og oppgaver, rad 1: Status", "ett av valgene: Ikke startet, Pågår"),
    ("arbeidsplan", "docx",
     _values("arbeidsplan", mal=_rows("arbeidsplan", "mal", 1, frist="snart")),
     "Mål og oppgaver, rad 2: Frist", "en dato, for eksempel 05.12.2026"),
    *[
        (
            "tiltaksplan", container, values, felt, expected
        )
        for container in ("docx", "xlsx")
        for values, felt, expected in [
            (_values("tiltaksplan",
                     evaluering=_rows("tiltaksplan", "evaluering", 0, konklusjon="slutt")),
             "Hovedmål, rad 1: Delmål, rad 1: Konklusjon", "ett av valgene: Avsluttes"),
            (_values("tiltaksplan",
                     evaluering=_rows("tiltaksplan", "evaluering", 1, delmal="Lekser hver dag")),
             "Evaluering av delmål", "ukjent: 2: Lekser hver dag"),
            (_values("tiltaksplan",
                     evaluering=_rows("tiltaksplan", "evaluering", 0, malet_nadd="kanskje")),
             "Hovedmål, rad 1: Delmål, rad 1: Målet er nådd", "ett av valgene: Ja, Delvis, Nei"),
            (_values("tiltaksplan", tiltaksplan_for=None),
             "Tiltaksplan for (barnets navn)", "at feltet fylles ut"),
        ]
    ],
    ("rapportmal", "docx", _values("rapportmal", tidspunkt="3_mnd"),
     "Anbefaling", "forlengelse av arbeidsfasen kan bare anbefales i rapporten til evalueringen "
     "etter 6 måneder"),
    ("rapportmal", "docx", _values("rapportmal", gjennomgatt_med_familien=date(2027, 5, 24)),
     "Gjennomgått med familien (dato)", "en dato før eller på evalueringsmøtet (21.05.2027)"),
    ("rapportmal", "docx", _values("rapportmal", anbefaling=None),
     "Anbefaling", "at feltet fylles ut"),
    ("ansvarsgruppemote", "docx",
     _values("ansvarsgruppemote",
             oppgaver=_rows("ansvarsgruppemote", "oppgaver", 1, ansvarlig=None)),
     "Oppgaver, rad 2: Ansvarlig", "at feltet fylles ut"),
    ("ansvarsgruppemote", "docx", _values("ansvarsgruppemote", neste_mote=date(2026, 12, 1)),
     "Neste møte", "en dato etter dette møtet (08.12.2026)"),
    ("ansvarsgruppemote", "docx",
     _values("ansvarsgruppemote",
             deltakere=_rows("ansvarsgruppemote", "deltakere", 0, instans_rolle=None)),
     "Deltakere, rad 1: Instans / rolle", "at feltet fylles ut"),
    ("saksendring", "docx", _values("saksendring", hendelse="flytting"),
     "Hendelse", "ett av valgene: Plassering – akutt"),
    ("saksendring", "docx", _values("saksendring", dato=None),
     "Dato for hendelsen", "at feltet fylles ut"),
    ("saksendring", "docx", _values("saksendring", saksnummer="2026/4444"),
     "Saksnummer", "inntakssamtalen for saken må leses inn først"),
    ("moteskjema", "xlsx", _values("moteskjema", saksnummer=None),
     "Saksnummer", "at feltet fylles ut"),
]  # fmt: skip


def _fill(blank_forms: Path, name: str, container: str, values: dict) -> bytes:
    path = blank_forms / f"{name}.{container}"
    if container == "xlsx":
        return ExcelDoc.open(path).fill(values).bytes()
    return WordDoc.open(path).fill(values).bytes()


@pytest.mark.parametrize(
    ("name", "container", "values", "felt", "expected"),
    BAD,
    ids=[f"{b[0]}-{b[1]}-{b[3]}" for b in BAD],
)
def test_bad_content_is_rejected_with_a_note_naming_the_field(
    case: Pipeline, blank_forms: Path, name, container, values, felt, expected
) -> None:
    note = rejected(case, _fill(blank_forms, name, container, values), f"skjema.{container}")
    assert f"Felt: {felt}\n" in note
    assert expected in " ".join(note.split())


@pytest.mark.parametrize(
    ("row_change", "felt", "found", "expected"),
    [
        ({"varighet_timer": 30}, "Varighet (timer)", "30", "et antall timer fra 0,25 til 12"),
        ({"km": -5}, "Kilometer", "-5", "et antall kilometer fra 0 til 1000"),
        ({"sted": "Bussen"}, "Sted", "Bussen", "ett av valgene: Hjemme, Kontor"),
        ({"dato": "i går"}, "Dato", "i går", "en dato, for eksempel 05.12.2026"),
    ],
)
def test_meeting_log_row_with_an_error_is_reported_by_row_and_the_others_kept(
    case: Pipeline, blank_forms: Path, row_change, felt, found, expected
) -> None:
    book = ExcelDoc.open(blank_forms / "moteskjema.xlsx").fill(SAMPLES["moteskjema"][0])
    column, value = next(iter(row_change.items()))
    book.cell("moter", 1, column, value)
    excel_row = book.excel_row("moter", 1)
    outcome = drop(case, book.bytes(), "møtelogg.xlsx")
    assert outcome.status == "processed"
    data = case.store.document(outcome.sha256).data
    assert [m["dato"] for m in data["moter"]] == ["2026-11-24"], "the good row is kept"
    note = outcome.note.read_text(encoding="utf-8")
    assert outcome.note == case.settings.inbox / "team-nord" / "feil" / "møtelogg.xlsx.feil.txt"
    assert f"Felt: Møter og kontakter, rad {excel_row}: {felt}\n" in note
    assert f"Funnet: «{found}»" in note
    assert expected in note
    assert not (case.settings.inbox / "team-nord" / "feil" / "møtelogg.xlsx").exists()
