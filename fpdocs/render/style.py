"""The house style every generated Word document shares: A4 page, fonts, colours, styles,
confidentiality header and page-numbered footer, bordered tables."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt, RGBColor

INK = RGBColor(0x1F, 0x3A, 0x5F)
LABEL_FILL = "E8EEF5"
HEADER_FILL = "1F3A5F"
BORDER = "8DA2B8"
CONFIDENTIAL = "Unntatt offentlighet, jf. offl. § 13 og bvl. § 13-1"
Document = DocxDocument


def page(doc: Document, landscape: bool) -> None:
    section = doc.sections[0]
    width, height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.8)


def styles(doc: Document) -> None:
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


def header_footer(doc: Document, footer: str) -> None:
    section = doc.sections[0]
    head = section.header.paragraphs[0]
    head.text = CONFIDENTIAL
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    head.style = doc.styles["Hint"]
    foot = section.footer.paragraphs[0]
    foot.style = doc.styles["Hint"]
    foot.text = f"{footer}    Side "
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
    run._r.append(parse_xml(f"<w:t {nsdecls('w')}>1</w:t>"))
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def table(doc: Document, rows: int, cols: int, widths: list[float]):
    table = doc.add_table(rows=rows, cols=cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    table._tbl.tblPr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>"))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid: what LibreOffice lays out by
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)  # the cells: what Word lays out by
    return table


def repeat_header(row) -> None:
    """Repeat this row at the top of every page the table runs over."""
    row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def shade(cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )


def text_width(doc: Document) -> float:
    section = doc.sections[0]
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def pairs_table(doc, pairs: list[tuple[str, str]]) -> None:
    """Label | value rows, labels shaded."""
    total = text_width(doc)
    grid = table(doc, len(pairs), 2, [total * 0.36, total * 0.64])
    for row, (label, value) in zip(grid.rows, pairs, strict=True):
        shade(row.cells[0], LABEL_FILL)
        row.cells[0].paragraphs[0].text = label
        row.cells[0].paragraphs[0].style = doc.styles["Label"]
        row.cells[1].paragraphs[0].text = value
        row.cells[1].paragraphs[0].style = doc.styles["Cell"]
    doc.add_paragraph(style="Hint")


def grid_table(
    doc, rows, shares: list[float], highlight: set[str] = frozenset(), fills=None
) -> None:
    """A header row and data rows; ``shares`` of the text width per column; ``fills`` per row;
    rows whose first cell is in ``highlight`` are shaded and bold."""
    total = text_width(doc)
    grid = table(doc, len(rows), len(shares), [total * s for s in shares])
    for r, (row, values) in enumerate(zip(grid.rows, rows, strict=True)):
        for cell, value in zip(row.cells, values, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.text = str(value)
            paragraph.style = doc.styles["Column heading" if r == 0 else "Cell"]
            if r == 0:
                shade(cell, "1F3A5F")
            elif fills and fills[r]:
                shade(cell, fills[r])
            elif values[0] in highlight:
                shade(cell, LABEL_FILL)
                for run in paragraph.runs:
                    run.font.bold = True
    repeat_header(grid.rows[0])
    doc.add_paragraph(style="Hint")


def report_document(title: str, subtitle: str, footer: str, identifier: str):
    """A new house-style document that staff read (not a form), with its heading written."""
    from docx import Document as new_document

    doc = new_document()
    page(doc, landscape=False)
    styles(doc)
    header_footer(doc, footer)
    core = doc.core_properties
    core.title, core.identifier, core.language = title, identifier, "nb-NO"
    core.author = core.last_modified_by = "fpdocs"
    doc.add_paragraph(title, style="Title")
    doc.add_paragraph(subtitle, style="Subtitle")
    return doc


def to_bytes(doc) -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
