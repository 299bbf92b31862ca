"""The Norwegian notes staff find beside a file that could not be used."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from fpdocs.forms.base import Issue

STEPS_FIX = (
    "Slik gjør du:\n"
    "  1. Åpne filen som ligger her i feil-mappen, og rett det som står over.\n"
    "  2. Lagre den, og legg den tilbake i teamets mappe i innboksen ({team_folder}).\n"
    "  3. Slett denne merknaden når filen er lest inn.\n"
)


def _head(title: str, name: str, received: datetime, sha256: str, form: str | None) -> str:
    lines = [
        title,
        "=" * len(title),
        "",
        f"Fil:        {name}",
        f"Mottatt:    {received:%d.%m.%Y kl. %H:%M}",
    ]
    if form:
        lines.append(f"Skjema:     {form}")
    lines += [f"Referanse:  {sha256[:12]} (oppgi denne hvis du kontakter IT)", ""]
    return "\n".join(lines) + "\n"


def _issue_lines(issues: Sequence[Issue]) -> list[str]:
    """Each problem as field, what was found, what is expected, numbered."""
    lines = []
    for i, issue in enumerate(issues, start=1):
        found = f"«{issue.funnet}»" if issue.funnet else "ingenting (feltet er tomt)"
        lines += [
            f"  {i}. Felt: {issue.felt}",
            f"     Funnet: {found}",
            f"     Forventet: {issue.forventet}",
            "",
        ]
    return lines


def invalid_form(
    issues: Sequence[Issue], *, name: str, team_folder: str, received: datetime, sha256: str,
    form: str,
) -> str:  # fmt: skip
    body = ["Skjemaet ble ikke lest inn, fordi noen felt må rettes:", "", *_issue_lines(issues)]
    return (
        _head("Skjemaet må rettes", name, received, sha256, form)
        + "\n".join(body)
        + "\n"
        + STEPS_FIX.format(team_folder=team_folder)
    )


def rejected_rows(
    issues: Sequence[Issue], *, name: str, team_folder: str, received: datetime, sha256: str,
    form: str,
) -> str:  # fmt: skip
    body = [
        "Filen er lest inn, men noen rader ble holdt utenfor fordi de har feil.",
        "De andre radene er tatt med.",
        "",
        *_issue_lines(issues),
    ]
    steps = (
        "Slik gjør du:\n"
        "  1. Rett radene over i din egen kopi av arbeidsboken.\n"
        f"  2. Lagre den og legg den i innboksen igjen ({team_folder}). Rader som allerede er\n"
        "     lest inn, telles ikke to ganger.\n"
        "  3. Slett denne merknaden når du har gjort det.\n"
    )
    return (
        _head("Noen rader må rettes", name, received, sha256, form) + "\n".join(body) + "\n" + steps
    )


def unusable_file(
    reason: str, expected: str, advice: str, *, name: str, received: datetime, sha256: str,
    form: str | None = None,
) -> str:  # fmt: skip
    return (
        _head("Filen kunne ikke brukes", name, received, sha256, form)
        + f"Hva som er galt:\n  {reason}\n\n"
        + f"Forventet:\n  {expected}\n\n"
        + f"Slik gjør du:\n  {advice}\n"
    )


def describe_content(data: bytes) -> str:
    """What a file that is not a .docx seems to be, in words staff recognise."""
    if not data:
        return "Filen er tom (0 byte)."
    if data.startswith(b"%PDF"):
        return "Filen er en PDF, ikke et Word-dokument."
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return (
            "Filen er i et gammelt Office-format (.doc/.xls), eller den er beskyttet med passord."
        )
    if data.startswith(b"PK"):
        return (
            "Filen er en zip-fil eller et annet Office-dokument, men ikke et Word-dokument (.docx)."
        )
    if data.lstrip()[:1] in (b"<", b"{") or data[:200].isascii():
        return "Filen er en tekstfil, ikke et Word-dokument."
    return "Filen er ikke et Word-dokument (.docx)."


def _mb(size: int) -> str:
    """2 097 152 -> '2,0 MB', as a Norwegian reader writes it."""
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def _count(number: int) -> str:
    """1000000 -> '1 000 000'."""
    return f"{number:,}".replace(",", " ")


_AS_FORM = (
    "et utfylt skjema fra outbox/maler/, lagret som Word-dokument (.docx) eller "
    "Excel-arbeidsbok (.xlsx)"
)
_ASK_IT = (
    " Vet du ikke hvor filen kommer fra, så ikke åpne den, men kontakt IT og oppgi referansen over."
)
_OTHER_KINDS = {
    "zip": "Filen er en zip-fil, men ikke et Word-dokument eller Excel-ark.",
    "pptx": "Filen er en PowerPoint-presentasjon, ikke et skjema.",
    "odf": (
        "Filen er lagret i OpenDocument-format (.odt eller .ods), ikke som Word-dokument "
        "eller Excel-arbeidsbok."
    ),
}


def refused_file(
    reason: str, facts: Mapping[str, Any], *, described: str, team_folder: str, name: str,
    received: datetime, sha256: str,
) -> str:  # fmt: skip
    """The note for a file refused before it could be read (``readers/package.py``): what was
    found, what is expected and what to do. ``described`` says what a non-Office file seems to
    be (``describe_content``)."""
    save_as = (
        "Åpne skjemaet i Word eller Excel, velg Lagre som → Word-dokument (.docx) eller "
        f"Excel-arbeidsbok (.xlsx), og legg det i {team_folder}."
    )
    fresh = (
        "Bruk et tomt skjema fra outbox/maler/, fyll det ut i Word eller Excel, og legg det i "
        f"{team_folder}."
    )
    limit = facts.get("limit", 0)
    found, expected, advice = {
        "empty": (
            "Filen er tom (0 byte). Lagringen ble trolig avbrutt, eller filen ble kopiert før "
            "den var ferdig lagret.",
            _AS_FORM,
            "Åpne skjemaet der du lagret det sist, lagre det på nytt og legg det i "
            f"{team_folder}. Den tomme filen her kan slettes.",
        ),
        "too_large": (
            f"Filen er {_mb(facts.get('size', 0))}, mer enn grensen på {_mb(limit)}.",
            f"en fil på høyst {_mb(limit)}",
            "Fjern store bilder fra dokumentet (eller komprimer dem: Fil → Komprimer bilder), "
            f"lagre og legg det i {team_folder}.",
        ),
        "encrypted": (
            "Filen er beskyttet med passord (kryptert). fpdocs kan ikke lese en kryptert fil.",
            "et skjema uten passord",
            "Åpne filen i Word eller Excel og velg Fil → Info → Beskytt dokument (i Excel: "
            "Beskytt arbeidsbok) → Krypter med passord. Slett passordet, trykk OK og lagre. "
            f"Legg så filen i {team_folder}.",
        ),
        "old_format": (
            "Filen er i et gammelt Office-format (Word 97–2003 .doc eller Excel 97–2003 .xls), "
            "selv om navnet kan slutte på .docx eller .xlsx.",
            _AS_FORM,
            "Åpne filen i Word eller Excel, velg Fil → Lagre som og filtypen «Word-dokument "
            "(*.docx)» eller «Excel-arbeidsbok (*.xlsx)», og legg den nye filen i "
            f"{team_folder}.",
        ),
        "damaged": (
            "Filen ser ut som et Word- eller Excel-dokument, men den er ufullstendig eller "
            "skadet. Den ble kanskje kopiert før lagringen var ferdig, eller overføringen ble "
            "avbrutt.",
            _AS_FORM,
            "Åpne skjemaet i Word eller Excel der du fylte det ut, lagre det på nytt og legg det "
            f"i {team_folder}. Kan du ikke åpne det, må det fylles ut på nytt fra outbox/maler/.",
        ),
        "not_office": (
            _OTHER_KINDS.get(facts.get("kind", ""), described),
            "et Word-dokument (.docx) eller Excel-ark (.xlsx): et skjema fra outbox/maler/, "
            "fylt ut og lagret i samme format",
            save_as,
        ),
        "macros": (
            "Dokumentet inneholder makroer (programkode), selv om navnet kan slutte på .docx "
            "eller .xlsx. Av sikkerhetshensyn leser fpdocs ikke filer med makroer.",
            "et skjema uten makroer: et Word-dokument (.docx) eller en Excel-arbeidsbok (.xlsx)",
            "Bruk et tomt skjema fra outbox/maler/, eller åpne filen og velg Fil → Lagre som og "
            "filtypen «Word-dokument (*.docx)» eller «Excel-arbeidsbok (*.xlsx)» (ikke en "
            f"filtype «med makroer»). Legg det så i {team_folder}." + _ASK_IT,
        ),
        "xml_entities": (
            "Filen inneholder XML-definisjoner (en DTD med entiteter) som Word og Excel aldri "
            "lager selv. Slike definisjoner kan brukes til å lure et program til å lese andre "
            "filer eller bruke opp minnet, så fpdocs leser ikke filen.",
            "et skjema fylt ut og lagret i Word, Excel eller LibreOffice",
            fresh + _ASK_IT,
        ),
        "zip_bomb": (
            f"Filen er pakket uvanlig tett: {_mb(facts.get('packed', 0))} pakker seg ut til "
            f"{_mb(facts.get('unpacked', 0))}. Slik ser ikke et skjema fra Word eller Excel ut, "
            "og filen kan være laget for å fylle opp maskinen.",
            _AS_FORM + " (et utfylt skjema pakker seg ut til noen få MB)",
            fresh + _ASK_IT,
        ),
        "unpacked_too_large": (
            f"Innholdet i filen pakker seg ut til {_mb(facts.get('unpacked', 0))}, mer enn "
            f"grensen på {_mb(limit)}.",
            f"et skjema som pakker seg ut til høyst {_mb(limit)}",
            f"Fjern store bilder og vedlegg fra dokumentet, lagre og legg det i {team_folder}.",
        ),
        "too_many_parts": (
            f"Filen består av {_count(facts.get('parts', 0))} deler; fpdocs tar imot høyst "
            f"{_count(limit)} (et skjema har noen titalls).",
            _AS_FORM,
            fresh + _ASK_IT,
        ),
        "too_many_rows": (
            f"Et ark i arbeidsboken har {_count(facts.get('rows', 0))} rader"
            + ("" if facts.get("exact", True) else " eller flere")
            + f"; fpdocs leser høyst {_count(limit)} rader i ett ark.",
            f"en arbeidsbok med høyst {_count(limit)} rader per ark (en møtelogg har noen hundre)",
            "Slett tomme eller overflødige rader nederst i arket (marker radene, høyreklikk og "
            "velg Slett), eller begynn på en ny arbeidsbok fra outbox/maler/. Lagre og legg den "
            f"i {team_folder}.",
        ),
    }.get(reason, (described, _AS_FORM, save_as))
    return unusable_file(found, expected, advice, name=name, received=received, sha256=sha256)


def renamed(note: str, name: str) -> str:
    """A note about a file whose name could not be kept (control characters, path signs, or
    too long for the file system): say under which name it lies in feil/."""
    return (
        note.rstrip("\n")
        + "\n\nMerk: Filnavnet kunne ikke brukes som det var (det hadde tegn som ikke kan stå i "
        f"et filnavn, eller det var for langt), så filen ligger her som «{name}».\n"
    )
