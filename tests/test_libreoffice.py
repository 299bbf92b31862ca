"""Issue 2, acceptance 3: an intake saved by LibreOffice (which drops control tags and moves
controls about) gives the same JSON as the one saved by Word. Every other form: test_forms.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FAMILY
from wordfill import WordDoc, libreoffice_round_trip

from fpdocs.pipeline import Pipeline


@pytest.fixture(autouse=True)
def soffice() -> None:
    assert shutil.which("soffice"), "LibreOffice is needed: ./test.sh installs it"


def test_libreoffice_saved_intake_gives_the_same_json(
    pipeline: Pipeline, blank_forms: Path
) -> None:
    word = WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY).bytes()
    office = libreoffice_round_trip(word)
    inbox = pipeline.settings.inbox / "team-nord"
    inbox.mkdir(parents=True)
    (inbox / "word.docx").write_bytes(word)
    (inbox / "libreoffice.docx").write_bytes(office)
    first = pipeline.process_file(inbox / "word.docx")
    second = pipeline.process_file(inbox / "libreoffice.docx")
    assert (first.status, second.status) == ("processed", "processed")
    a = pipeline.store.document(first.sha256).data
    b = pipeline.store.document(second.sha256).data
    a.pop("behandling"), b.pop("behandling")
    assert a == b
