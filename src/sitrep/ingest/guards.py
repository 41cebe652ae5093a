"""Ingest stage: checks every input passes before it is read (size, emptiness, binary, UTF-8)."""

from __future__ import annotations

from pathlib import Path

from ..errors import BadEncoding, BinaryInput, EmptyInput, TooLarge


def check_size(path: Path, max_bytes: int) -> int:
    """The file's size, after refusing empty and over-size files (checked before reading)."""
    size = path.stat().st_size
    if size == 0:
        raise EmptyInput("empty file", ref=str(path))
    if size > max_bytes:
        raise TooLarge(f"{size} bytes is over the limit of {max_bytes} (setting max_bytes)", ref=str(path))
    return size


def check_binary(data: bytes, ref: str) -> None:
    """Refuse data that is not text: NUL bytes or many control characters at its start."""
    head = data[:8192]
    if b"\x00" in head:
        raise BinaryInput("binary data (NUL bytes), not a text article", ref=ref)
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.05:
        raise BinaryInput("binary data (control characters), not a text article", ref=ref)


def decode_utf8(data: bytes, ref: str) -> str:
    """Strict UTF-8 (a BOM is allowed); refuse anything else with the offending byte's offset."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadEncoding(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", ref=ref
        ) from exc
    if not text.strip():
        raise EmptyInput("only white space", ref=ref)
    return text
