"""Container readers: .docx and .xlsx to plain content. They know XML and cells, not forms."""

from __future__ import annotations

import zipfile
from io import BytesIO

from fpdocs.readers.docx import DocxContent, NotDocx, read_docx
from fpdocs.readers.xlsx import NotXlsx, XlsxContent, read_xlsx

Content = DocxContent | XlsxContent


class Unreadable(ValueError):
    """Neither a Word document nor a workbook we can open."""


def container_of(data: bytes) -> str | None:
    """'docx' or 'xlsx' from the package's parts (never from the file name), else None."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def read(data: bytes) -> Content:
    container = container_of(data)
    try:
        if container == "docx":
            return read_docx(data)
        if container == "xlsx":
            return read_xlsx(data)
    except (NotDocx, NotXlsx) as error:
        raise Unreadable(str(error)) from None
    raise Unreadable("not a Word document or workbook")


__all__ = ["Content", "DocxContent", "Unreadable", "XlsxContent", "container_of", "read"]
