"""Build a form's Word template from its description (``FormSpec``).

The result is both a real office form — heading, case header, sections, tables for repeating
groups, one content control per field (tag = JSON key, title = Norwegian label) — and a docxtpl
template: each control holds a Jinja expression, each repeating table a ``{%tr for %}`` loop.
The templates in ``templates/docx/`` are made by this module (``fpdocs templates build``) and
may then be restyled by an office; readers never depend on anything but tags, titles and labels.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt, RGBColor

from fpdocs.forms.base import FieldSpec, FormSpec
from fpdocs.ooxml.controls import build_control

INK = RGBColor(0x1F, 0x3A, 0x5F)
LABEL_FILL = "E8EEF5"
HEADER_FILL = "1F3A5F"
BORDER = "8DA2B8"
CONFIDENTIAL = "Unntatt offentlighet, jf. offl. § 13 og bvl. § 13-1"


def build_template(spec: FormSpec, path: Path) -> None:
    doc = Document()
    _page(doc, landscape=any(len(f.columns) >= 5 for f in spec.fields()))
    _styles(doc)
    _properties(doc, spec)
    _header_footer(doc, spec)

    title = doc.add_paragraph(spec.title, style="Title")
    title.paragraph_format.space_after = Pt(2)
    sub = doc.add_paragraph("Familiepartner – barneverntjenesten", style="Subtitle")
    sub.paragraph_format.space_after = Pt(8)
    if spec.intro:
        doc.add_paragraph(spec.intro, style="Intro")
    doc.add_paragraph("Felt merket * må fylles ut.", style="Hint")

    ids = iter(range(1000, 100000))
    for section in spec.sections:
        doc.add_paragraph(section.title, style="Heading 1")
        if section.intro:
            doc.add_paragraph(section.intro, style="Intro")
        scalars: list[FieldSpec] = []
        for key in section.fields:
            field = spec.field(key)
            if field.is_group or field.kind == "multiline":
                _scalar_table(doc, scalars, ids)
                scalars = []
                if field.is_group:
                    _group_table(doc, field, ids, several=len(section.fields) > 1)
                else:
                    _text_box(doc, field, ids)
            else:
                scalars.append(field)
        _scalar_table(doc, scalars, ids)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


def _page(doc: Document, landscape: bool) -> None:
    section = doc.sections[0]
    width, height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.8)


def _styles(doc: Document) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(3)
    r_pr = normal.element.get_or_add_rPr()
    r_pr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="nb-NO"/>'))

    title = styles["Title"]
    title.font.size, title.font.bold, title.font.color.rgb = Pt(22), True, INK
    title.font.name = "Calibri"
    # python-docx's Title has a bottom border; keep it, it reads as a form heading
    subtitle = styles["Subtitle"]
    subtitle.font.size, subtitle.font.italic = Pt(11), False
    subtitle.font.color.rgb = RGBColor(0x59, 0x59, 0x59)

    h1 = styles["Heading 1"]
    h1.font.size, h1.font.color.rgb, h1.font.name = Pt(13), INK, "Calibri"
    h1.paragraph_format.space_before, h1.paragraph_format.space_after = Pt(14), Pt(4)
    h1.paragraph_format.keep_with_next = True
    h2 = styles["Heading 2"]
    h2.font.size, h2.font.color.rgb, h2.font.name = Pt(11), INK, "Calibri"
    h2.paragraph_format.space_before, h2.paragraph_format.space_after = Pt(8), Pt(3)
    h2.paragraph_format.keep_with_next = True

    intro = styles.add_style("Intro", WD_STYLE_TYPE.PARAGRAPH)
    intro.base_style = normal
    intro.font.size = Pt(10)
    intro.paragraph_format.space_after = Pt(4)
    hint = styles.add_style("Hint", WD_STYLE_TYPE.PARAGRAPH)
    hint.base_style = normal
    hint.font.size, hint.font.italic = Pt(8.5), True
    hint.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    hint.paragraph_format.space_after = Pt(0)
    placeholder = styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
    placeholder.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
    cell = styles.add_style("Cell", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.paragraph_format.space_before, cell.paragraph_format.space_after = Pt(1), Pt(1)
    label = styles.add_style("Label", WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = cell
    label.font.bold = True
    label.font.color.rgb = INK
    head = styles.add_style("Column heading", WD_STYLE_TYPE.PARAGRAPH)
    head.base_style = cell
    head.font.bold, head.font.size = True, Pt(9.5)
    head.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def _properties(doc: Document, spec: FormSpec) -> None:
    core = doc.core_properties
    core.title = spec.title
    core.subject = f"Familiepartner – {spec.title}"
    core.identifier = spec.identifier
    core.version = str(spec.version)
    core.category = "Familiepartner-skjema"
    core.keywords = f"fpdocs {spec.name} v{spec.version}"
    core.author = "fpdocs"
    core.last_modified_by = "fpdocs"
    core.comments = "Skjema fra fpdocs. Feltene leses automatisk: ikke slett utfyllingsfeltene."
    core.language = "nb-NO"
    core.revision = 1


def _header_footer(doc: Document, spec: FormSpec) -> None:
    section = doc.sections[0]
    head = section.header.paragraphs[0]
    head.text = CONFIDENTIAL
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    head.style = doc.styles["Hint"]
    foot = section.footer.paragraphs[0]
    foot.style = doc.styles["Hint"]
    foot.text = f"{spec.title} – skjemaversjon {spec.version}    Side "
    _field(foot, "PAGE")
    foot.add_run(" av ")
    _field(foot, "NUMPAGES")


def _field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    run._r.append(
        parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instruction} </w:instrText>')
    )
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    run._r.append(parse_xml(f'<w:t {nsdecls("w")}>1</w:t>'))
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def _label(field: FieldSpec) -> str:
    return field.label + (" *" if field.required else "")


def _table(doc: Document, rows: int, cols: int, widths: list[float]):
    table = doc.add_table(rows=rows, cols=cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    table._tbl.tblPr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}>{borders}</w:tblBorders>'))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    return table


def _shade(cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )


def _text_width(doc: Document) -> float:
    section = doc.sections[0]
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def _put_control(paragraph, field: FieldSpec, expression: str, ids, tag: str) -> None:
    paragraph._p.append(
        build_control(field.kind, tag, field.label, expression, field.options, next(ids))
    )


def _scalar_table(doc: Document, fields: list[FieldSpec], ids) -> None:
    if not fields:
        return
    total = _text_width(doc)
    table = _table(doc, len(fields), 2, [total * 0.36, total * 0.64])
    for row, field in zip(table.rows, fields, strict=True):
        label_cell, value_cell = row.cells
        _shade(label_cell, LABEL_FILL)
        label_cell.paragraphs[0].text = _label(field)
        label_cell.paragraphs[0].style = doc.styles["Label"]
        value_cell.paragraphs[0].style = doc.styles["Cell"]
        _put_control(value_cell.paragraphs[0], field, "{{ %s }}" % field.key, ids, field.key)
    doc.add_paragraph(style="Hint")


def _text_box(doc: Document, field: FieldSpec, ids) -> None:
    """A long free text: the label as a shaded heading cell, a tall writing cell below."""
    table = _table(doc, 2, 1, [_text_width(doc)])
    head, body = table.rows[0].cells[0], table.rows[1].cells[0]
    _shade(head, LABEL_FILL)
    head.paragraphs[0].text = _label(field)
    head.paragraphs[0].style = doc.styles["Label"]
    if field.hint:
        head.add_paragraph(field.hint, style="Hint")
    table.rows[1].height = Cm(3.0)
    body.paragraphs[0].style = doc.styles["Cell"]
    _put_control(body.paragraphs[0], field, "{{ %s }}" % field.key, ids, field.key)
    doc.add_paragraph(style="Hint")


def _group_table(doc: Document, group: FieldSpec, ids, several: bool) -> None:
    if several:
        doc.add_paragraph(_label(group), style="Heading 2")
    if group.hint:
        doc.add_paragraph(group.hint, style="Hint")
    weights = [2.0 if c.kind in ("text", "multiline") else 1.2 for c in group.columns]
    if group.columns[0].kind == "checkbox":
        weights[0] = 1.0
    total = _text_width(doc)
    widths = [total * w / sum(weights) for w in weights]
    table = _table(doc, 4, len(group.columns), widths)
    header, loop_start, data, loop_end = table.rows
    _repeat_header(header)
    for cell, column in zip(header.cells, group.columns, strict=True):
        _shade(cell, HEADER_FILL)
        cell.paragraphs[0].text = _label(column)
        cell.paragraphs[0].style = doc.styles["Column heading"]
    loop_start.cells[0].paragraphs[0].text = "{%%tr for r in %s %%}" % group.key
    loop_end.cells[0].paragraphs[0].text = "{%tr endfor %}"
    for cell, column in zip(data.cells, group.columns, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.style = doc.styles["Cell"]
        if column.kind == "checkbox":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        tag = f"{group.key}.{column.key}"
        _put_control(paragraph, column, "{{ r.%s }}" % column.key, ids, tag)
    doc.add_paragraph(style="Hint")


def _repeat_header(row) -> None:
    row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
