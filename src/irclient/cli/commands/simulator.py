"""``irclient simulator``: the local simulator the offline mode (``--simulator``) uses."""

from __future__ import annotations

import argparse

from .. import _options, _simulator
from .._output import PROG, ExitCode, Failure, print_json

_ACTIONS = ("start", "status", "stop", "reset", "transition")
_PROGRESSIONS = ("immediate", "manual", "time")


def register(add: _options.AddCommand) -> None:
    """Add ``simulator`` to the parser."""
    simulator = add(
        "simulator",
        "start, stop or steer the local simulator of --simulator",
        "Control irclient's local simulator, which 'irclient --simulator COMMAND' (or "
        "IRCLIENT_SIMULATOR=1) runs commands on: 'start' it in the background (the first "
        "offline command does too), see its 'status', 'stop' it, 'reset' it (every job "
        "and resource gone, the example model made again), or set how jobs progress "
        "('transition immediate|manual|time'). It listens on 127.0.0.1, port "
        f"{_simulator.DEFAULT_PORT} or IRCLIENT_SIMULATOR_PORT.",
        aws=(),
    )
    simulator.add_argument("action", choices=_ACTIONS, metavar="ACTION", help=", ".join(_ACTIONS))
    simulator.add_argument(
        "progression",
        nargs="?",
        choices=_PROGRESSIONS,
        metavar="PROGRESSION",
        help="for 'transition': immediate (a job is done when first read), manual (one "
        "status per --times reads) or time (one status per --seconds)",
    )
    simulator.add_argument(
        "--times", type=_options.positive_int, metavar="N", help="reads per status (manual)"
    )
    simulator.add_argument(
        "--seconds", type=_options.non_negative, metavar="S", help="seconds per status (time)"
    )
    simulator.set_defaults(handler=run_simulator)


def _transition(args: argparse.Namespace) -> dict[str, object]:
    wanted = {"manual": "--times", "time": "--seconds"}.get(args.progression or "")
    for flag in ("--times", "--seconds"):
        if getattr(args, flag[2:]) is not None and flag != wanted:
            raise Failure(f"{flag} goes with 'transition {_needs(flag)}' only", ExitCode.USAGE)
    if args.progression is None:
        raise Failure("'transition' needs a progression: immediate, manual or time", ExitCode.USAGE)
    if args.progression == "manual":
        return {"progression": "manual", "times": args.times or 1}
    if args.progression == "time":
        return {"progression": "time", "seconds": args.seconds if args.seconds is not None else 5}
    return {"progression": "immediate"}


def _needs(flag: str) -> str:
    return "manual" if flag == "--times" else "time"


def run_simulator(args: argparse.Namespace) -> int:
    """Run ``irclient simulator``."""
    if args.action != "transition" and (
        args.progression is not None or args.times is not None or args.seconds is not None
    ):
        raise Failure(f"'{args.action}' takes no progression, --times or --seconds", ExitCode.USAGE)
    url = _simulator.url()
    if args.action == "status":
        up = _simulator.answers()
        if args.json:
            print_json({"Running": up, "EndpointUrl": url})
        else:
            print(f"irclient's simulator {'runs' if up else 'does not run'} on {url}")
        return ExitCode.OK
    if args.action == "stop":
        pid = _simulator.stop()
        print(
            f"Stopped irclient's simulator (process {pid})."
            if pid is not None
            else f"No simulator started by {PROG} was running."
        )
        return ExitCode.OK
    if args.action == "start":
        started = not _simulator.answers()
        _simulator.ensure(quiet=True)
        what = "Started" if started else "Already running:"
        print(f"{what} irclient's simulator on {url}; '{PROG} simulator stop' stops it.")
        return ExitCode.OK
    if not _simulator.answers():
        raise Failure(
            f"no simulator runs on {url}; '{PROG} simulator start' starts one",
            ExitCode.CONNECTION_ERROR,
        )
    if args.action == "reset":
        _simulator.moto_api("/moto-api/reset")
        _simulator.seed()
        print("Reset the simulator: every job and resource gone, the example model made again.")
        return ExitCode.OK
    transition = _transition(args)
    from ...testing import MODEL_NAME

    _simulator.moto_api(
        "/moto-api/state-manager/set-transition",
        {"model_name": MODEL_NAME, "transition": transition},
    )
    print(f"Jobs now progress: {', '.join(f'{k} {v}' for k, v in transition.items())}.")
    return ExitCode.OK
