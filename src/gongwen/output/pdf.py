"""PDFs written beside their .docx files: the pdf stage's bytes, put in place atomically."""

from __future__ import annotations

from pathlib import Path

from gongwen.errors import ConversionError, OutputError
from gongwen.output.files import atomic_write
from gongwen.pdf.convert import pdf_bytes


def convert_to_pdf(docx_paths: list[Path], soffice: str | None = None, timeout: float = 180) -> list[Path]:
    """Convert .docx files to PDF, each written beside its .docx, with one LibreOffice start.

    Args:
        docx_paths: the documents; ``x/报告.docx`` becomes ``x/报告.pdf``.
        soffice: path or name of the LibreOffice program; see ``find_soffice``.
        timeout: seconds to wait for LibreOffice before ending it.

    Returns:
        The PDF paths, in the order of ``docx_paths``.

    Raises:
        ConversionError: LibreOffice is missing, fails, times out, or a PDF cannot be written;
        the PDFs that were made are written even when another file fails.
    """
    written, failed = [], []
    conversion = pdf_bytes(docx_paths, soffice, timeout)
    for path, data in zip(docx_paths, conversion.pdfs):
        if data is None:
            failed.append(Path(path))
            continue
        target = Path(path).with_suffix(".pdf")
        try:
            atomic_write(target, data)
        except OutputError as err:
            raise ConversionError(err.format_message()) from None
        written.append(target)
    if failed:
        raise conversion.failure(failed)
    return written
