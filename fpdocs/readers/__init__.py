"""Container readers: .docx and .xlsx to plain content. They know XML and cells, not forms.

``read`` first looks at the package (``readers/package.py``: limits, old and encrypted Office
files, macros, zip bombs, DTDs, huge sheets), then reads it; every refusal is a ``Refused`` with
a reason code for the note.
"""

from __future__ import annotations

from fpdocs.readers import docx, xlsx
from fpdocs.readers.docx import DocxContent, NotDocx, read_docx
from fpdocs.readers.package import Limits, Refused, inspect
from fpdocs.readers.xlsx import NotXlsx, XlsxContent, read_xlsx

Content = DocxContent | XlsxContent
Unreadable = Refused  # the older name of what ``read`` raises


def container_of(data: bytes) -> str | None:
    """'docx' or 'xlsx' from the package's parts (never from the file name), else None."""
    try:
        return inspect(data, Limits(max_file_bytes=max(len(data), 1)))[0]
    except Refused:
        return None


DEFAULT_LIMITS = Limits()


def read(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Content:
    container, package = inspect(data, limits)
    try:
        if container == "docx":
            return docx.read_docx_package(package)
        return xlsx.read_xlsx(data)
    except (docx.HostileXml, xlsx.HostileXml):
        raise Refused("xml_entities") from None
    except (NotDocx, NotXlsx):
        raise Refused("damaged") from None


__all__ = [
    "Content", "DocxContent", "Limits", "Refused", "Unreadable", "XlsxContent", "container_of",
    "read", "read_docx", "read_xlsx",
]  # fmt: skip
