"""ZIP containers from outside (Word, Excel and OpenDocument files, ZIP
imports) are checked before anything parses them, against decompression
bombs: a few kilobytes that inflate to gigabytes.

``check_archive`` reads only the central directory first (entry count,
declared sizes, compression ratio per entry and overall, encryption), then
inflates every entry in small chunks, counting the bytes that really come
out, so an archive that lies about its sizes is refused too. Memory stays at
one chunk; nothing is kept."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

CHUNK = 64 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    max_uncompressed: int = 100 * 1024 * 1024
    max_ratio: int = 200  # office XML is rarely above 30:1; bombs are above 1,000:1
    max_entries: int = 5000


DEFAULT_LIMITS = ArchiveLimits()


class ArchiveRefused(ValueError):
    """The message is fit to show the person who sent the file."""

    def __init__(self, message: str, *, damaged: bool = False):
        super().__init__(message)
        self.damaged = damaged


def _damaged() -> ArchiveRefused:
    return ArchiveRefused("The file is damaged or is not a valid document.", damaged=True)


_TOO_BIG = (
    "The file expands to more than {limit} MB when opened. "
    "Save it again without embedded media, or split it, and try again."
)


def check_archive(data: bytes, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
    """Raise ArchiveRefused unless the ZIP in ``data`` is safe to open."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _damaged() from error
    with archive:
        entries = archive.infolist()
        _check_declared(entries, len(data), limits)
        _check_actual(archive, entries, limits)


def _check_declared(entries, size: int, limits: ArchiveLimits) -> None:
    if len(entries) > limits.max_entries:
        raise ArchiveRefused("The file holds too many parts to be a document.")
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise ArchiveRefused("The file is encrypted. Remove the password and try again.")
        total += entry.file_size
        if entry.file_size > limits.max_ratio * max(entry.compress_size, 1) + CHUNK:
            raise ArchiveRefused(_TOO_BIG.format(limit=limits.max_uncompressed // 2**20))
    if total > limits.max_uncompressed or total > limits.max_ratio * size + CHUNK:
        raise ArchiveRefused(_TOO_BIG.format(limit=limits.max_uncompressed // 2**20))


def _check_actual(archive: zipfile.ZipFile, entries, limits: ArchiveLimits) -> None:
    total = 0
    try:
        for entry in entries:
            written = 0
            with archive.open(entry) as stream:
                while chunk := stream.read(CHUNK):
                    written += len(chunk)
                    total += len(chunk)
                    if written > entry.file_size or total > limits.max_uncompressed:
                        raise ArchiveRefused(
                            _TOO_BIG.format(limit=limits.max_uncompressed // 2**20)
                        )
    except ArchiveRefused:
        raise
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
        zlib.error,
    ) as error:
        # zipfile's own CRC and length checks catch an entry that lies about its size.
        raise _damaged() from error
