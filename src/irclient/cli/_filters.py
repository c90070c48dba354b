"""A list command's options, generated from its operation's request members.

``irclient jobs`` and ``irclient steps`` offer exactly the request members of their list
operation, read from the generated models' metadata: a required member is a positional
argument, every other member an option named as in the AWS CLI (``StatusEquals`` ->
``--status-equals``), except the paging members (token and page size), which the shared
paging options cover. A member the service adds shows up when the models are regenerated.

The options are added when their command is parsed or its help is shown (see
:class:`~irclient.cli._options.CommandParser`): reading the models' metadata loads attrs and
the models, which ``irclient --help`` need not pay for.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from . import _options

if TYPE_CHECKING:
    from ..models._base import FieldSpec

_MAX_CHOICES_SHOWN = 5
"""Enums with at most this many values show them in the usage line; longer ones a name."""

# How a member's name reads in a help line: the operator its name ends with, and the words.
_OPERATORS = (
    ("_equals", "whose {subject} is {metavar}"),
    ("_contains", "whose {subject} contains {metavar}"),
    ("_after", "whose {subject} is after {metavar}"),
    ("_before", "whose {subject} is before {metavar}"),
)


def request_members(operation: str) -> tuple[FieldSpec, ...]:
    """The request members of ``operation`` a command offers: all but the paging ones.

    The paging members (the token and the page size) are those the operation's paginator
    spec names.
    """
    from ..models import _specs

    spec = _specs.OPERATIONS[operation]
    paging = set()
    if spec.paginator is not None:
        paging = {spec.paginator.input_token_attribute, spec.paginator.limit_attribute}
    return tuple(f for f in _specs.SPECS[spec.input] if f.name not in paging)


def _words(name: str) -> str:
    return name.replace("_", " ")


def _metavar(field: FieldSpec) -> str | None:
    spec = field.type
    if spec.kind == "timestamp":
        return "TIME"
    if spec.enum is not None and len(spec.enum) <= _MAX_CHOICES_SHOWN:
        return None  # argparse shows the choices: {Ascending,Descending}
    subject = field.name
    for suffix, _ in _OPERATORS:
        subject = subject.removesuffix(suffix)
    return subject.rsplit("_", 1)[-1].upper()


def _help(field: FieldSpec, items: str, metavar: str | None) -> str:
    shown = metavar or "this value"
    for suffix, phrase in _OPERATORS:
        if field.name.endswith(suffix):
            subject = _words(field.name.removesuffix(suffix))
            text = f"only {items} " + phrase.format(subject=subject, metavar=shown)
            break
    else:
        if field.type.enum is not None and metavar is not None:
            text = f"only {items} whose {_words(field.name)} is {metavar}"
        else:
            text = f"the request's {field.wire}"
    if field.type.kind == "timestamp":
        text += " (ISO 8601; UTC if no zone)"
    return text


def _value_type(field: FieldSpec) -> dict[str, Any]:
    """``add_argument``'s ``type`` and ``choices`` for a member's values."""
    spec = field.type
    if spec.enum is not None:
        values = [member.value for member in spec.enum]
        return {"choices": values, "type": _any_case(values)}
    if spec.kind == "string":
        return {}
    if spec.kind == "timestamp":
        return {"type": _options.iso_time}
    if spec.kind in ("integer", "long"):
        return {"type": int}
    if spec.kind in ("float", "double"):
        return {"type": float}
    raise TypeError(f"the command line has no option form for {field.wire}, a {spec.kind} member")


def _any_case(values: list[str]) -> Any:
    """An ``argparse`` type: an enum value in any case (``failed``) as the enum spells it.

    A value that matches none is kept as typed, for ``choices`` to refuse and list them.
    """
    by_folded = {value.casefold(): value for value in values}

    def canonical(text: str) -> str:
        return by_folded.get(text.casefold(), text)

    return canonical


def add_request_options(parser: argparse.ArgumentParser, operation: str, *, items: str) -> None:
    """Add an argument per request member of ``operation`` (see the module documentation).

    The names of the members added are kept as the parser's default ``request_members``, for
    :func:`request_values`.

    Args:
        parser: The command's parser.
        operation: The list operation, as named in the operation table.
        items: What the operation lists, for the help lines (``jobs``, ``steps``).

    Raises:
        TypeError: a member has a type the command line cannot take (a structure).
    """
    members = request_members(operation)
    for field in members:
        kwargs = _value_type(field)
        if field.required:
            words = _words(field.name)
            parser.add_argument(
                field.name, metavar=words.split()[0].upper(), help=f"the {words}", **kwargs
            )
            continue
        metavar = _metavar(field)
        parser.add_argument(
            "--" + field.name.replace("_", "-"),
            dest=field.name,
            metavar=metavar,
            help=_help(field, items, metavar),
            **kwargs,
        )
    parser.set_defaults(request_members=tuple(f.name for f in members))


def request_values(args: argparse.Namespace) -> dict[str, Any]:
    """The request members given on the command line, by attribute name."""
    names: tuple[str, ...] = args.request_members
    return {name: getattr(args, name) for name in names if getattr(args, name) is not None}
