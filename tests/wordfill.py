"""Fill a published form the way Word does, so tests read what staff would save.

Word, when a user types into a content control that shows its placeholder: removes
``w:showingPlcHdr`` and replaces the placeholder run with a run holding the typed text. Ticking a
check box flips ``w14:checked`` and the glyph. Picking a date writes the text and ``w:fullDate``.
Picking from a drop-down writes the item's display text.

Also: simulate what users do beside the rules — type next to a control, delete a control, add a
table row without controls, and use legacy form-field check boxes.
"""

from __future__ import annotations

import copy
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{W if prefix == 'w' else W14}}}{local}"


class WordDoc:
    """A .docx held in memory, edited at the XML level as Word would save it."""

    def __init__(self, data: bytes):
        self.parts = {}
        with zipfile.ZipFile(BytesIO(data)) as archive:
            for info in archive.infolist():
                self.parts[info.filename] = archive.read(info.filename)
        self.root = etree.fromstring(self.parts["word/document.xml"])

    @classmethod
    def open(cls, path: Path) -> WordDoc:
        return cls(path.read_bytes())

    # --- finding controls ---
    def controls(self, tag: str) -> list[etree._Element]:
        return [
            sdt
            for sdt in self.root.iter(q("w:sdt"))
            if (t := sdt.find(f"{q('w:sdtPr')}/{q('w:tag')}")) is not None
            and t.get(q("w:val")) == tag
        ]

    def control(self, tag: str, index: int = 0) -> etree._Element:
        found = self.controls(tag)
        assert len(found) > index, f"no control {tag}[{index}] in the document"
        return found[index]

    # --- typing like Word ---
    def type(self, tag: str, value: Any, index: int = 0) -> WordDoc:
        sdt = self.control(tag, index)
        pr = sdt.find(q("w:sdtPr"))
        for flag in pr.findall(q("w:showingPlcHdr")):
            pr.remove(flag)
        if pr.find(q("w14:checkbox")) is not None:
            ticked = bool(value)
            pr.find(q("w14:checkbox")).find(q("w14:checked")).set(
                q("w14:val"), "1" if ticked else "0"
            )
            self._text(sdt, "☒" if ticked else "☐", keep_run_props=True)
            return self
        if isinstance(value, date):
            pr.find(q("w:date")).set(q("w:fullDate"), f"{value.isoformat()}T00:00:00Z")
            value = f"{value:%d.%m.%Y}"
        if (dropdown := pr.find(q("w:dropDownList"))) is not None:
            for item in dropdown.findall(q("w:listItem")):
                if item.get(q("w:value")) == value:
                    value = item.get(q("w:displayText"))
        self._text(sdt, str(value))
        return self

    def fill(self, values: dict[str, Any]) -> WordDoc:
        """Scalars by tag; lists of row dicts for repeating groups (tag 'group.column')."""
        for key, value in values.items():
            if isinstance(value, list):
                for i, row in enumerate(value):
                    for column, cell_value in row.items():
                        self.type(f"{key}.{column}", cell_value, index=i)
            else:
                self.type(key, value)
        return self

    def _text(self, sdt: etree._Element, text: str, keep_run_props: bool = False) -> None:
        content = sdt.find(q("w:sdtContent"))
        runs = content.findall(q("w:r"))
        props = runs[0].find(q("w:rPr")) if runs and keep_run_props else None
        for run in runs:
            content.remove(run)
        run = etree.SubElement(content, q("w:r"))
        if props is not None:
            run.append(copy.deepcopy(props))
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if i:
                etree.SubElement(run, q("w:br"))
            t = etree.SubElement(run, q("w:t"))
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = line

    # --- what users do beside the rules ---
    def type_beside(self, tag: str, text: str, index: int = 0) -> WordDoc:
        """Type after the control (which keeps its placeholder), in the same paragraph."""
        sdt = self.control(tag, index)
        run = etree.Element(q("w:r"))
        etree.SubElement(run, q("w:t")).text = text
        sdt.addnext(run)
        return self

    def delete_control(self, tag: str, index: int = 0, keep_text: bool = False) -> WordDoc:
        """Delete the control; with keep_text, its content stays as plain runs (Word's
        'Remove content control')."""
        sdt = self.control(tag, index)
        parent = sdt.getparent()
        position = parent.index(sdt)
        if keep_text:
            for run in reversed(sdt.find(q("w:sdtContent")).findall(q("w:r"))):
                parent.insert(position, run)
        parent.remove(sdt)
        return self

    def strip_tags(self) -> WordDoc:
        """What LibreOffice does to plain controls: titles stay, tags go."""
        for tag in list(self.root.iter(q("w:tag"))):
            tag.getparent().remove(tag)
        return self

    def add_row(self, tag_in_table: str, cells: Iterable[str]) -> WordDoc:
        """Add a row at the end of the table holding ``tag_in_table``, with plain text cells —
        what Word gives when the user presses Tab in the last cell."""
        table = self.control(tag_in_table)
        while table.tag != q("w:tbl"):
            table = table.getparent()
        last = table.findall(q("w:tr"))[-1]
        row = etree.SubElement(table, q("w:tr"))
        for old_cell, text in zip(last.findall(q("w:tc")), cells, strict=True):
            cell = etree.SubElement(row, q("w:tc"))
            if (tc_pr := old_cell.find(q("w:tcPr"))) is not None:
                cell.append(copy.deepcopy(tc_pr))
            paragraph = etree.SubElement(cell, q("w:p"))
            if text:
                etree.SubElement(etree.SubElement(paragraph, q("w:r")), q("w:t")).text = text
        return self

    def legacy_checkbox(self, tag: str, checked: bool, index: int = 0) -> WordDoc:
        """Replace a check-box control by an old FORMCHECKBOX form field."""
        sdt = self.control(tag, index)
        parent = sdt.getparent()
        position = parent.index(sdt)
        parent.remove(sdt)
        state = f'<w:checked w:val="{1 if checked else 0}"/>'
        runs = [
            f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{tag}"/>'
            f'<w:enabled/><w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>'
            f'<w:default w:val="0"/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>',
            f'<w:r xmlns:w="{W}"><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText>'
            "</w:r>",
            f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="end"/></w:r>',
        ]
        for i, xml in enumerate(runs):
            parent.insert(position + i, etree.fromstring(xml))
        return self

    def set_identifier(self, identifier: str | None) -> WordDoc:
        core = etree.fromstring(self.parts["docProps/core.xml"])
        for el in core:
            if etree.QName(el).localname == "identifier":
                if identifier is None:
                    core.remove(el)
                else:
                    el.text = identifier
        self.parts["docProps/core.xml"] = etree.tostring(
            core, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        return self

    def bytes(self) -> bytes:
        self.parts["word/document.xml"] = etree.tostring(
            self.root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.parts.items():
                archive.writestr(name, data)
        return buffer.getvalue()

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.bytes())
        return path


def libreoffice_round_trip(data: bytes, container: str = "docx") -> bytes:
    """Open and save the document with LibreOffice (headless), in the same format again."""
    target = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML"}[container]
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"skjema.{container}"
        source.write_bytes(data)
        out = Path(tmp) / "ut"
        subprocess.run(
            [
                "soffice", f"-env:UserInstallation=file://{tmp}/profil", "--headless",
                "--convert-to", target, "--outdir", str(out), str(source),
            ],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        return (out / f"skjema.{container}").read_bytes()
