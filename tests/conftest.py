"""Shared fixtures. Every family here is invented; the names say so."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest

from fpdocs import files
from fpdocs.config import Settings, load_settings
from fpdocs.pipeline import Pipeline
from fpdocs.publish import publish_blank_forms

T0 = date(2026, 11, 23)  # a Monday
TODAY = date(2026, 11, 25)

# Two parents and three children, one of them 14 on the intake date.
FAMILY = {
    "saksnummer": "2026/1234",
    "dato": T0,
    "utfylt_av": "Fiona Fiktiv-Partner",
    "kontaktperson": "Kasper Konstruert",
    "familiepartnere": [{"navn": "Fiona Fiktiv-Partner"}],
    "foresatte": [
        {"navn": "Mona Oppdiktet", "rolle": "mor", "telefon": "400 00 001"},
        {"navn": "Petter Oppdiktet", "rolle": "far", "telefon": "400 00 002"},
    ],
    "barn": [
        {"navn": "Tiril Oppdiktet", "fodselsdato": date(2012, 6, 1), "bor_hjemme": True,
         "barnehage_skole": "Eksempelby ungdomsskole"},
        {"navn": "Sindre Oppdiktet", "fodselsdato": date(2017, 3, 15), "bor_hjemme": True,
         "barnehage_skole": "Eksempelby skole"},
        {"navn": "Ronja Oppdiktet", "fodselsdato": date(2022, 9, 30), "bor_hjemme": True,
         "barnehage_skole": "Fantasia barnehage"},
    ],
    "bakgrunn": "Familien ønsker hjelp til faste rutiner.\nSkolen har tatt kontakt.",
    "informert_om_tiltaket": True,
    "informert_om_opplysningsplikt": True,
    "historie_og_erfaringer": "Har hatt veiledning før, og det hjalp en periode.",
    "onsker_og_muligheter": "Roligere morgener og bedre samarbeid med skolen.",
    "instanser": [
        {"instans": "Helsestasjonen", "kontaktperson": "Hanne Helsesøster-Fiktiv",
         "erfaring": "God", "samtykke_samarbeid": "ja"},
    ],
    "samtykke_informasjonsdeling": True,
    "samtykke_dato": T0,
    "hjemmebesok": [
        {"dato": date(2026, 11, 24), "klokkeslett": "10:00"},
        {"dato": date(2026, 11, 27), "klokkeslett": "14:30"},
        {"dato": date(2026, 12, 2), "klokkeslett": "09:00"},
    ],
    "tolk_behov": False,
    "familierad_aktuelt": "vurderes",
}  # fmt: skip
FAMILY_NAMES = [
    "Fiona", "Fiktiv-Partner", "Kasper", "Konstruert", "Mona", "Petter", "Oppdiktet", "Tiril",
    "Sindre", "Ronja", "Hanne",
]  # fmt: skip


@pytest.fixture(autouse=True)
def no_office_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read a developer's own fpdocs.toml or FPDOCS_ variables."""
    import os

    for key in list(os.environ):
        if key.startswith("FPDOCS_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("FPDOCS_CONFIG", str(tmp_path / "ingen-fpdocs.toml"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        inbox=tmp_path / "inbox",
        outbox=tmp_path / "outbox",
        state_dir=tmp_path / "var",
        stable_seconds=0.5,
        scan_interval_seconds=1,
    )


@pytest.fixture(scope="session")
def blank_forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The blank forms exactly as staff find them in outbox/maler/."""
    folder = tmp_path_factory.mktemp("maler")
    publish_blank_forms(folder)
    return folder


@pytest.fixture
def pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings, today=lambda: TODAY)


def drop(pipeline: Pipeline, data: bytes, name: str, team: str = "team-nord"):
    """Save a file into the team's inbox folder and run the pipeline on it."""
    path = pipeline.settings.inbox / team / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return pipeline.process_file(path)


def rejected(pipeline: Pipeline, data: bytes, name: str = "skjema.docx") -> str:
    """Drop ``data`` into team-nord and run the pipeline; check that the file was refused, left
    the inbox, is kept in feil/ as it came, was not archived, and is recorded as rejected.
    Returns the Norwegian note beside it."""
    outcome = drop(pipeline, data, name)
    assert outcome is not None and outcome.status == "rejected"
    folder = pipeline.settings.inbox / "team-nord"
    kept = folder / "feil" / name
    assert kept.read_bytes() == data, "the file is kept as it came"
    assert not (folder / name).exists()
    assert outcome.sha256 not in {a.sha256 for a in files.archived(pipeline.settings.archive)}
    assert pipeline.store.arrivals(outcome.sha256)[0].startswith("rejected:")
    return (kept.parent / f"{name}.feil.txt").read_text(encoding="utf-8")


def changed(values: dict, **changes) -> dict:
    """A deep copy of ``values`` with ``changes`` made; a change to None removes the key."""
    values = copy.deepcopy(values)
    for key, value in changes.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    return values


@pytest.fixture
def case(pipeline: Pipeline, blank_forms: Path) -> Pipeline:
    """The pipeline with the FAMILY case (2026/1234, team-nord) opened by its intake form."""
    from wordfill import WordDoc

    intake = WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY).bytes()
    assert drop(pipeline, intake, "inntak.docx").status == "processed"
    return pipeline
