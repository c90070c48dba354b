"""``irclient skeleton`` and ``irclient validate``: request files, offline."""

from __future__ import annotations

import argparse

from .. import _options
from .._output import ExitCode, print_json
from .._requests import example_request, load_request, skeleton, validate_file


def register(add: _options.AddCommand) -> None:
    """Add ``skeleton`` and ``validate`` to the parser."""
    skel = add(
        "skeleton",
        "print a request template",
        "Print a CreateInferenceRecommendationsJob request template: the AWS CLI's "
        "--generate-cli-skeleton layout, usable with its --cli-input-json.",
        aws=(),
    )
    skel.add_argument("--example", action="store_true", help="a filled-in, valid example instead")
    skel.set_defaults(handler=run_skeleton)

    val = add(
        "validate",
        "check a request file offline",
        "Check a request file against every documented constraint, without AWS, and list "
        "every violation (exit status 1 when there is one). Guidance AWS phrases as "
        "'should' is printed as warnings, which do not fail the check unless --strict.",
        aws=(),
    )
    val.add_argument("request", metavar="REQUEST.json", help="the request file ('-' for stdin)")
    val.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings (guidance AWS phrases as 'should') as violations",
    )
    val.set_defaults(handler=run_validate)


def run_skeleton(args: argparse.Namespace) -> int:
    """Run ``irclient skeleton``."""
    print_json(example_request() if args.example else skeleton())
    return ExitCode.OK


def run_validate(args: argparse.Namespace) -> int:
    """Run ``irclient validate``: errors fail; warnings are printed, and fail with --strict."""
    return validate_file(
        args.request,
        load_request,
        lambda request: f"{request.job_type} job request for {request.job_name}",
        strict=args.strict,
        as_json=args.json,
    )
