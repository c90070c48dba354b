"""Reading the files irclient needs out of a benchmark job's ``output.tar.gz``, safely.

The archive is read as a stream, in one pass, straight from the S3 response body: nothing is
written to disk and nothing is extracted. Only the export files are kept, each up to
:attr:`Limits.member_bytes`; every other member (per-request records, plots) is read past.
The bytes decompressed are counted, so a small archive that inflates without end (a gzip or
tar bomb) stops at :attr:`Limits.uncompressed_bytes`. Links, devices and directories are
never followed or kept.
"""

from __future__ import annotations

import gzip
import tarfile
import zlib
from typing import IO

import attrs

from ..errors import BenchmarkOutputError

__all__ = ["WANTED", "Limits", "read_members"]

WANTED = frozenset(
    {"profile_export_aiperf.json", "profile_export_aiperf_sweep.json", "search_history.json"}
)
"""The file names kept from an archive, wherever they sit in it."""

_MIB = 1024 * 1024


@attrs.frozen(kw_only=True)
class Limits:
    """How much of a benchmark output irclient reads before it refuses.

    The defaults fit a sweep of hundreds of levels with room to spare; raise them for a job
    whose output is larger by design.
    """

    archive_bytes: int = 2048 * _MIB
    """Largest ``output.tar.gz`` read, compressed (its S3 ``ContentLength``)."""
    uncompressed_bytes: int = 8192 * _MIB
    """Most bytes decompressed from it, all members together."""
    member_bytes: int = 64 * _MIB
    """Largest export file kept from it (a JSON file is parsed in memory)."""
    members: int = 10_000
    """Most export files kept from it."""


class _Counted:
    """A read-only stream that stops once more than ``limit`` bytes came through."""

    def __init__(self, raw: gzip.GzipFile, limit: int, uri: str) -> None:
        self._raw = raw
        self._limit = limit
        self._uri = uri
        self.total = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size)
        self.total += len(chunk)
        if self.total > self._limit:
            raise BenchmarkOutputError(
                f"the archive inflates past {self._limit:,} bytes (Limits.uncompressed_bytes); "
                "it was not read further",
                s3_uri=self._uri,
            )
        return chunk


_BLOCK = 1 << 16
"""Bytes read from the decompressed stream at a time."""


def _name(member: tarfile.TarInfo) -> str:
    # Archives made with ``tar -C dir .`` name members ``./x``.
    name = member.name
    while name.startswith("./"):
        name = name[2:]
    return name.lstrip("/")


def read_members(body: IO[bytes], *, uri: str, limits: Limits) -> dict[str, bytes]:
    """The wanted export files of a gzip'd tar stream, by their path inside the archive.

    Args:
        body: The compressed stream (an S3 ``StreamingBody`` or any binary file).
        uri: The object's S3 URI, for errors.
        limits: Size limits.

    Raises:
        irclient.BenchmarkOutputError: The stream is not a whole gzip'd tar archive, or
            breaks a limit.
    """
    counted = _Counted(gzip.GzipFile(fileobj=body, mode="rb"), limits.uncompressed_bytes, uri)
    found: dict[str, bytes] = {}
    try:
        # "r|" reads forward only: no seeking, so a network stream works and memory stays flat.
        # A 64 KiB block: the per-request records files are skipped by reading forward, and
        # tarfile's default 10 KiB block makes that a hundred calls per MiB (a larger block
        # costs more than it saves: tarfile copies what is left of it at every header).
        with tarfile.open(  # type: ignore[call-overload]
            fileobj=counted, mode="r|", bufsize=_BLOCK
        ) as archive:
            for member in archive:
                name = _name(member)
                if not member.isreg() or name.rsplit("/", 1)[-1] not in WANTED:
                    continue
                if member.size > limits.member_bytes:
                    raise BenchmarkOutputError(
                        f"{member.size:,} bytes, over the {limits.member_bytes:,}-byte limit "
                        "(Limits.member_bytes)",
                        s3_uri=uri,
                        member=name,
                    )
                if len(found) >= limits.members:
                    raise BenchmarkOutputError(
                        f"more than {limits.members:,} export files (Limits.members)", s3_uri=uri
                    )
                handle = archive.extractfile(member)
                data = handle.read() if handle is not None else b""
                if len(data) != member.size:
                    raise BenchmarkOutputError(
                        "the archive ends inside this file (a partial upload?)",
                        s3_uri=uri,
                        member=name,
                    )
                found[name] = data
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
        detail = str(exc) or type(exc).__name__
        raise BenchmarkOutputError(
            f"not a whole gzip'd tar archive ({detail}); a partial or damaged upload is read "
            "the same way every time, so it is not retried",
            s3_uri=uri,
        ) from exc
    return found
