"""Field types every form uses: what staff type in Word, parsed the Norwegian way.

Each type is an ``Annotated`` pydantic type that carries a ``Widget`` marker, so the template
builder knows which Word control to make and the extractor knows how to read it back. Parsing
errors are ``PydanticCustomError`` whose message says, in Norwegian, what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

_MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "desember": 12, "des": 12,
}  # fmt: skip

DATE_EXPECTED = "en dato, for eksempel 05.12.2026"


@dataclass(frozen=True)
class Widget:
    """How a field is shown in a Word template: text, multiline, date, checkbox or choice."""

    kind: str
    options: tuple[tuple[str, str], ...] = ()  # (value, label) for choices
    placeholder: str = ""


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_date(value: Any) -> date | None:
    """Read 05.12.2026, 5.12.26, 5/12/2026, 5. desember 2026 and 2026-12-05."""
    if _blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().lower()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?", text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})", text):
            return date(_year(m[3]), int(m[2]), int(m[1]))
        m = re.fullmatch(r"(\d{1,2})\.?\s*([a-zæøå]+)\.?,?\s*(\d{4}|\d{2})", text)
        if m and m[2] in _MONTHS:
            return date(_year(m[3]), _MONTHS[m[2]], int(m[1]))
    except ValueError:
        pass  # e.g. 31.02.2026: the shape is right, the day does not exist
    raise PydanticCustomError("dato", DATE_EXPECTED)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def parse_bool(value: Any) -> bool:
    """A ticked box, or what a user types instead of ticking one."""
    if _blank(value):
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"x", "ja", "j", "yes", "true", "1", "☒", "☑", "✓", "✔", "avkrysset"}:
        return True
    if text in {"nei", "n", "no", "false", "0", "☐"}:
        return False
    raise PydanticCustomError("avkrysning", "en avkrysning (kryss av, eller skriv ja eller nei)")


def parse_time(value: Any) -> str | None:
    """A clock time such as 14:30, 14.30 or 9 -> '14:30'."""
    if _blank(value):
        return None
    text = str(value).strip().lower().removeprefix("kl").strip(". ")
    m = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?", text)
    if m and int(m[1]) < 24 and int(m[2] or 0) < 60:
        return f"{int(m[1]):02d}:{int(m[2] or 0):02d}"
    raise PydanticCustomError("klokkeslett", "et klokkeslett, for eksempel 14:30")


def _strip(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _not_empty(value: str) -> str:
    if not value:
        raise PydanticCustomError("missing", "må fylles ut")
    return value


Text = Annotated[str, BeforeValidator(_strip), Widget("text")]
RequiredText = Annotated[str, BeforeValidator(_strip), AfterValidator(_not_empty), Widget("text")]
LongText = Annotated[str, BeforeValidator(_strip), Widget("multiline")]
NorDate = Annotated[date, BeforeValidator(parse_date), Widget("date")]
ClockTime = Annotated[str, BeforeValidator(parse_time), Widget("text", placeholder="tt:mm")]
Check = Annotated[bool, BeforeValidator(parse_bool), Widget("checkbox")]


def choice(options: dict[str, str]) -> Any:
    """A drop-down: ``options`` maps the JSON value to the label staff see."""
    by_label = {label.casefold(): value for value, label in options.items()}
    by_label.update({value.casefold(): value for value in options})
    listing = ", ".join(options.values())

    def to_value(raw: Any) -> Any:
        if _blank(raw):
            return None
        key = str(raw).strip().casefold()
        if key in by_label:
            return by_label[key]
        raise PydanticCustomError("valg", "ett av valgene: {valg}", {"valg": listing})

    return Annotated[
        Literal[tuple(options)],  # type: ignore[valid-type]
        BeforeValidator(to_value),
        Widget("choice", tuple(options.items())),
    ]


def multi_choice(options: dict[str, str]) -> Any:
    """Several choices in one cell, separated by commas: a list of JSON values."""
    single = choice(options)
    to_value = next(m for m in single.__metadata__ if isinstance(m, BeforeValidator)).func

    def to_values(raw: Any) -> Any:
        if _blank(raw):
            return []
        parts = raw if isinstance(raw, (list, tuple)) else re.split(r"[,;/]| og ", str(raw))
        return [to_value(part) for part in parts if not _blank(part)]

    return Annotated[
        list[Literal[tuple(options)]],  # type: ignore[valid-type]
        BeforeValidator(to_values),
        Widget("multichoice", tuple(options.items())),
    ]


def number_between(low: float, high: float, expected: str) -> Any:
    """A number typed the Norwegian way (1,5) or stored by Excel (1.5), within bounds."""

    def to_number(raw: Any) -> Any:
        if _blank(raw):
            return None
        if isinstance(raw, bool):
            raise PydanticCustomError("tall", expected)
        try:
            number = float(str(raw).strip().replace(",", ".").replace(" ", ""))
        except ValueError:
            raise PydanticCustomError("tall", expected) from None
        if not low <= number <= high:
            raise PydanticCustomError("tall", expected)
        return number

    return Annotated[float, BeforeValidator(to_number), Widget("number")]


def widget_of(metadata: list[Any]) -> Widget | None:
    return next((m for m in metadata if isinstance(m, Widget)), None)
