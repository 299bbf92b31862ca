"""The Norwegian notes staff find beside a file that could not be used."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

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


def invalid_form(
    issues: Sequence[Issue], *, name: str, team_folder: str, received: datetime, sha256: str,
    form: str,
) -> str:  # fmt: skip
    body = ["Skjemaet ble ikke lest inn, fordi noen felt må rettes:", ""]
    for i, issue in enumerate(issues, start=1):
        found = f"«{issue.funnet}»" if issue.funnet else "ingenting (feltet er tomt)"
        body += [
            f"  {i}. Felt: {issue.felt}",
            f"     Funnet: {found}",
            f"     Forventet: {issue.forventet}",
            "",
        ]
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
    ]
    for i, issue in enumerate(issues, start=1):
        found = f"«{issue.funnet}»" if issue.funnet else "ingenting (feltet er tomt)"
        body += [
            f"  {i}. Felt: {issue.felt}",
            f"     Funnet: {found}",
            f"     Forventet: {issue.forventet}",
            "",
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
