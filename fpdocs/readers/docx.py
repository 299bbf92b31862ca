"""Read a .docx into plain content: its properties, its tables and cells, its content controls.

Knows XML and cells, nothing about forms: which control or cell is which field is decided in
``fpdocs.extract``. Copes with what editors leave behind: controls without tags (LibreOffice),
text typed beside a control, legacy form-field check boxes, controls around cells or rows.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from fpdocs.ooxml.controls import KNOWN_PLACEHOLDERS, control_kind
from fpdocs.ooxml.ns import W, qn, safe_parser
from fpdocs.readers.package import HEAD, has_dtd

CORE = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"


class NotDocx(ValueError):
    """The bytes are not a Word document we can open."""


@dataclass
class Control:
    kind: str  # text | date | choice | checkbox
    tag: str | None
    title: str | None
    text: str  # "" when the control shows its placeholder
    checked: bool | None = None
    full_date: str | None = None


@dataclass
class Cell:
    controls: list[Control]
    beside: str  # text in the cell outside any control (a label, or text typed beside one)
    first_line: str  # the first paragraph's text outside controls: where a label stands
    full: str = ""  # all text in the cell, controls included, placeholders left out


@dataclass
class Table:
    rows: list[list[Cell]]


@dataclass
class LooseControl:
    control: Control
    before: str  # text before the control in its paragraph, or the paragraph before it


@dataclass
class DocxContent:
    properties: dict[str, str]
    tables: list[Table] = field(default_factory=list)
    loose: list[LooseControl] = field(default_factory=list)

    def controls(self) -> list[Control]:
        found = [c for t in self.tables for row in t.rows for cell in row for c in cell.controls]
        return found + [lc.control for lc in self.loose]


class HostileXml(NotDocx):
    """The document's XML carries a DTD: entity definitions Word never writes."""


def read_docx(data: bytes) -> DocxContent:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise NotDocx(type(error).__name__) from None
    return read_docx_package(archive)


def read_docx_package(archive: zipfile.ZipFile) -> DocxContent:
    try:
        document = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, zlib.error) as error:
        raise NotDocx(type(error).__name__) from None
    if has_dtd(document[:HEAD]):
        raise HostileXml("document.xml has a DTD")
    try:
        root = etree.fromstring(document, safe_parser())
    except etree.XMLSyntaxError as error:
        raise NotDocx(f"document.xml: {type(error).__name__}") from None
    if root.getroottree().docinfo.internalDTD is not None:  # a DTD in an encoding not seen above
        raise HostileXml("document.xml has a DTD")
    content = DocxContent(properties=_properties(archive))
    body = root.find(qn("w:body"))
    if body is None:
        raise NotDocx("no body")
    for table in body.iter(qn("w:tbl")):
        content.tables.append(Table([[_cell(tc) for tc in _cells(tr)] for tr in _rows(table)]))
    for paragraph in body.iter(qn("w:p")):
        if _inside(paragraph, qn("w:tbl"), body):
            continue
        content.loose.extend(_loose(paragraph))
    return content


def _properties(archive: zipfile.ZipFile) -> dict[str, str]:
    try:
        raw = archive.read("docProps/core.xml")
        core = etree.fromstring(raw, safe_parser())
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return {}
    if has_dtd(raw[:HEAD]) or core.getroottree().docinfo.internalDTD is not None:
        raise HostileXml("core.xml has a DTD")
    return {
        etree.QName(el).localname: (el.text or "").strip()
        for el in core
        if el.tag.startswith((CORE, DC))
    }


def _rows(table: etree._Element) -> list[etree._Element]:
    return table.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr", namespaces=_NS)


def _cells(row: etree._Element) -> list[etree._Element]:
    return row.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc", namespaces=_NS)


_NS = {"w": W}


def _inside(element: etree._Element, tag: str, stop: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


_T, _TAB, _BR, _P, _FLD, _SDT = (
    qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:p"), qn("w:fldChar"), qn("w:sdt"),
)  # fmt: skip
_TEXT_TAGS = (_T, _TAB, _BR, _P, _FLD, _SDT)


def _text_of(element: etree._Element, skip_controls: bool) -> str:
    """Visible text under ``element``; with ``skip_controls``, text inside controls and legacy
    form fields is left out."""
    parts: list[str] = []
    in_field_result = 0
    skip_until: etree._Element | None = None  # the control whose subtree is being skipped
    for node in element.iter(_TEXT_TAGS):
        if skip_until is not None:
            if _is_descendant(node, skip_until):
                continue
            skip_until = None
        tag = node.tag
        if tag == _SDT:
            if skip_controls and node is not element:
                skip_until = node
            continue
        if tag == _FLD:
            kind = node.get(qn("w:fldCharType"))
            if kind == "separate" and _is_form_field(node):
                in_field_result += 1
            elif kind == "end" and in_field_result:
                in_field_result -= 1
            continue
        if skip_controls and in_field_result:
            continue
        if tag == _T:
            parts.append(node.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _BR or (tag == _P and parts):
            parts.append("\n")
    return "".join(parts).strip()


def _is_descendant(node: etree._Element, ancestor: etree._Element) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


def _is_form_field(fld_char: etree._Element) -> bool:
    # the field's begin fldChar (with ffData) is in an earlier run; checking the instruction text
    run = fld_char.getparent()
    previous = run.getprevious()
    while previous is not None:
        instr = previous.find(qn("w:instrText"))
        if instr is not None and "FORMTEXT" in (instr.text or ""):
            return True
        if (
            previous.find(qn("w:fldChar")) is not None
            and previous.find(qn("w:fldChar")).get(qn("w:fldCharType")) == "begin"
        ):
            return False
        previous = previous.getprevious()
    return False


def _control(sdt: etree._Element) -> Control:
    pr = sdt.find(qn("w:sdtPr"))
    content = sdt.find(qn("w:sdtContent"))
    pr = pr if pr is not None else etree.Element(qn("w:sdtPr"))
    kind = control_kind(pr)
    tag = _val(pr.find(qn("w:tag")))
    title = _val(pr.find(qn("w:alias")))
    text = _text_of(content, skip_controls=False) if content is not None else ""
    if pr.find(qn("w:showingPlcHdr")) is not None or text in KNOWN_PLACEHOLDERS:
        text = ""
    control = Control(kind, tag, title, text)
    if kind == "checkbox":
        checked = pr.find(qn("w14:checkbox")).find(qn("w14:checked"))
        control.checked = checked is not None and checked.get(qn("w14:val")) in ("1", "true")
    elif kind == "date":
        control.full_date = pr.find(qn("w:date")).get(qn("w:fullDate"))
    return control


def _val(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    return element.get(qn("w:val")) or None


def _legacy_checkboxes(element: etree._Element) -> list[Control]:
    """Check boxes from the old form-field toolbar (FORMCHECKBOX)."""
    found = []
    for box in element.iter(qn("w:checkBox")):
        ff_data = box.getparent()
        name = _val(ff_data.find(qn("w:name")))
        checked = box.find(qn("w:checked"))
        if checked is not None:
            state = checked.get(qn("w:val"), "1") in ("1", "true", "on")
        else:
            state = _val(box.find(qn("w:default"))) in ("1", "true", "on")
        found.append(Control("checkbox", name, name, "", checked=state))
    return found


def _legacy_text_fields(element: etree._Element) -> list[Control]:
    """Text fields from the old form-field toolbar (FORMTEXT): the result between separate and
    end."""
    found = []
    for text_input in element.iter(qn("w:textInput")):
        ff_data = text_input.getparent()
        name = _val(ff_data.find(qn("w:name")))
        run = ff_data.getparent().getparent()
        parts, in_result = [], False
        for sibling in run.itersiblings():
            fld = sibling.find(qn("w:fldChar"))
            if fld is not None and fld.get(qn("w:fldCharType")) == "separate":
                in_result = True
            elif fld is not None and fld.get(qn("w:fldCharType")) == "end":
                break
            elif in_result:
                parts.extend(t.text or "" for t in sibling.iter(qn("w:t")))
        text = "".join(parts).strip()
        found.append(Control("text", name, name, "" if set(text) <= {" ", "\u2002"} else text))
    return found


def _innermost_controls(element: etree._Element) -> list[Control]:
    """Controls that hold no other control. LibreOffice wraps a check box or date control in a
    plain outer control that carries the title; the inner one inherits it."""
    found = []
    for sdt in element.iter(qn("w:sdt")):
        if sdt.find(f".//{qn('w:sdt')}") is not None or sdt.find(f".//{qn('w:tc')}") is not None:
            continue
        control = _control(sdt)
        outer = sdt.getparent()
        while outer is not None and outer is not element and not (control.tag and control.title):
            if outer.tag == qn("w:sdt"):
                pr = outer.find(qn("w:sdtPr"))
                control.tag = control.tag or _val(pr.find(qn("w:tag")))
                control.title = control.title or _val(pr.find(qn("w:alias")))
            outer = outer.getparent()
        found.append(control)
    return found


def _cell(tc: etree._Element) -> Cell:
    controls = _innermost_controls(tc) + _legacy_checkboxes(tc) + _legacy_text_fields(tc)
    first = tc.find(f".//{qn('w:p')}")
    first_line = _text_of(first, skip_controls=True) if first is not None else ""
    return Cell(controls, _text_of(tc, skip_controls=True), first_line, _full_text(tc))


def _full_text(tc: etree._Element) -> str:
    """Everything written in the cell, in order, placeholders left out."""
    lines = _text_of(tc, skip_controls=False).split("\n")
    return "\n".join(line for line in lines if line.strip() not in KNOWN_PLACEHOLDERS).strip()


def _loose(paragraph: etree._Element) -> list[LooseControl]:
    found = []
    before: list[str] = []
    for child in paragraph:
        if child.tag == qn("w:sdt"):
            label = "".join(before).strip()
            if not label:
                previous = paragraph.getprevious()
                label = _text_of(previous, True) if previous is not None else ""
            found.extend(LooseControl(control, label) for control in _innermost_controls(child))
            before = []
        else:
            before.extend(t.text or "" for t in child.iter(qn("w:t")))
    for control in _legacy_checkboxes(paragraph) + _legacy_text_fields(paragraph):
        found.append(LooseControl(control, _text_of(paragraph, True)))
    return found
