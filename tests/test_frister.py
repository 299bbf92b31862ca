"""Issue 4: `fpdocs frister` over a state built only from forms dropped in the inbox, its filters,
offsets from configuration, and a bad configuration."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from twocases import CLIENT_NAMES, drop_two_cases

from fpdocs.cli import main
from fpdocs.config import load_settings
from fpdocs.deadlines import due_items
from fpdocs.store import Store

TODAY = "2026-11-25"  # a Wednesday, two days after the first case's intake


@pytest.fixture
def state(tmp_path: Path, blank_forms: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)
    return drop_two_cases(tmp_path, blank_forms)


def frister(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    capsys.readouterr()
    assert main(["frister", "--json", "--dato", TODAY, *args]) == 0
    return json.loads(capsys.readouterr().out)


def rows(items: list[dict]) -> list[tuple]:
    return [(i["saksnummer"], i["kind"], i["due"], i["status"], i["member"]) for i in items]


# Open items up to 14 days ahead on 25.11.2026, worked out by hand from the calendar rules:
# 2026/5678 (T0 Mon 02.11): visits as planned on 03.11, 05.11 and 10.11; start ratings and the
# first work plan at T0+10d (Thu 12.11) and T0+14d (Mon 16.11); services mapping and the first
# saksevaluering at T0+1m (Wed 02.12). 2026/1234 (T0 Mon 23.11): visits on 24.11, 27.11 and
# 02.12; five start ratings on Thu 03.12; first work plan on Mon 07.12.
NEXT_14_DAYS = [
    ("2026/5678", "hjemmebesok", "2026-11-03", "overdue", None),
    ("2026/5678", "hjemmebesok", "2026-11-05", "overdue", None),
    ("2026/5678", "hjemmebesok", "2026-11-10", "overdue", None),
    ("2026/5678", "rangeringsskjema", "2026-11-12", "overdue", "foresatt-1"),
    ("2026/5678", "arbeidsplan", "2026-11-16", "overdue", None),
    ("2026/1234", "hjemmebesok", "2026-11-24", "overdue", None),
    ("2026/1234", "hjemmebesok", "2026-11-27", "due", None),
    ("2026/1234", "hjemmebesok", "2026-12-02", "due", None),
    ("2026/5678", "kartlegging_tjenester", "2026-12-02", "due", "barn-1"),
    ("2026/5678", "saksevaluering", "2026-12-02", "due", None),
    ("2026/1234", "rangeringsskjema", "2026-12-03", "due", "barn-1"),
    ("2026/1234", "rangeringsskjema", "2026-12-03", "due", "barn-2"),
    ("2026/1234", "rangeringsskjema", "2026-12-03", "due", "barn-3"),
    ("2026/1234", "rangeringsskjema", "2026-12-03", "due", "foresatt-1"),
    ("2026/1234", "rangeringsskjema", "2026-12-03", "due", "foresatt-2"),
    ("2026/1234", "arbeidsplan", "2026-12-07", "due", None),
]


def test_json_lists_the_open_items_of_both_cases_by_date(state, capsys) -> None:
    items = frister(capsys, "--dager", "14")
    assert rows(items) == NEXT_14_DAYS
    assert all(list(i) == ["saksnummer", "team", "kind", "due", "status", "member", "done_by"]
               for i in items)  # fmt: skip
    assert {i["saksnummer"]: i["team"] for i in items} == {
        "2026/1234": "team-nord", "2026/5678": "team-sor",
    }  # fmt: skip
    assert all(i["done_by"] is None for i in items)


def test_the_dropped_rating_form_makes_its_item_done(state, capsys) -> None:
    everything = frister(capsys, "--utforte", "--sak", "2026/5678")
    done = [i for i in everything if i["status"] == "done"]
    assert done == [
        {"saksnummer": "2026/5678", "team": "team-sor", "kind": "rangeringsskjema",
         "due": "2026-11-12", "status": "done", "member": "barn-1",
         "done_by": state["team-sor/rangering.docx"]},
    ]  # fmt: skip
    assert done[0] not in frister(capsys, "--sak", "2026/5678")  # not shown by default


def test_default_shows_every_open_item_later_ones_too(state, capsys) -> None:
    items = frister(capsys)
    assert rows(items)[: len(NEXT_14_DAYS)] == NEXT_14_DAYS
    later = items[len(NEXT_14_DAYS) :]
    assert later and {i["status"] for i in later} == {"not_yet_due"}
    assert [i["due"] for i in items] == sorted(i["due"] for i in items)
    # familieråd applications (marked "ja" and "vurderes" at the intakes) by T0+3m
    assert [r for r in rows(items) if r[1] == "familierad_soknad"] == [
        ("2026/5678", "familierad_soknad", "2027-02-02", "not_yet_due", None),
        ("2026/1234", "familierad_soknad", "2027-02-23", "not_yet_due", None),
    ]


def test_filters(state, capsys) -> None:
    assert rows(frister(capsys, "--dager", "14", "--team", "team-nord")) == [
        r for r in NEXT_14_DAYS if r[0] == "2026/1234"
    ]
    assert rows(frister(capsys, "--dager", "14", "--sak", "2026/5678")) == [
        r for r in NEXT_14_DAYS if r[0] == "2026/5678"
    ]
    # any part of the name, any case; Fiona works in both cases, Frode only in the second
    assert rows(frister(capsys, "--dager", "14", "--familiepartner", "fiona")) == NEXT_14_DAYS
    assert rows(frister(capsys, "--dager", "14", "--familiepartner", "FANTASI")) == [
        r for r in NEXT_14_DAYS if r[0] == "2026/5678"
    ]
    assert frister(capsys, "--familiepartner", "Ingen Slik") == []
    assert rows(frister(capsys, "--dager", "0")) == [r for r in NEXT_14_DAYS if r[3] == "overdue"]
    assert rows(frister(capsys, "--dager", "2")) == [
        r for r in NEXT_14_DAYS if r[2] <= "2026-11-27"
    ]


def test_unknown_case_or_team_is_said_plainly(state, capsys) -> None:
    assert main(["frister", "--sak", "2026/9999"]) == 1
    assert "Fant ingen sak med saksnummer 2026/9999" in capsys.readouterr().err
    assert main(["frister", "--team", "team-vest"]) == 1
    assert "Team med saker: team-nord, team-sor" in capsys.readouterr().err


def test_table_for_people(state, capsys) -> None:
    capsys.readouterr()
    assert main(["frister", "--dato", "25.11.2026", "--dager", "14"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Frister per 25.11.2026 – til og med 09.12.2026"
    assert lines[1] == "16 frister: 6 forfalt, 10 snart."
    assert lines[3].split() == ["Frist", "Sak", "Team", "Hva", "Gjelder", "Status"]
    assert lines[5].split() == [
        "03.11.2026", "2026/5678", "team-sor", "Hjemmebesøk", "1", "av", "3", "Hele", "saken",
        "Forfalt",
    ]  # fmt: skip
    assert lines[-1].split() == ["07.12.2026", "2026/1234", "team-nord", "Første", "arbeidsplan",
                                 "Hele", "saken", "Snart"]  # fmt: skip
    assert len(lines) == 5 + len(NEXT_14_DAYS)
    assert not [n for n in CLIENT_NAMES if n in out]


def test_offsets_come_from_the_configuration(state, capsys, tmp_path, monkeypatch) -> None:
    def drafts() -> list[str]:
        items = frister(capsys, "--sak", "2026/1234")
        return [i["due"] for i in items if i["kind"] == "rapport_utkast"]

    # 21 days before the evaluations of Tue 23.02.2027, Sun 23.05.2027 and Mon 23.08.2027
    # (a Sunday, then the 1 May holiday on the Saturday, move the second to Friday 30.04)
    assert drafts() == ["2027-02-02", "2027-04-30", "2027-08-02"]
    config = tmp_path / "kontor.toml"
    config.write_text("[kalender]\nreport_draft_lead_days = 28\n", encoding="utf-8")
    monkeypatch.setenv("FPDOCS_CONFIG", str(config))
    assert drafts() == ["2027-01-26", "2027-04-23", "2027-07-26"]

    # the same through load_settings, as the library sees it
    store = Store(Path("var/fpdocs.sqlite3"))
    monkeypatch.setenv("FPDOCS_CONFIG", str(tmp_path / "ingen.toml"))
    changed = load_settings(kalender={"report_draft_lead_days": 28, "due_soon_days": 3})
    [item] = [
        r for r in due_items(store, changed, date(2027, 1, 25), case="2026/1234")
        if r.kind == "rapport_utkast" and r.time_point == "3_mnd"
    ]  # fmt: skip
    assert (item.due, item.status) == (date(2027, 1, 26), "due")
    store.close()


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("[kalender]\nreport_draft_lead_days = -5\n",
         "kalender.report_draft_lead_days: må være 0 eller mer (fant -5)"),
        ("[kalender]\nreport_draft_lead_days = \"tre uker\"\n",
         "kalender.report_draft_lead_days: må være et helt tall (fant 'tre uker')"),
        ("[kalender]\nreport_draft_lead_dager = 28\n",
         "kalender.report_draft_lead_dager: er ikke en innstilling fpdocs kjenner"),
        ("[kalender]\nreport_draft_lead_days = 5\n",
         "kalender.report_draft_lead_days må være minst like stor som "
         "kalender.report_review_lead_days"),
        ("[kalender\nreport_draft_lead_days = 28\n", "er ikke gyldig TOML"),
        ("case_number_pattern = '^(\\d{4}/'\n",
         "case_number_pattern: må være et gyldig regulært uttrykk"),
    ],
    ids=["negative", "not-a-number", "unknown-key", "inconsistent", "bad-toml", "bad-pattern"],
)  # fmt: skip
def test_bad_configuration_stops_with_a_norwegian_message(
    tmp_path: Path, toml: str, expected: str
) -> None:
    (tmp_path / "fpdocs.toml").write_text(toml, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FPDOCS_")}
    result = subprocess.run(
        [sys.executable, "-m", "fpdocs", "frister"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Feil i innstillingene (fpdocs.toml")
    assert expected in result.stderr
    assert "Rett verdien og start fpdocs på nytt" in result.stderr


def test_output_cut_short_by_the_reader_is_not_an_error(state, tmp_path: Path) -> None:
    """`fpdocs frister | head -1`: the reader closes the pipe before fpdocs writes; fpdocs stops
    quietly, with no error in the log or on the terminal."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FPDOCS_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "fpdocs", "frister", "--dato", TODAY],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    process.stdout.close()  # gone before fpdocs has started writing
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0, stderr
    assert stderr == ""
    assert "CRITICAL" not in (tmp_path / "var/logg/fpdocs.log").read_text(encoding="utf-8")
