"""Client-side validation of requests against every documented constraint.

botocore checks only required members, types and minimums; maximums, patterns and enums would
reach AWS unchecked. :func:`validate` checks all of them, plus the rules AWS states only in
prose (the table in :mod:`irclient.rules`, which the simulator reads too), and reports every
violation rather than the first. Guidance AWS phrases as "should" becomes an
:class:`~irclient.ValidationWarning`, not an error.

The engine (checks compiled once per class) is in ``_engine``; AWS's Java patterns, matched
in linear time, in ``_patterns``.
"""

from ._engine import advise as advise
from ._engine import check as check
from ._engine import validate as validate

__all__ = ["advise", "check", "validate"]
