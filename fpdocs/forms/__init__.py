"""Every form fpdocs knows. Adding a form is one module here plus its template."""

from __future__ import annotations

from fpdocs.forms import arbeidsplan, inntakssamtale, kartlegging_tjenester, rangeringsskjema
from fpdocs.forms.base import FieldSpec, FormModel, FormSpec, Issue, Output, Processing

FORMS: dict[str, FormSpec] = {
    spec.name: spec
    for spec in (
        inntakssamtale.SPEC,
        rangeringsskjema.SPEC,
        kartlegging_tjenester.SPEC,
        arbeidsplan.SPEC,
    )
}

__all__ = ["FORMS", "FieldSpec", "FormModel", "FormSpec", "Issue", "Output", "Processing"]
