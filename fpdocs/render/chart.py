"""Native Word bar charts (DrawingML) for the rating trend: XML, so staff can restyle them in
Word and they cost no more to render than text. The values are stored in the chart itself
(literal data), so no embedded workbook is needed.

A ``BarChart`` is put in a template as ``{{ chart }}``: it renders the run that shows the chart;
the renderer adds the chart part itself (``part_name``, ``xml``) and its relationship (``rid``).
Identical charts share one part.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from xml.sax.saxutils import escape

from markupsafe import Markup

CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_COLOURS = ("B4C7DC", "6F8FB3", "1F3A5F", "C0504D")
_EMU_PER_CM = 360000
_NO_TICKS = '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars: one group per category (area), one bar per series (time point)."""

    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int | None, ...]], ...]  # (name, one value per category)
    maximum: int = 10
    width_cm: float = 16.0

    @cached_property
    def digest(self) -> str:
        return hashlib.sha256(
            repr((self.categories, self.series, self.maximum)).encode()
        ).hexdigest()

    @property
    def rid(self) -> str:
        return f"rIdFpChart{self.digest[:12]}"

    @property
    def part_name(self) -> str:
        return f"word/charts/chart_{self.digest[:16]}.xml"

    @property
    def height_cm(self) -> float:
        return 2.0 + 0.45 * len(self.categories) * max(1, len(self.series)) ** 0.5

    @cached_property
    def xml(self) -> bytes:
        return _chart_space(self).encode("utf-8")

    def __html__(self) -> str:
        """The run that shows the chart, breaking out of the text run the tag stands in."""
        cx, cy = int(self.width_cm * _EMU_PER_CM), int(self.height_cm * _EMU_PER_CM)
        drawing = (
            '<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            '<wp:docPr id="1" name="Diagram"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_C}">'
            f'<c:chart xmlns:c="{_C}" r:id="{self.rid}"/>'  # r: declared by the document
            "</a:graphicData></a:graphic></wp:inline></w:drawing>"
        )
        return f'</w:t></w:r><w:r>{drawing}</w:r><w:r><w:t xml:space="preserve">'

    def __str__(self) -> str:
        return Markup(self.__html__())


def _chart_space(chart: BarChart) -> str:
    points = "".join(
        f'<c:pt idx="{i}"><c:v>{escape(name)}</c:v></c:pt>'
        for i, name in enumerate(chart.categories)
    )
    categories = (
        f'<c:cat><c:strLit><c:ptCount val="{len(chart.categories)}"/>{points}</c:strLit></c:cat>'
    )
    series = []
    for i, (name, values) in enumerate(chart.series):
        numbers = "".join(
            f'<c:pt idx="{j}"><c:v>{value}</c:v></c:pt>'
            for j, value in enumerate(values)
            if value is not None
        )
        colour = _COLOURS[i % len(_COLOURS)]
        series.append(
            f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>'
            f"<c:tx><c:v>{escape(name)}</c:v></c:tx>"
            f'<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></c:spPr>'
            f'<c:invertIfNegative val="0"/>{categories}'
            f"<c:val><c:numLit><c:formatCode>General</c:formatCode>"
            f'<c:ptCount val="{len(values)}"/>{numbers}</c:numLit></c:val></c:ser>'
        )
    axis_text = (
        '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800"/></a:pPr>'
        '<a:endParaRPr lang="nb-NO"/></a:p></c:txPr>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{_C}" xmlns:a="{_A}" xmlns:r="{_R}">'
        '<c:lang val="nb-NO"/><c:roundedCorners val="0"/>'
        '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>'
        '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        + "".join(series)
        + '<c:gapWidth val="60"/><c:axId val="5001"/><c:axId val="5002"/></c:barChart>'
        '<c:catAx><c:axId val="5001"/><c:scaling><c:orientation val="maxMin"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        f"{_NO_TICKS}{axis_text}"
        '<c:crossAx val="5002"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="5002"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{chart.maximum}"/><c:min val="0"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="t"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="0"/>'
        f"{_NO_TICKS}{axis_text}"
        '<c:crossAx val="5001"/><c:crosses val="max"/><c:crossBetween val="between"/>'
        '<c:majorUnit val="1"/></c:valAx></c:plotArea>'
        '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        "</c:chartSpace>"
    )
