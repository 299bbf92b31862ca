"""Content controls (w:sdt): build them for templates, and finish them after a render.

A control's tag is the field's JSON key, its title (w:alias) the Norwegian label. The text
inside a template's control is a Jinja expression; after docxtpl has rendered it,
``finish_controls`` turns each control into what Word shows for that value: a placeholder when
empty, a ticked or empty box, a date the date picker understands, line breaks for new lines.
"""

from __future__ import annotations

import re
from datetime import date
from xml.sax.saxutils import quoteattr

from lxml import etree

from fpdocs.ooxml.ns import NSMAP, qn

PLACEHOLDERS = {
    "text": "Klikk for å skrive",
    "multiline": "Klikk for å skrive",
    "date": "Velg dato",
    "choice": "Velg fra listen",
}
# Texts Word and LibreOffice show in an empty control; a reader treats them as no value.
KNOWN_PLACEHOLDERS = frozenset(
    {
        *PLACEHOLDERS.values(),
        "Klikk eller trykk her for å skrive inn tekst.",
        "Klikk eller trykk for å skrive inn en dato.",
        "Velg et element.",
        "Click or tap here to enter text.",
        "Click or tap to enter a date.",
        "Choose an item.",
        "Click here to enter text.",
    }
)
CHECKED, UNCHECKED = "☒", "☐"
_BOX_FONT = "MS Gothic"
_NS = f'xmlns:w="{NSMAP["w"]}" xmlns:w14="{NSMAP["w14"]}"'


def build_control(
    kind: str,
    tag: str,
    title: str,
    expression: str,
    options: tuple[tuple[str, str], ...] = (),
    control_id: int = 0,
) -> etree._Element:
    """A run-level content control whose text is ``expression`` (a Jinja expression)."""
    if kind == "checkbox":
        typed = (
            f'<w14:checkbox><w14:checked w14:val="0"/>'
            f'<w14:checkedState w14:val="2612" w14:font="{_BOX_FONT}"/>'
            f'<w14:uncheckedState w14:val="2610" w14:font="{_BOX_FONT}"/></w14:checkbox>'
        )
        font = f'w:ascii="{_BOX_FONT}" w:eastAsia="{_BOX_FONT}" w:hAnsi="{_BOX_FONT}"'
        run_pr = f"<w:rPr><w:rFonts {font}/></w:rPr>"
    elif kind == "date":
        typed = (
            '<w:date><w:dateFormat w:val="dd.MM.yyyy"/><w:lid w:val="nb-NO"/>'
            '<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>'
        )
        run_pr = ""
    elif kind == "choice":
        items = "".join(
            f"<w:listItem w:displayText={quoteattr(label)} w:value={quoteattr(value)}/>"
            for value, label in options
        )
        typed = f"<w:dropDownList>{items}</w:dropDownList>"
        run_pr = ""
    elif kind == "multiline":
        typed = ""  # rich text: line breaks survive both Word and LibreOffice
        run_pr = ""
    else:
        typed = "<w:text/>"
        run_pr = ""
    xml = (
        f"<w:sdt {_NS}><w:sdtPr><w:alias w:val={quoteattr(title)}/>"
        f'<w:tag w:val={quoteattr(tag)}/><w:id w:val="{control_id}"/>{typed}</w:sdtPr>'
        f'<w:sdtContent><w:r>{run_pr}<w:t xml:space="preserve">{_escape(expression)}</w:t></w:r>'
        f"</w:sdtContent></w:sdt>"
    )
    return etree.fromstring(xml)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def control_kind(sdt_pr: etree._Element) -> str:
    if sdt_pr.find(qn("w14:checkbox")) is not None:
        return "checkbox"
    if sdt_pr.find(qn("w:date")) is not None:
        return "date"
    if sdt_pr.find(qn("w:dropDownList")) is not None or sdt_pr.find(qn("w:comboBox")) is not None:
        return "choice"
    return "text"


def finish_controls(root: etree._Element) -> None:
    """Make every control in a rendered document show its value the way Word would."""
    for sdt in root.iter(qn("w:sdt")):
        pr = sdt.find(qn("w:sdtPr"))
        content = sdt.find(qn("w:sdtContent"))
        if pr is None or content is None or content.find(qn("w:p")) is not None:
            continue  # block-level controls are left as they are
        kind = control_kind(pr)
        texts = content.findall(f".//{qn('w:t')}")
        value = "".join(t.text or "" for t in texts)
        for flag in pr.findall(qn("w:showingPlcHdr")):
            pr.remove(flag)
        if kind == "checkbox":
            ticked = value.strip() in {"True", "1", CHECKED, "x", "X"}
            pr.find(qn("w14:checkbox")).find(qn("w14:checked")).set(
                qn("w14:val"), "1" if ticked else "0"
            )
            _set_text(texts, CHECKED if ticked else UNCHECKED)
            continue
        if not value.strip():
            _after_id(pr, etree.Element(qn("w:showingPlcHdr")))
            _set_text(texts, PLACEHOLDERS.get(kind, PLACEHOLDERS["text"]))
            _placeholder_style(content)
            continue
        if kind == "date":
            when = _dmy(value)
            if when:
                pr.find(qn("w:date")).set(qn("w:fullDate"), f"{when.isoformat()}T00:00:00Z")
        if "\n" in value:
            _line_breaks(texts, value)


def _set_text(texts: list[etree._Element], text: str) -> None:
    if not texts:
        return
    texts[0].text = text
    for extra in texts[1:]:
        extra.text = ""


def _after_id(pr: etree._Element, element: etree._Element) -> None:
    """Word writes the placeholder flag after w:id, before the control's type element."""
    anchor = pr.find(qn("w:id"))
    pr.insert(pr.index(anchor) + 1 if anchor is not None else len(pr), element)


def _placeholder_style(content: etree._Element) -> None:
    """Grey placeholder text, by style (Word) and directly (editors that ignore the style)."""
    for run in content.iter(qn("w:r")):
        r_pr = run.find(qn("w:rPr"))
        if r_pr is None:
            r_pr = etree.Element(qn("w:rPr"))
            run.insert(0, r_pr)
        style = etree.Element(qn("w:rStyle"))
        style.set(qn("w:val"), "PlaceholderText")
        r_pr.insert(0, style)
        if r_pr.find(qn("w:color")) is None:
            color = etree.SubElement(r_pr, qn("w:color"))
            color.set(qn("w:val"), "808080")


def _line_breaks(texts: list[etree._Element], value: str) -> None:
    """Put multi-line text into the first run as text + w:br pairs."""
    first = texts[0]
    _set_text(texts, "")
    run = first.getparent()
    index = run.index(first)
    run.remove(first)
    for i, line in enumerate(value.split("\n")):
        if i:
            run.insert(index, etree.Element(qn("w:br")))
            index += 1
        t = etree.Element(qn("w:t"))
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = line
        run.insert(index, t)
        index += 1


def _dmy(text: str) -> date | None:
    m = re.fullmatch(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*", text)
    if not m:
        return None
    try:
        return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None
