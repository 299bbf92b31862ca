"""Look at an Office file before anything parses it: what it is, and whether it is safe to open.

Every check here works on the zip's central directory and on the first bytes of a few parts, so a
hostile or broken file is refused before it costs memory or time:

- an empty file; an old (.doc/.xls) or password-protected Office file (an OLE compound file);
- a zip that is no Word document or workbook, or a zip that is cut off or damaged;
- macros (``vbaProject.bin``, a macro-enabled content type), whatever the file is called;
- a zip bomb: the declared unpacked sizes and compression ratios are checked before any part is
  unpacked (``zipfile`` never unpacks more than a part declares, so the declared size holds);
- in a workbook, XML with a DTD (external entities, entity expansion) in any part, and a sheet
  with more rows than any form has (its ``dimension``, else its rows counted as it unpacks).

Word's ``document.xml`` is checked for a DTD as it is parsed (``readers/docx.py``); the parser
never loads a DTD, resolves an entity or touches the network.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from typing import Any

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MB = 1024 * 1024
RATIO_CHECKED_FROM = 10 * MB  # a small part cannot hurt, however well it compresses
HEAD = 4096  # bytes of a part read to look for a DTD or a sheet's dimension
_MACRO_PARTS = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$", re.I)
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*\d*:?[A-Z]*(\d+)\"")
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")


@dataclass(frozen=True)
class Limits:
    """How much fpdocs takes in one file (settings: max_file_mb, max_unpacked_mb, ...)."""

    max_file_bytes: int = 50 * MB
    max_unpacked_bytes: int = 100 * MB
    max_ratio: float = 100.0
    max_parts: int = 1000
    max_rows: int = 10_000


class Refused(ValueError):
    """The file cannot be read. ``reason`` is a code (the note and the log use it); ``facts``
    are the sizes and counts the note quotes, never content."""

    def __init__(self, reason: str, **facts: Any):
        super().__init__(reason)
        self.reason = reason
        self.facts = facts


def inspect(data: bytes, limits: Limits | None = None) -> tuple[str, zipfile.ZipFile]:
    """'docx' or 'xlsx' and the opened package, or ``Refused`` saying why not."""
    limits = limits or Limits()
    if not data:
        raise Refused("empty")
    if len(data) > limits.max_file_bytes:
        raise Refused("too_large", size=len(data), limit=limits.max_file_bytes)
    if data.startswith(OLE_MAGIC):
        raise Refused(_ole_kind(data))
    try:
        package = zipfile.ZipFile(BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise Refused("damaged" if data.startswith(b"PK") else "not_office") from None
    names = {info.filename for info in infos}
    _check_sizes(infos, limits)
    if any(_MACRO_PARTS.search(name) for name in names):
        raise Refused("macros")
    container = _container(names)
    types = _read_head(package, "[Content_Types].xml", 64 * 1024)
    if b"macroenabled" in types.lower():
        raise Refused("macros")
    if container is None:
        raise Refused("not_office", kind=_other_kind(package, names))
    if container == "xlsx":
        _check_workbook(package, infos, limits)
    return container, package


def _ole_kind(data: bytes) -> str:
    """An OLE compound file: encrypted OOXML, or a .doc/.xls from before 2007. Stream names
    stand in its directory in UTF-16."""
    if "EncryptionInfo".encode("utf-16-le") in data:
        return "encrypted"
    return "old_format"


def _container(names: set[str]) -> str | None:
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def _other_kind(package: zipfile.ZipFile, names: set[str]) -> str:
    """What a zip that is no form seems to be, for the note: 'pptx', 'odf' or 'zip'."""
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "mimetype" in names and _read_head(package, "mimetype", 100).startswith(
        b"application/vnd.oasis.opendocument"
    ):
        return "odf"
    return "zip"


def _check_sizes(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_parts:
        raise Refused("too_many_parts", parts=len(infos), limit=limits.max_parts)
    for info in infos:
        if info.file_size >= RATIO_CHECKED_FROM and (
            info.file_size > limits.max_ratio * max(info.compress_size, 1)
        ):
            raise Refused("zip_bomb", packed=info.compress_size, unpacked=info.file_size)
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.max_unpacked_bytes:
        raise Refused("unpacked_too_large", unpacked=unpacked, limit=limits.max_unpacked_bytes)


def _read_head(package: zipfile.ZipFile, name: str, size: int = HEAD) -> bytes:
    try:
        with package.open(name) as part:
            return part.read(size)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        return b""


def has_dtd(head: bytes) -> bool:
    """A DTD (and with it any entity) stands before the root element; Office never writes one.
    The head is looked at as UTF-8 and, when it has NUL bytes, as UTF-16."""
    texts = [head]
    if b"\x00" in head[:64]:
        texts += [head.decode(codec, "ignore").encode() for codec in ("utf-16-le", "utf-16-be")]
    return any(b"<!DOCTYPE" in text or b"<!ENTITY" in text for text in texts)


def _check_workbook(package: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")):
            continue
        head = _read_head(package, info.filename)
        if has_dtd(head):
            raise Refused("xml_entities")
        if not re.search(rb"<(?:\w+:)?worksheet[\s>]", head):
            continue
        rows, exact = _rows_of(package, info, head, limits.max_rows)
        if rows > limits.max_rows:
            raise Refused("too_many_rows", rows=rows, exact=exact, limit=limits.max_rows)


def _rows_of(
    package: zipfile.ZipFile, info: zipfile.ZipInfo, head: bytes, limit: int
) -> tuple[int, bool]:
    """The sheet's rows by its dimension (A1:J1000000 says a million), else counted as the part
    unpacks, stopping as soon as there are more than ``limit`` (then not ``exact``)."""
    dimension = _DIMENSION.search(head)
    if dimension and int(dimension[1]) > limit:
        return int(dimension[1]), True
    count, tail = 0, b""
    try:
        with package.open(info) as part:
            while chunk := part.read(256 * 1024):
                text = tail + chunk
                count += len(_ROW.findall(text))
                if count > limit:
                    return count, False
                tail = text[-8:]
                count -= len(_ROW.findall(tail))  # counted again with the next chunk
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        raise Refused("damaged") from None
    return count, True
