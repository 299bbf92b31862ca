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

from fpdocs.ooxml.controls import KNOWN_PLACEHOLDERS
from fpdocs.ooxml.ns import W, qn, safe_parser
from fpdocs.readers.package import HEAD, has_dtd

CORE = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"


class NotDocx(ValueError):
    """The bytes are not a Word document we can open."""


@dataclass(slots=True)
class Control:
    kind: str  # text | date | choice | checkbox
    tag: str | None
    title: str | None
    text: str  # "" when the control shows its placeholder
    checked: bool | None = None
    full_date: str | None = None


@dataclass(slots=True)
class Cell:
    controls: list[Control]
    beside: str  # text in the cell outside any control (a label, or text typed beside one)
    first_line: str  # the first paragraph's text outside controls: where a label stands
    full: str = ""  # all text in the cell, controls included, placeholders left out


@dataclass(slots=True)
class Table:
    rows: list[list[Cell]]


@dataclass(slots=True)
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
    # fields from the old form-field toolbar are rare: look for them only where there are some
    legacy = next(body.iter(_FFDATA), None) is not None
    for table in body.iter(_TBL):
        content.tables.append(_table(table, legacy))
    # without legacy fields only paragraphs that hold a control give anything, and there are
    # none when no control stands outside the tables (the usual form)
    if legacy:
        paragraphs = _PARAGRAPHS_OUTSIDE_TABLES(body)
    elif _ANY_CONTROL_OUTSIDE_TABLES(body):
        paragraphs = _CONTROL_PARAGRAPHS_OUTSIDE_TABLES(body)
    else:
        paragraphs = []
    for paragraph in paragraphs:
        content.loose.extend(_loose(paragraph, legacy))
    return content


def _properties(archive: zipfile.ZipFile) -> dict[str, str]:
    try:
        raw = archive.read("docProps/core.xml")
        core = etree.fromstring(raw, safe_parser())
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return {}
    if has_dtd(raw[:HEAD]) or core.getroottree().docinfo.internalDTD is not None:
        raise HostileXml("core.xml has a DTD")
    found = {}
    for el in core:
        tag = el.tag
        if isinstance(tag, str) and tag.startswith((CORE, DC)):
            found[tag.rsplit("}", 1)[1]] = (el.text or "").strip()
    return found


def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    """``tag`` children of ``parent``, and those wrapped in a control (a control around a row or
    a cell), in document order."""
    found = []
    for child in parent:
        child_tag = child.tag
        if child_tag == tag:
            found.append(child)
        elif child_tag == _SDT:
            for content in child.iterchildren(_SDT_CONTENT):
                found.extend(content.iterchildren(tag))
    return found


def _rows(table: etree._Element) -> list[etree._Element]:
    return _children(table, _TR)


def _cells(row: etree._Element) -> list[etree._Element]:
    return _children(row, _TC)


_NS = {"w": W}


def _outside_tables(condition: str) -> etree.XPath:
    """Paragraphs under the body (meeting ``condition``) that are in no table: the body's own
    paragraphs, those inside them (text boxes), and those inside its other blocks (block-level
    controls); tables are not searched at all, which is what makes this fast."""
    return etree.XPath(
        f"./w:p{condition} | ./w:p//w:p{condition}[not(ancestor::w:tbl)]"
        f" | ./*[not(self::w:p or self::w:tbl)]//w:p{condition}[not(ancestor::w:tbl)]",
        namespaces=_NS,
    )


_ANY_CONTROL_OUTSIDE_TABLES = etree.XPath(
    "boolean(./*[not(self::w:tbl)]//w:sdt)", namespaces=_NS
)  # may say yes for a table inside a block-level control: then the search below says no
_PARAGRAPHS_OUTSIDE_TABLES = _outside_tables("")
_CONTROL_PARAGRAPHS_OUTSIDE_TABLES = _outside_tables("[w:sdt]")

_T, _TAB, _BR, _P, _FLD, _SDT = (
    qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:p"), qn("w:fldChar"), qn("w:sdt"),
)  # fmt: skip
_TBL, _TR, _TC, _SDT_PR, _SDT_CONTENT = (
    qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdtPr"), qn("w:sdtContent"),
)  # fmt: skip
_TAG, _ALIAS, _VAL, _SHOWING_PLACEHOLDER, _FLD_TYPE = (
    qn("w:tag"), qn("w:alias"), qn("w:val"), qn("w:showingPlcHdr"), qn("w:fldCharType"),
)  # fmt: skip
_FFDATA = qn("w:ffData")
_CHECKBOX, _CHECKED, _VAL14, _DATE, _FULL_DATE, _DROPDOWN, _COMBOBOX = (
    qn("w14:checkbox"), qn("w14:checked"), qn("w14:val"), qn("w:date"), qn("w:fullDate"),
    qn("w:dropDownList"), qn("w:comboBox"),
)  # fmt: skip
_PROPERTY_TAGS = frozenset(
    {_TAG, _ALIAS, _SHOWING_PLACEHOLDER, _CHECKBOX, _DATE, _DROPDOWN, _COMBOBOX}
)
_TEXT_TAGS = (_T, _TAB, _BR, _P, _FLD, _SDT)
_CELL_TAGS = (*_TEXT_TAGS, _TC)
_PLAIN_TEXT_TAGS = (_T, _TAB, _BR, _P)


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
            in_field_result = _field_result_depth(node, in_field_result)
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


def _all_text(element: etree._Element) -> str:
    """``_text_of(element, skip_controls=False)``, in one cheaper walk: with nothing skipped,
    controls and form fields need no bookkeeping."""
    parts: list[str] = []
    for node in element.iter(_PLAIN_TEXT_TAGS):
        tag = node.tag
        if tag == _T:
            parts.append(node.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _BR or parts:
            parts.append("\n")
    return "".join(parts).strip()


def _is_descendant(node: etree._Element, ancestor: etree._Element) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


def _field_result_depth(fld_char: etree._Element, depth: int) -> int:
    """How deep inside the shown result of a legacy form field (FORMTEXT) the walk is, after
    this field character: its result starts at "separate" and ends at "end"."""
    kind = fld_char.get(_FLD_TYPE)
    if kind == "separate" and _is_form_field(fld_char):
        return depth + 1
    if kind == "end" and depth:
        return depth - 1
    return depth


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


def _control(sdt: etree._Element, text: str | None = None) -> Control:
    """A control from its properties; ``text`` is what its content says, when the caller has
    read it already (``_all_text`` of the content)."""
    pr = content = None
    for child in sdt:  # the first of each, as find() would give
        tag = child.tag
        if tag == _SDT_PR:
            pr = child if pr is None else pr
        elif tag == _SDT_CONTENT:
            content = child if content is None else content
    first: dict[str, etree._Element] = {}
    if pr is not None:
        for child in pr:
            tag = child.tag
            if tag in _PROPERTY_TAGS and tag not in first:
                first[tag] = child
    # what ooxml.controls.control_kind decides, from the properties found in one walk
    if _CHECKBOX in first:
        kind = "checkbox"
    elif _DATE in first:
        kind = "date"
    elif _DROPDOWN in first or _COMBOBOX in first:
        kind = "choice"
    else:
        kind = "text"
    if content is None:
        text = ""
    elif text is None:
        text = _all_text(content)
    if _SHOWING_PLACEHOLDER in first or text in KNOWN_PLACEHOLDERS:
        text = ""
    control = Control(kind, _val(first.get(_TAG)), _val(first.get(_ALIAS)), text)
    if kind == "checkbox":
        checked = first[_CHECKBOX].find(_CHECKED)
        control.checked = checked is not None and checked.get(_VAL14) in ("1", "true")
    elif kind == "date":
        control.full_date = first[_DATE].get(_FULL_DATE)
    return control


def _val(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    return element.get(_VAL) or None


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
    for sdt in element.iter(_SDT):
        below = sdt.iter(_SDT, _TC)
        next(below)  # the control itself
        if next(below, None) is not None:  # holds another control, or cells
            continue
        found.append(_inherit(_control(sdt), sdt, element))
    return found


def _inherit(control: Control, sdt: etree._Element, stop: etree._Element) -> Control:
    """A control without a tag or title takes them from the controls around it."""
    outer = sdt.getparent()
    while outer is not None and outer is not stop and not (control.tag and control.title):
        if outer.tag == _SDT:
            pr = outer.find(_SDT_PR)
            control.tag = control.tag or _val(pr.find(_TAG))
            control.title = control.title or _val(pr.find(_ALIAS))
        outer = outer.getparent()
    return control


def _table(table: etree._Element, legacy: bool) -> Table:
    """A table's cells, read in one walk over the table (one lxml iterator per table, not per
    cell). For each cell: the text beside its controls (what ``_text_of(tc, True)`` gives), its
    first line (``_text_of(first paragraph, True)``), all its text (``_text_of(tc, False)``) and
    its innermost controls (``_innermost_controls(tc)``). Cells of tables nested in a cell
    count as that cell's content, as in those functions; nested tables are read on their own
    as well."""
    rows = [_cells(tr) for tr in _rows(table)]
    at = {id(tc): (r, c) for r, row in enumerate(rows) for c, tc in enumerate(row)}
    read: list[list[Cell | None]] = [[None] * len(row) for row in rows]
    tc: etree._Element | None = None  # the cell being read
    beside: list[str] = []
    every: list[str] = []
    boxes: list[etree._Element] = []  # controls and nested cells, in document order
    inside: dict[etree._Element, list[str]] = {}  # the text in each control ``beside`` skips
    in_field_result = 0
    skip_until: etree._Element | None = None  # the control whose subtree ``beside`` skips
    first: etree._Element | None = None  # the cell's first paragraph
    cut: int | None = None  # where in ``beside`` the second paragraph starts
    flat = True  # every paragraph sits right in the cell (not in a control or a nested table)
    for node in table.iterdescendants(_CELL_TAGS):
        tag = node.tag
        if tag == _TC and id(node) in at:  # the next cell of this table
            if tc is not None:
                r, c = at[id(tc)]
                read[r][c] = _finish_cell(tc, beside, every, boxes, inside, first, cut, flat,
                                          legacy)  # fmt: skip
            tc, beside, every, boxes, inside = node, [], [], [], {}
            in_field_result, skip_until, first, cut, flat = 0, None, None, None, True
            continue
        if tc is None:
            continue  # before the first cell: table properties, no text
        skipping = False
        if skip_until is not None:
            if _is_descendant(node, skip_until):
                skipping = True
            else:  # past the control (a later node is never inside it again)
                skip_until = None
        if tag == _T:
            text = node.text or ""
        elif tag == _P:  # a line break, unless nothing came before it
            if skipping and (parts := inside[skip_until]):
                parts.append("\n")
            if first is None:
                first = node
            elif cut is None:
                cut = len(beside)
            if flat and node.getparent() is not tc:
                flat = False
            if every:
                every.append("\n")
            if beside and not skipping and not in_field_result:
                beside.append("\n")
            continue
        elif tag == _SDT:
            if not skipping and not _is_descendant(node, tc):
                continue  # a control around a later row or cell, not in this cell
            boxes.append(node)
            if not skipping:
                skip_until = node
                inside[node] = []
            continue
        elif tag == _TAB:
            text = "\t"
        elif tag == _BR:
            text = "\n"
        elif tag == _FLD:
            if not skipping:
                in_field_result = _field_result_depth(node, in_field_result)
            continue
        else:  # a cell of a table inside this cell
            boxes.append(node)
            continue
        every.append(text)
        if skipping:
            inside[skip_until].append(text)
        elif not in_field_result:
            beside.append(text)
    if tc is not None:
        r, c = at[id(tc)]
        read[r][c] = _finish_cell(tc, beside, every, boxes, inside, first, cut, flat, legacy)
    return Table(read)  # type: ignore[arg-type] - every cell of the table is read


def _finish_cell(
    tc: etree._Element, beside: list[str], every: list[str], boxes: list[etree._Element],
    inside: dict[etree._Element, list[str]], first: etree._Element | None, cut: int | None,
    flat: bool, legacy: bool,
) -> Cell:  # fmt: skip
    if first is None:
        first_line = ""
    elif flat:  # the first paragraph's text is what came before the second one
        first_line = "".join(beside if cut is None else beside[:cut]).strip()
    else:
        first_line = _text_of(first, True)
    controls = []
    for i, box in enumerate(boxes):
        # innermost: the next control or cell after it in document order is not inside it
        if box.tag == _SDT and not (i + 1 < len(boxes) and _is_descendant(boxes[i + 1], box)):
            # a control the walk went through on its own: its text is what the walk saw in it
            # (only its content holds text: w:t, w:tab, w:br and w:p are not properties)
            parts = inside.get(box)
            control = _control(box, "".join(parts).strip() if parts is not None else None)
            controls.append(
                control if control.tag and control.title else _inherit(control, box, tc)
            )
    if legacy:
        controls += _legacy_checkboxes(tc) + _legacy_text_fields(tc)
    text = "".join(every).strip()
    return Cell(controls, "".join(beside).strip(), first_line, _without_placeholders(text))


def _without_placeholders(text: str) -> str:
    """Everything written in the cell, in order, placeholders left out."""
    if "\n" not in text:
        return "" if text.strip() in KNOWN_PLACEHOLDERS else text
    lines = text.split("\n")
    return "\n".join(line for line in lines if line.strip() not in KNOWN_PLACEHOLDERS).strip()


def _loose(paragraph: etree._Element, legacy: bool = True) -> list[LooseControl]:
    found = []
    before: list[str] = []
    for child in paragraph:
        if child.tag == _SDT:
            label = "".join(before).strip()
            if not label:
                previous = paragraph.getprevious()
                label = _text_of(previous, True) if previous is not None else ""
            found.extend(LooseControl(control, label) for control in _innermost_controls(child))
            before = []
        else:
            before.extend(t.text or "" for t in child.iter(_T))
    if legacy:
        for control in _legacy_checkboxes(paragraph) + _legacy_text_fields(paragraph):
            found.append(LooseControl(control, _text_of(paragraph, True)))
    return found
