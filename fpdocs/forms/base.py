"""What every form shares: the common header fields, the form description that templates,
readers and the pipeline are driven by, and Norwegian issues (errors and warnings).

Nothing here does I/O. A form module declares its pydantic model, its layout (sections) and
what it triggers; everything else is derived from that.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from fpdocs.forms.fields import DATE_EXPECTED, NorDate, RequiredText, Text, Widget, widget_of

DEFAULT_CASE_NUMBER_PATTERN = r"^\d{4}/\d{1,7}$"


class Issue(BaseModel):
    """One thing wrong (error) or worth a look (warning), said so staff can act on it."""

    felt: str = Field(title="Felt", description="The field's label as staff see it")
    nokkel: str = Field(title="Nøkkel", description="The field's JSON path")
    funnet: str | None = Field(default=None, title="Funnet")
    forventet: str = Field(title="Forventet")

    def line(self) -> str:
        found = f"fant «{self.funnet}»" if self.funnet else "feltet er tomt"
        return f"{self.felt}: {found}. Forventet {self.forventet}."


class Processing(BaseModel):
    """Written by fpdocs into the extracted JSON; never read from a form."""

    skjema: str
    versjon: int
    sha256: str
    mottatt: str
    advarsler: list[Issue] = []


class FormModel(BaseModel):
    """Fields every form carries. Validation context: ``case_number_pattern``, ``today``."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    saksnummer: RequiredText = Field(title="Saksnummer")
    dato: NorDate = Field(title="Dato")
    utfylt_av: Text | None = Field(default=None, title="Utfylt av")
    behandling: Processing | None = Field(
        default=None, description="Filled by fpdocs: source hash, time received and warnings."
    )

    @field_validator("saksnummer")
    @classmethod
    def _case_number_format(cls, value: str, info: ValidationInfo) -> str:
        pattern = (info.context or {}).get("case_number_pattern", DEFAULT_CASE_NUMBER_PATTERN)
        if not re.fullmatch(pattern, value):
            example = "2026/1234" if pattern == DEFAULT_CASE_NUMBER_PATTERN else pattern
            raise PydanticCustomError(
                "saksnummer", "et saksnummer på formen {eksempel}", {"eksempel": example}
            )
        return value

    def warnings(self, context: dict[str, Any]) -> list[Issue]:
        """Checks that do not stop processing. Forms override this."""
        return []


def today_of(info: ValidationInfo) -> date | None:
    return (info.context or {}).get("today")


# --- describing a form ---------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One fill-in field (or a repeating group, when ``columns`` is set) as templates see it."""

    key: str
    label: str
    kind: str  # text | multiline | date | checkbox | choice | group
    required: bool = False
    options: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""
    hint: str = ""
    columns: tuple[FieldSpec, ...] = ()

    @property
    def is_group(self) -> bool:
        return bool(self.columns)


@dataclass(frozen=True)
class Section:
    title: str
    fields: tuple[str, ...]
    intro: str = ""


@dataclass(frozen=True)
class Output:
    """A document a form asks for; the pipeline renders and writes it."""

    kind: str  # docx | xlsx (a form's template, pre-filled) | ics | a document in DOCUMENTS
    filename: str  # no personal data: case number, form, time point, member by role+number
    template: str | None = None  # form name of the template, for docx and xlsx
    values: dict[str, Any] = field(default_factory=dict)
    events: tuple[dict[str, Any], ...] = ()  # for ics


@dataclass(frozen=True)
class TaskFact:
    """A task with a deadline, from minutes or plans. ``key`` identifies the same task across
    documents; ``scope`` set means only the newest document of that scope counts (a plan that
    replaces the previous one); ``None`` means tasks add up and a later document may close one."""

    key: str
    text: str
    due: date | None
    done: bool = False
    scope: str | None = None
    responsible: str | None = None


@dataclass(frozen=True)
class Facts:
    """What one document tells the case calendar. Plain data: forms know nothing of the
    calendar module."""

    receipts: tuple[dict[str, Any], ...] = ()  # kind, on, member, time_point
    events: tuple[tuple[str, date], ...] = ()  # (event kind, date)
    tasks: tuple[TaskFact, ...] = ()
    next_group_meeting: date | None = None


@dataclass(frozen=True)
class FormSpec:
    name: str
    version: int
    title: str
    model: type[FormModel]
    sections: tuple[Section, ...]
    intro: str = ""
    min_rows: dict[str, int] = field(default_factory=dict)
    opens_case: bool = False
    containers: tuple[str, ...] = ("docx",)  # docx and/or xlsx
    # The fields as the template lays them out, when they differ from the JSON model (a nested
    # JSON shape shown as flat tables); ``from_fields``/``to_fields`` convert between the two.
    layout: type[BaseModel] | None = None
    from_fields: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    to_fields: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    # A repeating group whose rows are checked one by one: bad rows are reported by row number
    # and the good ones kept (a log that staff keep appending to).
    row_by_row: str | None = None
    # (form, trigger context) -> documents to write next
    triggers: Callable[[Any, Any], Sequence[Output]] | None = None
    # (form, family members) -> what the calendar learns from this document
    facts: Callable[[Any, Sequence[Any]], Facts] | None = None

    @property
    def identifier(self) -> str:
        return f"fpdocs:{self.name}"

    @property
    def layout_model(self) -> type[BaseModel]:
        return self.layout or self.model

    def fields(self) -> list[FieldSpec]:
        """Every field the template shows, in layout order."""
        return [describe(self.layout_model, key) for s in self.sections for key in s.fields]

    def field(self, key: str) -> FieldSpec:
        return describe(self.layout_model, key)

    def row_model(self, group: str) -> type[BaseModel]:
        inner, _ = _unwrap(self.model.model_fields[group].annotation)
        return typing.get_args(inner)[0]

    def model_input(self, fields: dict[str, Any]) -> dict[str, Any]:
        """What was read from the template's fields -> input for the JSON model."""
        return self.from_fields(fields) if self.from_fields else fields

    def template_values(self, data: dict[str, Any]) -> dict[str, Any]:
        """JSON-shaped values -> the template's fields, for pre-filling."""
        return self.to_fields(data) if self.to_fields else data


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """Strip Optional and Annotated; return the inner type and the Annotated metadata."""
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            metadata.extend(annotation.__metadata__)
            annotation = annotation.__origin__
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation, metadata


@cache
def describe(model: type[BaseModel], key: str) -> FieldSpec:
    info = model.model_fields[key]
    inner, metadata = _unwrap(info.annotation)
    metadata += info.metadata
    label = info.title or key
    hint = info.description or ""
    item = typing.get_args(inner)[0] if typing.get_origin(inner) is list else None
    if isinstance(item, type) and issubclass(item, BaseModel):
        columns = tuple(describe(item, k) for k in item.model_fields)
        return FieldSpec(key, label, "group", info.is_required(), hint=hint, columns=columns)
    widget = widget_of(metadata) or Widget("text")
    return FieldSpec(
        key,
        label,
        widget.kind,
        info.is_required(),
        widget.options,
        widget.placeholder,
        hint,
    )


# --- errors in Norwegian --------------------------------------------------------------------

_EXPECTED = {
    "missing": "at feltet fylles ut",
    "too_short": "minst {min_length} rad(er) utfylt",
    "too_long": "høyst {max_length} rad(er)",
    "date_type": DATE_EXPECTED,
    "date_parsing": DATE_EXPECTED,
    "date_from_datetime_parsing": DATE_EXPECTED,
    "bool_parsing": "en avkrysning",
    "int_parsing": "et helt tall",
    "float_parsing": "et tall",
    "string_type": "tekst",
    "literal_error": "ett av valgene",
}


def label_path(model: type[BaseModel], loc: Sequence[int | str]) -> str:
    """('barn', 1, 'fodselsdato') -> 'Barn, rad 2: Fødselsdato'."""
    parts: list[str] = []
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            parts[-1] += f", rad {step + 1}"
            continue
        fields = getattr(current, "model_fields", {})
        if step not in fields:
            parts.append(str(step))
            continue
        info = fields[step]
        parts.append(info.title or step)
        inner, _ = _unwrap(info.annotation)
        current = typing.get_args(inner)[0] if typing.get_origin(inner) is list else inner
    return ": ".join(parts) if parts else "Skjemaet"


def json_path(loc: Sequence[int | str]) -> str:
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def _found(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text[:200] or None


def issues_from(error: ValidationError, model: type[BaseModel]) -> list[Issue]:
    issues = []
    for e in error.errors(include_url=False):
        loc = e["loc"]
        if e["type"] in _EXPECTED and e["type"] not in ("missing",):
            expected = _EXPECTED[e["type"]].format(**(e.get("ctx") or {}))
        elif e["type"] == "missing":
            expected = _EXPECTED["missing"]
        else:  # our own PydanticCustomError: the message is the Norwegian expectation
            expected = e["msg"]
        if e["type"] == "value_error":  # a plain ValueError raised by a model check
            expected = str(e.get("ctx", {}).get("error", e["msg"]))
        issues.append(
            Issue(
                felt=label_path(model, loc),
                nokkel=json_path(loc),
                funnet=_found(e.get("input")) if e["type"] != "missing" else None,
                forventet=expected,
            )
        )
    return issues
