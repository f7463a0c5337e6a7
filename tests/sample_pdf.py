"""Small PDFs for tests and benchmarks, written by hand: one page per list of lines,
Helvetica 11pt; or pages of raw content-stream operators (hostile ones included)."""

from __future__ import annotations

import zlib


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]]) -> bytes:
    """A valid PDF whose pages hold the given lines of (Latin-1) text."""
    return make_raw_pdf(
        [
            (
                "BT /F1 11 Tf 14 TL 72 760 Td "
                + " ".join(f"({_escape(line)}) Tj T*" for line in lines)
                + " ET"
            ).encode("latin-1")
            for lines in pages
        ],
        compress=False,
    )


def many_runs_pdf(runs: int, pages: int = 1) -> bytes:
    """A PDF slow to read: each page is ``runs`` one-letter text runs, each moved one unit
    right of the last ("(a) Tj 1 0 Td"), the way a generator that places every glyph on
    its own writes them. Compressed, a page of 100,000 runs takes about 3 KB."""
    page = b"BT /F1 11 Tf 72 760 Td " + b"(a) Tj 1 0 Td " * runs + b"ET"
    return make_raw_pdf([page] * pages)


def make_raw_pdf(contents: list[bytes], *, compress: bool = True) -> bytes:
    """A valid PDF whose pages have the given content streams (Helvetica as /F1)."""
    objects: list[bytes] = []
    page_ids = [4 + 2 * index for index in range(len(contents))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{page_id} 0 R" for page_id in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(contents)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for index, content in enumerate(contents):
        stream = zlib.compress(content) if compress else content
        flate = b" /Filter /FlateDecode" if compress else b""
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {page_ids[index] + 1}"
            " 0 R /Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(
            b"<< /Length "
            + str(len(stream)).encode()
            + flate
            + b" >>\nstream\n"
            + stream
            + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def encrypt_pdf(data: bytes, password: str = "secret") -> bytes:
    """The PDF protected with a user password (RC4, which pypdf writes on its own)."""
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(data)))
    writer.encrypt(password, algorithm="RC4-128")
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
