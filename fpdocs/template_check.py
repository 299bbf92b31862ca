"""Check a template an office has restyled (logo, wording, layout): is every field still there,
tagged, titled and of the right type, so fpdocs can read and pre-fill it?"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fpdocs.extract import identify, norm
from fpdocs.forms import FORMS, FieldSpec, FormSpec
from fpdocs.readers import DocxContent, Unreadable, XlsxContent, read

# the control type Word shows for each kind of field
CONTROL_KIND = {"text": "text", "multiline": "text", "date": "date", "choice": "choice",
                "checkbox": "checkbox"}  # fmt: skip
KIND_NAME = {"text": "tekstfelt", "date": "datovelger", "choice": "nedtrekksliste",
             "checkbox": "avkrysningsboks"}  # fmt: skip


@dataclass
class CheckResult:
    form: FormSpec | None
    problems: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def ok(self) -> bool:
        return self.form is not None and not self.problems


def _slots(spec: FormSpec) -> list[tuple[str, FieldSpec, FieldSpec | None]]:
    """(tag, field, group) for every fill-in field, group columns as 'group.column'."""
    found = []
    for f in spec.fields():
        if f.is_group:
            found += [(f"{f.key}.{c.key}", c, f) for c in f.columns]
        else:
            found.append((f.key, f, None))
    return found


def check_template(path: Path) -> CheckResult:
    try:
        content = read(path.read_bytes())
    except (Unreadable, OSError):
        return CheckResult(
            None, ["Filen er ikke et Word-dokument (.docx) eller Excel-ark (.xlsx)."]
        )
    spec = identify(content, FORMS)
    if spec is None:
        return CheckResult(
            None, ["Fant ikke hvilket skjema dette er (dokumentegenskaper og felt)."]
        )
    result = CheckResult(spec)
    if content.properties.get("identifier") != spec.identifier:
        result.problems.append(
            f"Dokumentegenskapen «ID» (identifier) er «{content.properties.get('identifier')}»,"
            f" forventet «{spec.identifier}»."
        )
    if isinstance(content, XlsxContent):
        _check_workbook(content, spec, result)
    else:
        _check_document(content, spec, result)
    return result


def _check_document(content: DocxContent, spec: FormSpec, result: CheckResult) -> None:
    controls = content.controls()
    by_tag = {c.tag: c for c in controls if c.tag}
    templated = any("{{" in c.text for c in controls)
    for tag, f, group in _slots(spec):
        result.checked += 1
        where = f"«{group.label}: {f.label}»" if group else f"«{f.label}»"
        control = by_tag.get(tag)
        if control is None:
            titled = [c for c in controls if c.title and norm(c.title) == norm(f.label)]
            if titled:
                result.problems.append(f"Feltet {where} mangler tag (skal være «{tag}»).")
            else:
                result.problems.append(
                    f"Feltet {where} mangler: fant ikke et utfyllingsfelt med tag «{tag}»."
                )
            continue
        wanted = CONTROL_KIND[f.kind]
        if control.kind != wanted:
            result.problems.append(
                f"Feltet {where} er en {KIND_NAME[control.kind]}, forventet {KIND_NAME[wanted]}."
            )
        if norm(control.title or "") != norm(f.label):
            result.problems.append(
                f"Feltet {where} har tittel «{control.title or ''}», forventet «{f.label}»."
            )
        expression = f"r.{f.key}" if group else f.key
        if templated and expression not in control.text:
            result.problems.append(
                f"Feltet {where} mangler utfyllingskoden {{{{ {expression} }}}} (brukes når "
                "fpdocs fyller ut skjemaet)."
            )


def _check_workbook(content: XlsxContent, spec: FormSpec, result: CheckResult) -> None:
    tables = {t.name.casefold(): t for t in content.tables}
    for f in spec.fields():
        result.checked += 1
        if not f.is_group:
            if f.key not in content.names:
                result.problems.append(
                    f"Feltet «{f.label}» mangler: fant ikke en navngitt celle «{f.key}»."
                )
            continue
        table = tables.get(f.key.casefold())
        if table is None:
            result.problems.append(f"Tabellen «{f.label}» mangler: fant ikke tabellen «{f.key}».")
            continue
        headers = {norm(h) for h in table.headers}
        for column in f.columns:
            result.checked += 1
            if norm(column.label) not in headers:
                result.problems.append(f"Tabellen «{f.label}» mangler kolonnen «{column.label}».")


def report(path: Path, result: CheckResult) -> str:
    if result.form is None:
        return f"{path.name}: {result.problems[0]}"
    head = f"{path.name}: {result.form.title} (skjemaversjon {result.form.version})"
    if result.ok:
        return f"{head}\nOK: alle {result.checked} felt er på plass med riktig tag og type."
    lines = [head, f"{len(result.problems)} problem(er):"]
    lines += [f"  - {problem}" for problem in result.problems]
    return "\n".join(lines)
