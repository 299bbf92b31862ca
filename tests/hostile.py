"""Hostile and broken files, built in code, so a reader sees exactly what each one holds.

Each builder returns the bytes a staff member (or an attacker) could save into the inbox: a zip
that is no form, a cut-off .docx, an old .doc or a password-protected file (OLE compound files,
written here sector by sector), a macro document renamed to .docx, XML with external entities or
entity expansion, a zip bomb, a workbook with a million rows.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def zip_of(parts: dict[str, bytes], level: int = 6) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def with_parts(data: bytes, **changes: bytes) -> bytes:
    """The package with some parts replaced or added (keys: part names, '/' written as '__')."""
    parts = parts_of(data)
    parts.update({name.replace("__", "/"): value for name, value in changes.items()})
    return zip_of(parts)


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (CFB version 3, 512-byte sectors) with ``streams`` in its
    root storage: what a Word 97-2003 .doc, or a password-protected .docx/.xlsx, is on disk.
    Streams are padded to 4096 bytes so that they live in normal sectors (no mini stream)."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))  # the directory's order
    fat, body, starts = [FATSECT, ENDOFCHAIN], b"", []  # sector 0: FAT, sector 1: directory
    for name in names:
        content = streams[name].ljust(4096, b"\0")
        content += b"\0" * (-len(content) % 512)
        first, count = len(fat), len(content) // 512
        starts.append(first)
        fat += [first + i + 1 for i in range(count - 1)] + [ENDOFCHAIN]
        body += content
    assert len(fat) <= 128 and len(names) <= 3
    fat_sector = struct.pack("<128I", *(fat + [FREESECT] * (128 - len(fat))))

    def entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NOSTREAM, right, child)
            + b"\0" * 16  # CLSID
            + struct.pack("<I", 0)  # state bits
            + b"\0" * 16  # created, modified
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, NOSTREAM, 1, ENDOFCHAIN, 0)
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else NOSTREAM
        directory += entry(name, 2, right, NOSTREAM, starts[i], len(streams[name]))
    directory = directory.ljust(512, b"\0")
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        OLE_MAGIC, b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6,
        0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0,
    )  # fmt: skip
    header += struct.pack("<109I", 0, *([FREESECT] * 108))
    return header + fat_sector + directory + body


def old_word_document() -> bytes:
    """A Word 97-2003 .doc (the text stream and its table)."""
    return ole_file({"WordDocument": b"\xec\xa5" + b"\0" * 510, "1Table": b"\0" * 64})


def password_protected() -> bytes:
    """A .docx saved with a password: Office encrypts the package into an OLE file."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<encryption xmlns='agile'/>"
    return ole_file({"EncryptionInfo": info, "EncryptedPackage": b"\x17" * 4000})


MACRO_CONTENT_TYPE = b"application/vnd.ms-word.document.macroEnabled.main+xml"
DOCX_CONTENT_TYPE = (
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)


def macro_document(docx: bytes) -> bytes:
    """A macro-enabled document (.docm) renamed to .docx: its content type says so, and it
    carries the VBA project."""
    parts = parts_of(docx)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        DOCX_CONTENT_TYPE, MACRO_CONTENT_TYPE
    )
    parts["word/vbaProject.bin"] = ole_file({"dir": b'Attribute VB_Name = "Fiktiv"'})
    return zip_of(parts)


def with_dtd(xml: bytes, dtd: bytes, reference: bytes) -> bytes:
    """``xml`` with a DTD before its root element, and ``reference`` (e.g. &xxe;) typed into
    its first text element."""
    start = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    root = re.match(rb"\s*<([\w:]+)", xml[start:])[1]
    text = re.search(rb"<(?:w:)?t(?: [^>]*)?>", xml)
    xml = xml[: text.end()] + reference + xml[text.end() :]
    return xml[:start] + b"<!DOCTYPE " + root + b" [" + dtd + b"]>" + xml[start:]


def external_entity(secret_path: str) -> tuple[bytes, bytes]:
    """(DTD, reference) that would pull the contents of a file on the server into the form."""
    return b'<!ENTITY xxe SYSTEM "file://' + secret_path.encode() + b'">', b"&xxe;"


def billion_laughs() -> tuple[bytes, bytes]:
    """(DTD, reference): ten levels of ten copies each, 10^9 'lol's when expanded."""
    dtd = b'<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1)) * 10) for i in range(1, 10)
    )
    return dtd, b"&lol9;"


def zip_bomb(unpacked_mb: int = 60) -> bytes:
    """A docx-shaped zip whose document.xml unpacks from a few dozen KB to ``unpacked_mb`` MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as part:
            part.write(b"<w:document><w:body><w:p><w:r><w:t>")
            block = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                part.write(block)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


def many_images(docx: bytes, count: int, size: int) -> bytes:
    """A form with ``count`` incompressible pictures of ``size`` bytes pasted in."""
    import random

    rng = random.Random(7)
    pictures = {f"word__media__bilde{i}.jpeg": rng.randbytes(size) for i in range(count)}
    return with_parts(docx, **pictures)


def million_rows(xlsx: bytes, rows: int = 1_000_000, dimension: bool = True) -> bytes:
    """The meeting log with ``rows`` rows typed into its first sheet (a number in column A of
    each), with Excel's dimension element saying so, or without one."""
    parts = parts_of(xlsx)
    sheet = parts["xl/worksheets/sheet1.xml"]
    extra = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n)
                     for n in range(200, rows + 1))  # fmt: skip
    sheet = sheet.replace(b"</sheetData>", extra + b"</sheetData>")
    start, end = sheet.index(b"<dimension"), sheet.index(b"/>", sheet.index(b"<dimension")) + 2
    new_dimension = b'<dimension ref="A1:H%d"/>' % rows if dimension else b""
    parts["xl/worksheets/sheet1.xml"] = sheet[:start] + new_dimension + sheet[end:]
    return zip_of(parts, level=1)
