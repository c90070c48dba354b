"""Server-side paging for every fake backend (the simulator and :class:`FakeWire`).

In the spirit of moto's ``utilities/paginator.py``: a list operation hands over its items in
order and its request body; the page's keys (token, limit, result member) come from the
operation's paginator spec in irclient's generated operation table, so no fake names them.

Tokens are opaque (URL-safe base64 of a small JSON document) and stable:

* a token records where the last page ended by the *sort key* of its last item (keyset
  paging), not by an offset, so an item created or deleted between two pages neither repeats
  nor skips one (a new job sorted before the token's place simply is not on the later pages,
  as in a walk that started before it existed);
* a token belongs to the request it came from: reusing it with other filters or another
  sort is a ``ValidationException``, as AWS answers;
* without a sort key (``key=None``) the position is the key: for sequences that only grow at
  the end, such as a job's steps, which may then be lazy and are sliced, never copied.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from ..models import _base, _specs

__all__ = ["PageError", "paginate"]

T = TypeVar("T")
SortKey = tuple[Any, ...]
"""A tuple of JSON values (str, int, float) that orders the items and is unique among them."""

DEFAULT_LIMIT = 100


class PageError(ValueError):
    """A token the request cannot use; its message is AWS's kind of answer."""


def _query(operation: str, body: Mapping[str, Any], spec: _base.Paginator) -> str:
    filters = {k: v for k, v in body.items() if k not in (spec.input_token, spec.limit_key)}
    text = json.dumps([operation, filters], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _encode(query: str, after: Any) -> str:
    payload = json.dumps({"q": query, "a": after}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


def _decode(token: Any, query: str) -> Any:
    if not isinstance(token, str) or not token:
        raise PageError(f"Invalid pagination token: {token}")
    try:
        padded = token + "=" * (-len(token) % 4)
        decoded = json.loads(base64.urlsafe_b64decode(padded.encode()))
        owner, after = str(decoded["q"]), decoded["a"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise PageError(f"Invalid pagination token: {token}") from None
    if owner != query:
        raise PageError(
            "The pagination token does not belong to this request; "
            "repeat the same parameters with it"
        )
    return after


def paginate(
    operation: str,
    items: Sequence[T],
    body: Mapping[str, Any],
    *,
    key: Callable[[T], SortKey] | None = None,
    descending: bool = False,
    render: Callable[[T], Any] | None = None,
    default_limit: int = DEFAULT_LIMIT,
) -> dict[str, Any]:
    """One page of a list operation's response, keyed as its paginator spec says.

    Args:
        operation: The operation's name in the table (``ListInferenceRecommendationsJobs``).
        items: Every item the request selects, already in the order of ``key``.
        body: The request's JSON body (its token and limit are read from it).
        key: The sort key of an item; None pages by position.
        descending: Whether ``items`` are in descending order of ``key``.
        render: Turns an item into its wire form (the item itself when None).
        default_limit: The page size when the request gives no limit.

    Raises:
        PageError: The token is malformed or belongs to another request.
    """
    spec = _specs.OPERATIONS[operation].paginator
    assert spec is not None, f"{operation} has no paginator in the operation table"
    query = _query(operation, body, spec)
    token = body.get(spec.input_token)
    limit = int(body.get(spec.limit_key) or default_limit)
    start = 0
    if token is not None:
        after = _decode(token, query)
        start = _position_after(items, after, key, descending)
    end = start + limit
    page = items[start:end]
    out: dict[str, Any] = {spec.result_key: [render(i) if render else i for i in page]}
    if end < len(items):
        last: Any = end if key is None else list(key(items[end - 1]))
        out[spec.output_token] = _encode(query, last)
    return out


def _position_after(
    items: Sequence[T],
    after: Any,
    key: Callable[[T], SortKey] | None,
    descending: bool,
) -> int:
    if key is None:
        if isinstance(after, bool) or not isinstance(after, int) or after < 0:
            raise PageError(f"Invalid pagination token position: {after}")
        return after
    if not isinstance(after, list):
        raise PageError("Invalid pagination token")
    mark = tuple(after)
    for index, item in enumerate(items):
        current = key(item)
        try:
            beyond = current < mark if descending else current > mark
        except TypeError:
            raise PageError("Invalid pagination token") from None
        if beyond:
            return index
    return len(items)
