"""PDFs through LibreOffice, and the meeting packet merged with pypdf.

LibreOffice is run headless as a small pool of converters, each with its own profile folder
(two instances sharing one profile block each other). A conversion that takes longer than the
timeout is killed with its whole process group and tried once more; a failure is reported, and
the .docx it came from stays.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

from pypdf import PdfWriter


class ConversionFailed(Exception):
    """A document could not be turned into a PDF; ``reason`` says why, in Norwegian."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class PdfConverter:
    def __init__(
        self, size: int = 2, timeout: float = 120, retries: int = 1, command: str = "soffice"
    ):
        self.timeout, self.retries, self.command = timeout, retries, command
        self._home = tempfile.TemporaryDirectory(prefix="fpdocs-lo-")
        self._profiles: queue.Queue[Path] = queue.Queue()
        for n in range(size):
            self._profiles.put(Path(self._home.name) / f"profil-{n}")
        self.size = size

    def close(self) -> None:
        self._home.cleanup()

    def __enter__(self) -> PdfConverter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def convert(self, source: Path, target_dir: Path) -> Path:
        """``source`` (.docx) -> ``target_dir``/<same name>.pdf."""
        profile = self._profiles.get()
        try:
            reason = ""
            for _ in range(self.retries + 1):
                reason = self._once(source, target_dir, profile)
                if not reason:
                    return target_dir / f"{source.stem}.pdf"
            raise ConversionFailed(reason)
        finally:
            self._profiles.put(profile)

    def _once(self, source: Path, target_dir: Path, profile: Path) -> str:
        command = [
            self.command, f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--norestore", "--convert-to", "pdf", "--outdir", str(target_dir), str(source),
        ]  # fmt: skip
        try:
            process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
        except OSError:
            return f"fant ikke LibreOffice ({self.command})"
        try:
            code = process.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # soffice starts children: stop them all
            process.wait()
            return f"LibreOffice svarte ikke innen {self.timeout:g} sekunder og ble stoppet"
        if code != 0 or not (target_dir / f"{source.stem}.pdf").exists():
            return f"LibreOffice avsluttet med kode {code} uten å lage PDF"
        return ""

    def convert_many(
        self, sources: Sequence[Path], target_dir: Path
    ) -> list[Path | ConversionFailed]:
        """Convert with every converter of the pool at once; results in the order given."""

        def one(source: Path) -> Path | ConversionFailed:
            try:
                return self.convert(source, target_dir)
            except ConversionFailed as failed:
                return failed

        with ThreadPoolExecutor(self.size) as pool:
            return list(pool.map(one, sources))


def meeting_packet(
    parts: Sequence[tuple[str, Path]], *, title: str, saksnummer: str, subject: str
) -> bytes:
    """One PDF of ``parts`` (bookmark title, PDF file), each part a bookmark. The metadata
    carries the case number and period, never a name."""
    writer = PdfWriter()
    for bookmark, pdf in parts:
        writer.append(str(pdf), outline_item=bookmark, import_outline=False)
    writer.add_metadata(
        {
            "/Title": title,
            "/Subject": subject,
            "/Keywords": f"Familiepartner; sak {saksnummer}",
            "/Author": "fpdocs",
            "/Creator": "fpdocs",
            "/Producer": "fpdocs (pypdf)",
            "/Saksnummer": saksnummer,
        }
    )
    writer.page_mode = "/UseOutlines"
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
