"""Reading a project file's text: only regular files, at most a size, UTF-8 with or without a BOM.

Every OS or encoding failure becomes a :class:`~studykit.errors.Problem` that says how to fix it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import Problem


def decode_text(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes -> text, accepting a UTF-8 BOM and CRLF; a clear problem otherwise."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[err.start : err.start + 1].hex().upper()
        return None, [
            Problem(
                path,
                line,
                col,
                f"this file is not UTF-8 text (byte 0x{bad} cannot be decoded); "
                "save it as UTF-8 in your editor (\"Save with encoding: UTF-8\")",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


MAX_FILE_BYTES = 64 * 1024 * 1024  # no project file comes near this; a device or runaway file does


def read_text(path: Path, shown: str, limit: int = MAX_FILE_BYTES) -> tuple[str | None, list[Problem]]:
    """Read a text file, turning every OS or encoding failure into a Problem.

    Only regular files are read (a FIFO would block forever, a device never
    ends), and only up to ``limit`` bytes.
    """
    try:
        raw = _read_regular_file(path, limit)
    except FileNotFoundError:
        return None, [Problem(shown, 1, 1, "file not found")]
    except _NotRegular:
        return None, [Problem(shown, 1, 1, "not a regular file (a folder, device or pipe); "
                              "put the text in an ordinary file")]
    except _TooLarge:
        return None, [Problem(shown, 1, 1, f"the file is larger than {limit // (1024 * 1024)} MB; "
                              "is it the right file?")]
    except OSError as err:
        return None, [Problem(shown, 1, 1, f"cannot read the file: {err.strerror or err}")]
    return decode_text(raw, shown)


class _NotRegular(Exception):
    pass


class _TooLarge(Exception):
    pass


def _read_regular_file(path: Path, limit: int) -> bytes:
    # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular()
        if info.st_size > limit:
            raise _TooLarge()
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise _TooLarge()
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
