"""Finding and reading a benchmark job's output in S3, with the user's own client settings.

The service writes the output below the job's ``OutputConfig.S3OutputLocation``, in a
subdirectory it names (``bmk-<job>-<hash>/output/output.tar.gz``) that cannot be predicted:
the prefix is listed, page by page, for keys ending in ``output.tar.gz``. Every S3 request
goes through the client's retry policy with botocore's errors translated, on an S3 client
built in the SageMaker client's Region and endpoint and signed with its credentials.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
import weakref
from collections.abc import Mapping
from typing import Any

from .._core.pipeline import call_aws
from ..errors import BenchmarkOutputError, IRClientError, from_botocore_error
from ..retry import RetryPolicy
from ._archive import Limits, read_members
from ._export import LevelResult, level_from_export, levels_from_aggregate, search_history
from ._results import BenchmarkResults

__all__ = ["find_archives", "parse_s3_uri", "read_results", "results_from_members", "s3_client_for"]

ARCHIVE_SUFFIX = "output.tar.gz"
_VIRTUAL_HOST = re.compile(r"^(?P<bucket>.+)\.s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com(?:\.cn)?$")
_MAX_LISTED = 1000  # keys named in an error, at most


def parse_s3_uri(uri: str) -> tuple[str, str]:
    """``(bucket, prefix)`` of an ``s3://`` or ``https://`` S3 location.

    Raises:
        irclient.BenchmarkOutputError: The location names no bucket.
    """
    parts = urllib.parse.urlsplit(uri)
    if parts.scheme == "s3" and parts.netloc:
        return parts.netloc, parts.path.lstrip("/")
    if parts.scheme == "https" and parts.hostname:
        hosted = _VIRTUAL_HOST.match(parts.hostname)
        if hosted:
            return hosted.group("bucket"), parts.path.lstrip("/")
        bucket, _, key = parts.path.lstrip("/").partition("/")
        if bucket:
            return bucket, key
    raise BenchmarkOutputError("not an S3 location (s3://bucket/prefix)", s3_uri=uri)


_S3_CLIENTS: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()
_S3_LOCK = threading.Lock()


def s3_client_for(client: Any) -> Any:
    """An S3 client with the credentials, Region and settings of a SageMaker client.

    Built by the one home of sibling clients (:class:`irclient._core.boto.ClientFactory`):
    the SageMaker client's credentials object, Region, endpoint settings, proxies and
    timeouts, botocore's retries off. Built once per SageMaker client and kept as long as
    that client lives (building one costs more than reading a large archive; boto3 clients
    are safe to share between threads, and the credentials object is the same one, so
    refreshed credentials are used as they are refreshed).

    Args:
        client: An :class:`~irclient.InferenceRecommenderClient` (its own factory builds
            the client) or a boto3 SageMaker client.
    """
    try:
        with _S3_LOCK:
            known = _S3_CLIENTS.get(client)
    except TypeError:  # an object that cannot be weakly referenced: built every time
        return _build_s3(client)
    if known is not None:
        return known
    built = _build_s3(client)
    with _S3_LOCK:
        return _S3_CLIENTS.setdefault(client, built)


def _build_s3(client: Any) -> Any:
    from .._core.boto import ClientFactory

    aws_client = getattr(client, "aws_client", None)
    if callable(aws_client):
        return aws_client("s3")
    return ClientFactory.like(client).client("s3")


def find_archives(s3: Any, policy: RetryPolicy, uri: str) -> list[str]:
    """Every key below ``uri`` that ends in ``output.tar.gz``, page by page (each page retried)."""
    bucket, prefix = parse_s3_uri(uri)
    found: list[str] = []
    token: str | None = None
    while True:
        params: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix}
        if token:
            params["ContinuationToken"] = token
        page = call_aws(policy, s3, "ListObjectsV2", params)
        found.extend(
            item["Key"]
            for item in page.get("Contents") or ()
            if str(item.get("Key", "")).endswith(ARCHIVE_SUFFIX)
        )
        token = page.get("NextContinuationToken") if page.get("IsTruncated") else None
        if not token:
            return sorted(found)


def _decode(uri: str, member: str, data: bytes) -> Mapping[str, Any]:
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BenchmarkOutputError(f"not valid JSON ({exc})", s3_uri=uri, member=member) from None
    if not isinstance(doc, Mapping):
        raise BenchmarkOutputError("holds no JSON object", s3_uri=uri, member=member)
    return doc


def _order(level: LevelResult) -> tuple[Any, ...]:
    return (
        level.concurrency is None,
        level.concurrency or 0,
        level.request_rate is None,
        level.request_rate or 0.0,
        level.member,
    )


def results_from_members(
    members: Mapping[str, bytes], *, uri: str, job_name: str | None = None, label: str | None = None
) -> BenchmarkResults:
    """Typed results from the export files of an archive (see :func:`read_members`).

    Per-level exports give the rows; only when there is none does the sweep aggregate.

    Raises:
        irclient.BenchmarkOutputError: No export file, or one that is not a JSON object.
    """
    levels: list[LevelResult] = []
    aggregate: list[LevelResult] = []
    history = None
    for name, data in sorted(members.items()):
        base = name.rsplit("/", 1)[-1]
        doc = _decode(uri, name, data)
        if base == "profile_export_aiperf.json":
            levels.append(level_from_export(doc, member=name))
        elif base == "profile_export_aiperf_sweep.json":
            aggregate.extend(levels_from_aggregate(doc, member=name))
        elif base == "search_history.json":
            history = search_history(doc)
    if not levels:
        levels = aggregate
    if not levels:
        raise BenchmarkOutputError(
            "the archive holds no profile_export_aiperf.json and no sweep aggregate: the job "
            "wrote no results (did it fail?)",
            s3_uri=uri,
        )
    if history is not None:
        feasible = {it.index: it.feasible for it in history.iterations}
        levels = [_with_feasibility(level, feasible) for level in levels]
    levels.sort(key=_order)
    return BenchmarkResults(
        levels=tuple(levels), job_name=job_name, label=label, s3_uri=uri, search=history
    )


def _with_feasibility(level: LevelResult, feasible: Mapping[int, bool | None]) -> LevelResult:
    import attrs

    match = re.search(r"search_iter_([0-9]+)", level.member)
    if match is None:
        return level
    return attrs.evolve(level, feasible=feasible.get(int(match.group(1))))


def read_results(
    s3: Any,
    policy: RetryPolicy,
    output_location: str,
    *,
    archive_key: str | None = None,
    job_name: str | None = None,
    label: str | None = None,
    limits: Limits | None = None,
) -> BenchmarkResults:
    """Find the archive below ``output_location``, stream it and read its results.

    Raises:
        irclient.BenchmarkOutputError: No archive, several (pass ``archive_key``), too big,
            or unreadable.
    """
    limits = limits or Limits()
    bucket, _ = parse_s3_uri(output_location)
    if archive_key is None:
        keys = find_archives(s3, policy, output_location)
        if not keys:
            raise BenchmarkOutputError(
                f"no object ending in {ARCHIVE_SUFFIX} below this location: the job has not "
                "written its output (yet), or wrote it elsewhere",
                s3_uri=output_location,
            )
        if len(keys) > 1:
            named = ", ".join(keys[:_MAX_LISTED])
            raise BenchmarkOutputError(
                f"{len(keys)} archives below this location ({named}); pass archive_key= to "
                "choose one, as irclient never picks one silently",
                s3_uri=output_location,
            )
        archive_key = keys[0]
    uri = f"s3://{bucket}/{archive_key}"
    response = call_aws(policy, s3, "GetObject", {"Bucket": bucket, "Key": archive_key})
    body = response["Body"]
    try:
        size = response.get("ContentLength")
        if isinstance(size, int) and size > limits.archive_bytes:
            raise BenchmarkOutputError(
                f"{size:,} bytes, over the {limits.archive_bytes:,}-byte limit "
                "(Limits.archive_bytes); nothing was read",
                s3_uri=uri,
            )
        try:
            members = read_members(body, uri=uri, limits=limits)
        except IRClientError:
            raise
        except Exception as exc:
            error = from_botocore_error(exc, operation="GetObject")
            if error is None:
                raise
            raise error from exc
    finally:
        body.close()
    return results_from_members(members, uri=uri, job_name=job_name, label=label)
