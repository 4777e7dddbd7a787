# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A one-page PDF 1.4 of plain text, written by hand (README "Reports", "Bodies per format").

Five objects (catalog, page tree, page, font, content stream), a cross-reference table with the exact byte offset of
each, the trailer and ``%%EOF``. With a password the strings and streams are encrypted with the standard security
handler, revision 2 (RC4 with a 40-bit key, ISO 32000-1 section 7.6.3), the oldest every reader opens.
"""

from __future__ import annotations

import hashlib
import struct
from typing import List, Optional

# ISO 32000-1 7.6.3.3, algorithm 2: the padding that completes a password to 32 bytes.
PADDING = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")
PERMISSIONS = -4  # every operation allowed; the two low bits must be 0
KEY_LENGTH = 5  # revision 2: 40 bits
LINE_HEIGHT = 14
TOP = 800


def rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _padded(password: str) -> bytes:
    return (password.encode("latin-1", "replace") + PADDING)[:32]


class _Security:
    """The standard security handler's values for one user password (the owner password is the same)."""

    def __init__(self, password: str, file_id: bytes) -> None:
        padded = _padded(password)
        self.owner = rc4(hashlib.md5(padded).digest()[:KEY_LENGTH], padded)  # algorithm 3
        seed = padded + self.owner + struct.pack("<i", PERMISSIONS) + file_id
        self.key = hashlib.md5(seed).digest()[:KEY_LENGTH]  # algorithm 2
        self.user = rc4(self.key, PADDING)  # algorithm 4

    def encrypt(self, number: int, data: bytes) -> bytes:
        # Algorithm 1: the object's key from the file key, its number (3 bytes) and generation 0 (2 bytes).
        object_key = hashlib.md5(self.key + struct.pack("<i", number)[:3] + b"\0\0").digest()[: KEY_LENGTH + 5]
        return rc4(object_key, data)

    def dictionary(self) -> bytes:
        return b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (
            self.owner.hex().encode(),
            self.user.hex().encode(),
            PERMISSIONS,
        )


def _literal(text: str) -> bytes:
    """A PDF string literal's bytes in WinAnsi/Latin-1; characters outside it become '?'."""
    raw = text.encode("latin-1", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(lines: List[str]) -> bytes:
    shown = b"".join(b"(%s) Tj T*\n" % _literal(line) for line in lines)
    return b"BT\n/F1 10 Tf\n%d TL\n50 %d Td\n%sET\n" % (LINE_HEIGHT, TOP, shown)


def pdf_document(lines: List[str], file_id: bytes, password: Optional[str] = None) -> bytes:
    """One A4 page showing ``lines`` in Helvetica; encrypted for ``password`` when one is given."""
    security = _Security(password, file_id) if password is not None else None
    stream = _content(lines)
    if security:
        stream = security.encrypt(5, stream)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    if security:
        objects.append(security.dictionary())
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    identifier = file_id.hex().encode()
    encrypt = b" /Encrypt %d 0 R" % len(objects) if security else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]%s >>\n" % (
        len(objects) + 1,
        identifier,
        identifier,
        encrypt,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
