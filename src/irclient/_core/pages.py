"""Pages: the one pagination mechanism, driven by an operation's paginator spec.

The spec (:class:`irclient.models._base.Paginator`, generated from botocore's paginator
model) names the token members, the limit member and its maximum, and the member that holds
the items; nothing here knows a particular operation.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import MalformedResponseError, ValidationError, Violation

if TYPE_CHECKING:
    from ..models import _base
    from .pipeline import Pipeline

__all__ = ["Pages", "SeenTokens"]

_DEFAULT_LIMIT = 100
"""Page size to ask for when ``max_items`` is set and the model gives no maximum."""


def _check_max_items(max_items: int | None) -> None:
    """Refuse a ``max_items`` that is not a positive integer."""
    if max_items is not None and (type(max_items) is not int or max_items < 1):
        raise ValidationError(
            [Violation("max_items", "min", f"max_items must be an integer >= 1, got {max_items!r}")]
        )


class SeenTokens:
    """The tokens a walk has sent, kept as digests: a token that comes back is a cycle.

    A service's token can be large (a megabyte, from a hostile or broken endpoint), and a walk
    can be long: holding every token whole would grow memory with every page. A 16-byte
    BLAKE2 digest of each is enough to recognise one seen before, so a walk of any length
    holds a few dozen bytes per page. Every paged walk in irclient uses this: the SageMaker
    operations' (:class:`Pages`) and CloudWatch Logs' (``irclient.joblogs``).
    """

    __slots__ = ("_pages",)

    def __init__(self) -> None:
        self._pages: dict[bytes, int] = {}

    @staticmethod
    def _digest(token: str) -> bytes:
        # surrogatepass: a token is the service's text, whatever it holds.
        return hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def add(self, token: str, page: int) -> None:
        """Remember that the walk sent ``token`` after page ``page`` (0: before the first)."""
        self._pages[self._digest(token)] = page

    def page_of(self, token: str) -> int | None:
        """The page after which ``token`` was sent before, or ``None`` for a new token."""
        return self._pages.get(self._digest(token))

    def __len__(self) -> int:
        return len(self._pages)


class Pages:
    """A lazy walk of a paginated operation.

    The arguments are checked and the request validated when the walk is made, so that a bad
    argument fails at the call, before any request. Each page is then its own retried call
    when the iteration reaches it: a fault repeats that page only, so no item is skipped or
    yielded twice, and only the current page is held, so memory stays flat.

    Args:
        pipeline: The pipeline that sends each page's request.
        operation: The operation; it must have a paginator spec.
        request: The first page's request (its token resumes an earlier walk).
        max_items: Stop after this many items, or ``None`` for all of them.

    Raises:
        irclient.ValidationError: ``max_items`` or the request breaks a constraint.
    """

    __slots__ = ("_max_items", "_operation", "_params", "_pipeline", "_spec")

    def __init__(
        self,
        pipeline: Pipeline,
        operation: _base.Operation,
        request: _base.Shape,
        max_items: int | None,
    ) -> None:
        if operation.paginator is None:
            raise TypeError(f"{operation.name} does not paginate")
        _check_max_items(max_items)
        self._pipeline = pipeline
        self._operation = operation
        self._spec = operation.paginator
        self._params = pipeline.wire(request)
        self._max_items = max_items

    def __iter__(self) -> Iterator[Any]:
        spec, operation = self._spec, self._operation
        params = dict(self._params)
        page_size = params.get(spec.limit_key)
        token = params.get(spec.input_token)
        remaining = self._max_items
        limit = spec.limit_max or _DEFAULT_LIMIT
        call, attempt = self._pipeline.policy.call, self._pipeline.attempt
        # Each token the walk has sent, with the number of the page that returned it (0: the
        # caller's starting token).
        seen = SeenTokens()
        if token:
            seen.add(token, 0)
        pages = 0
        while True:
            if remaining is not None:
                # Ask for no more than is left, so every page ends where iteration does and
                # its next token resumes exactly after the last item yielded.
                params[spec.limit_key] = min(page_size or limit, remaining)
            page = call(operation.name, attempt, operation, params)
            pages += 1
            yield page
            if remaining is not None:
                remaining -= len(getattr(page, spec.result_attribute) or ())
                if remaining <= 0:
                    return
            next_token = getattr(page, spec.output_token_attribute)
            if not next_token:
                return
            before = seen.page_of(next_token)
            if before is not None:
                # A token seen before means pages that lead back to themselves, however many
                # lie between: walking on would never end.
                raise MalformedResponseError(
                    f"the service returned a {spec.output_token} it had returned before "
                    f"(page {pages}, a cycle of {pages - before} pages): the walk "
                    "would never end",
                    operation=operation.name,
                )
            token = params[spec.input_token] = next_token
            seen.add(token, pages)

    def items(self) -> Iterator[Any]:
        """The items of every page, in order, fetched page by page."""
        attribute = self._spec.result_attribute
        items = itertools.chain.from_iterable(getattr(page, attribute) or () for page in self)
        # Pages are already sized to end at max_items; the cut guards against a service that
        # returns more than it was asked for.
        if self._max_items is None:
            return items
        return itertools.islice(items, self._max_items)
