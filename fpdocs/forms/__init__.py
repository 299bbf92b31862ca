"""Every form fpdocs knows. Adding a form is one module here plus its template."""

from __future__ import annotations

from fpdocs.forms import (
    ansvarsgruppemote,
    arbeidsplan,
    inntakssamtale,
    kartlegging_tjenester,
    moteskjema,
    rangeringsskjema,
    rapportmal,
    saksendring,
    tiltaksplan,
)
from fpdocs.forms.base import FieldSpec, FormModel, FormSpec, Issue, Output, Processing

FORMS: dict[str, FormSpec] = {
    spec.name: spec
    for spec in (
        inntakssamtale.SPEC,
        rangeringsskjema.SPEC,
        arbeidsplan.SPEC,
        tiltaksplan.SPEC,
        moteskjema.SPEC,
        kartlegging_tjenester.SPEC,
        rapportmal.SPEC,
        ansvarsgruppemote.SPEC,
        saksendring.SPEC,
    )
}

__all__ = ["FORMS", "FieldSpec", "FormModel", "FormSpec", "Issue", "Output", "Processing"]
