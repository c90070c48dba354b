"""What the verbs of ``irclient ai`` do (see :mod:`irclient.cli.commands.ai`).

Each ``run_<verb>`` takes the parsed arguments (``resource`` names the resource) and returns
the exit status. Only the standard library is imported up front; the client and the models
load when a verb runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..._utils.format import one_line
from .._ai_requests import RESOURCES, Resource, example, load, skeleton
from .._aws import client
from .._output import PROG, ExitCode, Failure, print_json, validation_failure
from .._requests import source_name, validate_file


def _resource(args: argparse.Namespace) -> Resource:
    return RESOURCES[args.resource]


def _command(resource: Resource, verb: str) -> str:
    return f"{PROG} ai {resource.noun} {verb}"


# --------------------------------------------------------------------------- request files


def run_skeleton(args: argparse.Namespace) -> int:
    """``skeleton``: the Create request's template, or a valid example."""
    resource = _resource(args)
    print_json(example(resource) if args.example else skeleton(resource))
    return ExitCode.OK


def run_validate(args: argparse.Namespace) -> int:
    """``validate``: every violation of a request file, offline; warnings fail with --strict."""
    resource = _resource(args)
    return validate_file(
        args.request,
        lambda path: load(resource, path),
        lambda request: f"{resource.create} request for {getattr(request, resource.attribute)}",
        strict=args.strict,
        as_json=args.json,
    )


def _load_valid(args: argparse.Namespace, resource: Resource) -> Any:
    """The request file, checked before any client is built (so it fails alike without AWS)."""
    from ...errors import ValidationError
    from ...validation import validate

    try:
        request = load(resource, args.request, args.name)
        validate(request)
    except ValidationError as exc:
        raise validation_failure(exc, f"{source_name(args.request)}: ") from None
    return request


def run_create(args: argparse.Namespace) -> int:
    """``workload create``: create a workload configuration from a request file."""
    resource = _resource(args)
    request = _load_valid(args, resource)
    created = client(args).create_ai_workload_config(request)
    if args.json:
        print_json(created.to_dict())
    else:
        print(
            f"Created {request.ai_workload_config_name}: {one_line(created.ai_workload_config_arn)}"
        )
    return ExitCode.OK


def run_run(args: argparse.Namespace) -> int:
    """``benchmark run``, ``recommendation run``: create a job, then wait for it to end."""
    from ...errors import JobFailedError

    resource = _resource(args)
    request = _load_valid(args, resource)
    name = getattr(request, resource.attribute)
    ir = client(args)
    created = getattr(ir, f"create_{resource.method}")(request)
    arn = created.to_dict()[f"{resource.shape}Arn"]
    if args.json and args.no_wait:
        print_json(created.to_dict())
    elif not args.json:
        print(f"Created {name}: {one_line(arn)}", flush=True)
    if args.no_wait:
        return ExitCode.OK
    wait = getattr(ir, f"wait_for_{resource.method}")
    try:
        job = _interruptible(
            lambda: wait(
                name,
                poll_interval=args.poll_interval,
                timeout=args.timeout,
                on_poll=None if args.no_progress or args.json else _status_line(name, resource),
            ),
            resource,
            name,
        )
    except JobFailedError as exc:
        if exc.response is not None:
            _show(args, resource, exc.response)
        if not args.json:
            print(f"\n'{_command(resource, 'why')} {name}' says why it failed.")
        raise
    _show(args, resource, job)
    return ExitCode.OK


def _status_line(name: str, resource: Resource) -> Any:
    last: list[str] = []
    attribute = f"{resource.method}_status"

    def show(response: Any) -> None:
        status = one_line(getattr(response, attribute))
        if not last or last[-1] != status:
            print(f"{name}: {status}", file=sys.stderr, flush=True)
            last.append(status)

    return show


def _interruptible(call: Any, resource: Resource, name: str) -> Any:
    try:
        return call()
    except KeyboardInterrupt:
        raise Failure(
            f"interrupted; job {name!r} goes on running ('{_command(resource, 'stop')} {name}' "
            "stops it)",
            ExitCode.INTERRUPTED,
        ) from None


# --------------------------------------------------------------------------- reading


def run_describe(args: argparse.Namespace) -> int:
    """``describe``: one resource in full."""
    resource = _resource(args)
    found = getattr(client(args), f"describe_{resource.method}")(**{resource.attribute: args.name})
    _show(args, resource, found)
    return ExitCode.OK


def _show(args: argparse.Namespace, resource: Resource, described: Any) -> None:
    from . import ai_text

    if args.json:
        print_json(described.to_dict())
    else:
        print(ai_text.describe(resource, described))


def add_list_options(parser: argparse.ArgumentParser, operation: str, noun: str) -> None:
    """The List operation's filters as options (deferred: read from the models when used)."""
    from .._filters import add_request_options

    add_request_options(parser, operation, items=f"{noun}s")


def run_list(args: argparse.Namespace) -> int:
    """``list``: every page (up to ``--max-items``), merged as the AWS CLI merges them."""
    from ...models import _specs
    from .._filters import request_values
    from . import ai_text

    resource = _resource(args)
    operation = _specs.OPERATIONS[args.operation]
    paginator = operation.paginator
    if paginator is None or operation.output is None:  # pragma: no cover - list operations
        raise TypeError(f"{operation.name} does not paginate")
    request = operation.input(
        **request_values(args),
        **{
            paginator.limit_attribute: args.page_size,
            paginator.input_token_attribute: args.starting_token,
        },
    )
    collected: list[Any] = []
    next_token: str | None = None
    for page in client(args)._pipeline.pages(operation, request, args.max_items):
        collected.extend(getattr(page, paginator.result_attribute) or ())
        next_token = getattr(page, paginator.output_token_attribute)
    if args.json:
        merged = operation.output(
            **{paginator.result_attribute: collected, paginator.output_token_attribute: next_token}
        )
        print_json(merged.to_dict())
        return ExitCode.OK
    print(ai_text.listing(resource, collected))
    if next_token:
        from .._continuation import continuation, more_line

        print()
        print(more_line(f"{resource.noun}s"))
        print("  " + continuation(args, token=next_token, command=("ai", resource.noun, "list")))
    return ExitCode.OK


# --------------------------------------------------------------------------- changing


def run_delete(args: argparse.Namespace) -> int:
    """``delete``."""
    resource = _resource(args)
    getattr(client(args), f"delete_{resource.method}")(**{resource.attribute: args.name})
    if args.json:
        print_json({resource.name_member: args.name, "Deleted": True})
    else:
        print(f"Deleted {args.name}.")
    return ExitCode.OK


def run_stop(args: argparse.Namespace) -> int:
    """``stop``: ask the job to stop; with ``--wait``, until it has."""
    resource = _resource(args)
    ir = client(args)
    getattr(ir, f"stop_{resource.method}")(**{resource.attribute: args.name})
    if not args.wait:
        if args.json:
            print_json({resource.name_member: args.name, "StopRequested": True})
        else:
            print(f"Stopping {args.name}.")
        return ExitCode.OK
    wait = getattr(ir, f"wait_for_{resource.method}")
    job = _interruptible(
        lambda: wait(args.name, poll_interval=args.poll_interval, timeout=args.timeout),
        resource,
        args.name,
    )
    _show(args, resource, job)
    return ExitCode.OK


def run_why(args: argparse.Namespace) -> int:
    """``why``: the job's failure reason, failed benchmark jobs and their last log lines."""
    resource = _resource(args)
    report = client(args).diagnose_ai_job(resource.kind, args.name, lines_per_stream=args.lines)
    if args.json:
        print_json(report.to_dict())
    else:
        print(report)
    return ExitCode.OK


def run_logs(args: argparse.Namespace) -> int:
    """``logs``: the job's log lines in time order; with ``--json``, one object per line."""
    resource = _resource(args)
    events = client(args).iter_ai_job_logs(
        resource.kind,
        args.name,
        follow=args.follow,
        since=args.since,
        poll_interval=args.poll_interval,
    )
    for event in events:
        if args.json:
            print(json.dumps(event.to_dict(), ensure_ascii=False))
        else:
            print(event)
        sys.stdout.flush()
    return ExitCode.OK


__all__ = [
    "add_list_options",
    "run_create",
    "run_delete",
    "run_describe",
    "run_list",
    "run_logs",
    "run_run",
    "run_skeleton",
    "run_stop",
    "run_validate",
    "run_why",
]
