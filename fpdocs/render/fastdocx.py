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
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", self._tpl.patch_xml(self._tpl.get_xml()))
        self._jinja = Environment(autoescape=True).from_string(source)
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

    def document_xml(self, context: Mapping[str, Any]) -> bytes:
        """The rendered word/document.xml, exactly as the docxtpl reference makes it."""
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", self._jinja.render(context))
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%")
        xml = xml.replace("%_}", "%}")
        if any(char in xml for char in "\t\a\n\f"):  # resolve_listing changes nothing else
            xml = self._tpl.resolve_listing(xml)
        body = self._tpl.fix_tables(xml)
        self._tpl.docx_ids_index = 1000
        self._tpl.fix_docpr_ids(body)
        self._root.replace(self._root.body, body)
        finish_controls(self._root)
        return etree.tostring(self._root, encoding="UTF-8", standalone=True)

    def render(self, context: Mapping[str, Any]) -> bytes:
        document = self.document_xml(context)
        charts = charts_in(context)
        buffer = BytesIO(self._unchanged)
        buffer.seek(0, 2)
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as out:
            out.writestr(CONTENT_TYPES, _with_chart_types(self._content_types, charts))
            out.writestr(DOCUMENT_RELS, _with_chart_rels(self._rels, charts))
            out.writestr(DOCUMENT, document)
            for chart in charts:
                out.writestr(chart.part_name, chart.xml)
        return buffer.getvalue()


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
