"""A docxtpl template compiled once and rendered many times, fast.

Plain docxtpl opens the template package, cleans and compiles its XML with Jinja, renders, then
writes and compresses every part again — for each document. ``CompiledTemplate`` does the
opening, cleaning and compiling once; per document it renders the compiled template, applies
the same table fixes and control finishing, and writes only ``word/document.xml`` (plus chart
parts) into a copy of the other parts, which stay compressed as they were.

The output's document XML is the same as docxtpl's followed by ``finish_controls``
(``render_with_docxtpl``, kept as the reference and the benchmark baseline).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping
from io import BytesIO
from pathlib import Path
from typing import Any

from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docxtpl import DocxTemplate
from jinja2 import Environment
from lxml import etree

from fpdocs.ooxml.controls import finish_controls
from fpdocs.render.chart import CHART_REL, CHART_TYPE, BarChart

DOCUMENT = "word/document.xml"
CONTENT_TYPES = "[Content_Types].xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def charts_in(context: Mapping[str, Any]) -> list[BarChart]:
    """Every chart anywhere in a template context (values, lists, dicts), each once."""
    found: dict[str, BarChart] = {}

    def walk(value: Any) -> None:
        if isinstance(value, str):
            return
        if isinstance(value, BarChart):
            found.setdefault(value.digest, value)
        elif isinstance(value, Mapping):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(context)
    return list(found.values())


class CompiledTemplate:
    def __init__(self, path: Path):
        self.path = path
        self._tpl = DocxTemplate(str(path))
        self._tpl.init_docx()
        self._tpl.render_init()
        # docxtpl puts a new line before each paragraph for its error messages and takes them
        # out after rendering; compiling without them gives the same text
        self._jinja = Environment(autoescape=True).from_string(
            self._tpl.patch_xml(self._tpl.get_xml())
        )
        self._root = self._tpl.docx._element
        with zipfile.ZipFile(path) as package:
            self._content_types = package.read(CONTENT_TYPES)
            self._rels = package.read(DOCUMENT_RELS)
            unchanged = BytesIO()
            with zipfile.ZipFile(unchanged, "w", zipfile.ZIP_DEFLATED) as out:
                for info in package.infolist():
                    if info.filename not in (DOCUMENT, CONTENT_TYPES, DOCUMENT_RELS):
                        out.writestr(info, package.read(info.filename))
        self._unchanged = unchanged.getvalue()
        self._fast = _TextPath.learn(self)

    def _rendered(self, context: Mapping[str, Any]) -> str:
        """The Jinja output with docxtpl's own clean-ups (what it parses next)."""
        xml = self._jinja.render(context)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%")
        xml = xml.replace("%_}", "%}")
        if any(char in xml for char in "\t\a\n\f"):  # resolve_listing changes nothing else
            xml = self._tpl.resolve_listing(xml)
        return xml

    def reference_xml(self, context: Mapping[str, Any]) -> bytes:
        """The document XML the slow, sure way: parse, fix tables and drawing ids, finish the
        controls, serialize — what docxtpl and ``finish_controls`` do."""
        body = self._tpl.fix_tables(self._rendered(context))
        self._tpl.docx_ids_index = 1000
        self._tpl.fix_docpr_ids(body)
        self._root.replace(self._root.body, body)
        finish_controls(self._root)
        return etree.tostring(self._root, encoding="UTF-8", standalone=True)

    def document_xml(self, context: Mapping[str, Any]) -> bytes:
        """The rendered word/document.xml, exactly as the reference makes it. The usual case
        is done on the text: no parse of the whole document, only of each content control;
        anything unusual (a table that docxtpl would fix, nested controls) takes the sure way."""
        xml = self._rendered(context)
        fast = self._fast.document(xml) if self._fast else None
        return fast if fast is not None else self.reference_xml(context)

    def render(self, context: Mapping[str, Any]) -> bytes:
        document = self.document_xml(context)
        charts = charts_in(context)
        buffer = BytesIO(self._unchanged)
        buffer.seek(0, 2)
        # the parts written anew are compressed fast: they are small, and a draft is rewritten
        # often; the unchanged parts keep the template's compression
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
            out.writestr(CONTENT_TYPES, _with_chart_types(self._content_types, charts))
            out.writestr(DOCUMENT_RELS, _with_chart_rels(self._rels, charts))
            out.writestr(DOCUMENT, document)
            for chart in charts:
                out.writestr(chart.part_name, chart.xml)
        return buffer.getvalue()


_FINISHED_BY_PARSE = ("<w14:checkbox", "<w:date", "<w:showingPlcHdr", "<w:br")
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_BODY = re.compile(r"<w:body\b[^>]*>(.*)</w:body>", re.DOTALL)
_SDT = re.compile(r"<w:sdt>.*?</w:sdt>", re.DOTALL)  # never nested: see _TextPath.learn
_DOC_PR = re.compile(r'(<wp:docPr id=")\d+(")')
_TABLE = re.compile(r"<w:tbl>(.*?)</w:tbl>", re.DOTALL)
_ROW_START = re.compile(r"<w:tr[ >]")
_SPAN = re.compile(r'<w:gridSpan w:val="(\d+)"/>')


class _TextPath:
    """The document XML made on the text, equal to the reference's lxml serialization.

    What lxml's parse and serialize change, done here: character references Jinja's escaping
    writes (&#39; &#34;) become plain characters; empty elements are written <x/>; drawing ids
    are numbered from 1001. Each content control is parsed alone and finished. Learned per
    template: the document's text around the body. ``document`` returns None for anything
    it does not handle, and the caller takes the reference path.
    """

    def __init__(self, head: bytes, tail: bytes, wrapper: tuple[str, str]):
        self.head, self.tail, self.wrapper = head, tail, wrapper
        self.finished: dict[str, str] = {}  # a control's text -> its finished text

    @classmethod
    def learn(cls, template: CompiledTemplate) -> _TextPath | None:
        source = template._tpl.patch_xml(template._tpl.get_xml())
        nested_controls = any(
            "<w:sdt>" in block[7:] for block in re.findall(r"<w:sdt>.*?</w:sdt>", source, re.DOTALL)
        )
        nested_tables = "<w:tbl>" in "".join(re.findall(r"<w:tc>.*?</w:tc>", source, re.DOTALL))
        outside_text = re.sub(r"<w:t(?: [^>]*)?>[^<]*</w:t>", "", source)
        if (
            re.search(r'="[^"]*\{[{%]', source)  # Jinja inside attributes
            or "{{" in outside_text  # a value written anywhere but in a text run
            or re.search(r"\{%-?\s*tc\b", template._tpl.get_xml())  # column loops
            or nested_controls
            or nested_tables
            or _needs_table_fix(source)
        ):
            return None  # the sure way, always
        template._root.replace(template._root.body, etree.fromstring(
            template._tpl.get_xml().encode()
        ))  # fmt: skip
        whole = etree.tostring(template._root, encoding="UTF-8", standalone=True)
        start = re.search(rb"<w:body\b[^>]*>", whole)
        end = whole.rindex(b"</w:body>")
        if start is None:
            return None
        declarations = " ".join(
            f'xmlns:{prefix}="{uri}"' for prefix, uri in template._root.nsmap.items() if prefix
        )
        wrapper = (f"<w:body {declarations}>", "</w:body>")
        return cls(whole[: start.end()], whole[end:], wrapper)

    def document(self, xml: str) -> bytes | None:
        body = _BODY.search(xml)
        if body is None:
            return None
        inner = body.group(1).replace("&#39;", "'").replace("&#34;", '"')
        # values are only ever written in text runs (see learn): an empty one is <w:t/>
        inner = inner.replace('<w:t xml:space="preserve"></w:t>', '<w:t xml:space="preserve"/>')
        inner = inner.replace("<w:t></w:t>", "<w:t/>")
        counter = iter(range(1001, 1_000_000))
        inner = _DOC_PR.sub(lambda m: f"{m.group(1)}{next(counter)}{m.group(2)}", inner)
        try:
            inner = _SDT.sub(self._finished, inner)
        except etree.XMLSyntaxError:
            return None
        return self.head + inner.encode("utf-8") + self.tail

    def _finished(self, match: re.Match[str]) -> str:
        block = match.group(0)
        done = self.finished.get(block)
        if done is None:
            done = self._finish(block)
            if len(self.finished) < 50_000:
                self.finished[block] = done
        return done

    def _finish(self, block: str) -> str:
        if not any(mark in block for mark in _FINISHED_BY_PARSE):
            text = "".join(_TEXT.findall(block))
            if text.strip() and "\n" not in text:
                return block  # a filled text or choice control: finish_controls leaves it
        start, end = self.wrapper
        holder = etree.fromstring(start + block + end)
        finish_controls(holder)
        text = etree.tostring(holder, encoding="unicode")
        return text[text.index(">") + 1 : text.rindex("</w:body>")]


def _needs_table_fix(body: str) -> bool:
    """Would docxtpl's fix_tables change a table? (A row with more cells than grid columns, or
    fewer cells, spans counted, than the grid in every row.)"""
    for table in _TABLE.finditer(body):
        content = table.group(1)
        columns = content.count("<w:gridCol ") + content.count("<w:gridCol/>")
        widest = 0
        for row in _ROW_START.split(content)[1:]:
            cells = row.count("<w:tc>") + row.count("<w:tc ")
            if cells > columns:
                return True
            if "<w:gridSpan" in row:
                spans = _SPAN.findall(row)
                cells += sum(int(n) for n in spans) - len(spans)
            widest = max(widest, cells)
        if widest < columns:
            return True
    return False


def _with_chart_types(xml: bytes, charts: Iterable[BarChart]) -> bytes:
    overrides = "".join(
        f'<Override PartName="/{c.part_name}" ContentType="{CHART_TYPE}"/>' for c in charts
    )
    return xml.replace(b"</Types>", overrides.encode() + b"</Types>") if overrides else xml


def _with_chart_rels(xml: bytes, charts: Iterable[BarChart]) -> bytes:
    rels = "".join(
        f'<Relationship Id="{c.rid}" Type="{CHART_REL}" '
        f'Target="{c.part_name.removeprefix("word/")}"/>'
        for c in charts
    )
    return xml.replace(b"</Relationships>", rels.encode() + b"</Relationships>") if rels else xml


def render_with_docxtpl(path: Path, context: Mapping[str, Any]) -> bytes:
    """The reference: plain docxtpl (open, render, save) per document, charts added as parts,
    controls finished the same way."""
    document = DocxTemplate(str(path))
    document.init_docx()
    part = document.docx.part
    for chart in charts_in(context):
        chart_part = Part(PackURI("/" + chart.part_name), CHART_TYPE, chart.xml, part.package)
        part.rels.add_relationship(CHART_REL, chart_part, chart.rid)
    document.render(dict(context), autoescape=True)
    finish_controls(document.docx.element)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
