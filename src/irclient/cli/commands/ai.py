"""``irclient ai workload|benchmark|recommendation VERB``: the generative-AI family.

The three resources of the family, each with the classic commands' verbs:

* ``skeleton`` and ``validate`` - a Create request file, offline;
* ``create`` (workload configurations) or ``run`` (jobs: create, then wait, unless
  ``--no-wait``);
* ``describe``, ``list`` (every page, the List operation's filters as options), ``delete``;
* for jobs, ``stop``, ``why`` (why it failed, with its log lines) and ``logs``.

``irclient ai deploy JOB RECOMMENDATION`` deploys a recommendation as inference components
(:mod:`irclient.cli.commands.ai_deploy`).

``--json`` prints machine-readable JSON everywhere, as for the classic commands. The
handlers are in :mod:`irclient.cli.commands.ai_actions`.
"""

from __future__ import annotations

import argparse

from .. import _options
from .._ai_requests import RESOURCES, Resource
from . import ai_actions, ai_deploy

_TITLES = {
    "workload": "AI workload configurations (the benchmark traffic)",
    "benchmark": "AI benchmark jobs (load tests of an endpoint)",
    "recommendation": "AI recommendation jobs (instance types and deployment for an LLM)",
}


def register(add: _options.AddCommand) -> None:
    """Add ``ai`` and its resources' verbs to the parser."""
    ai = add(
        "ai",
        "generative-AI workloads, benchmark and recommendation jobs, deployment",
        "Generative-AI inference recommendations: workload configurations, AI benchmark "
        "jobs and AI recommendation jobs.",
    )
    resources = ai.add_subparsers(
        dest="ai_resource", metavar="RESOURCE", required=True, parser_class=_options.CommandParser
    )
    for word, resource in RESOURCES.items():
        parser = resources.add_parser(word, help=_TITLES[word], description=_TITLES[word] + ".")
        verbs = parser.add_subparsers(
            dest="ai_verb", metavar="VERB", required=True, parser_class=_options.CommandParser
        )
        _register_verbs(verbs, resource)
    deploy = resources.add_parser(
        "deploy",
        help="deploy a recommendation as inference components",
        description="Deploy one recommendation of a completed AI recommendation job as "
        "inference components: a model from its DeploymentConfiguration, an endpoint for "
        "inference components, an inference component with the recommended copies and "
        "memory, its LoRA adapters; with --autoscale, the copy count's autoscaling. Then wait "
        "until the endpoint and the component are InService. Safe to re-run: what exists with "
        "the same configuration is kept, and a different configuration under a name in use "
        "is an error (exit status 11). Nothing is ever deleted.",
        parents=[_options.common_options(suppress=True)],
    )
    ai_deploy.register(deploy)


def _verb(
    verbs: argparse._SubParsersAction[_options.CommandParser],
    name: str,
    help: str,
    resource: Resource,
) -> _options.CommandParser:
    parser = verbs.add_parser(
        name,
        help=help,
        description=help[:1].upper() + help[1:] + ".",
        parents=[_options.common_options(suppress=True)],
    )
    parser.set_defaults(resource=resource.noun, handler=getattr(ai_actions, f"run_{name}"))
    return parser


def _name_argument(parser: argparse.ArgumentParser, resource: Resource) -> None:
    noun = "job" if resource.job else "workload configuration"
    parser.add_argument("name", metavar="NAME", help=f"the {noun} name")


def _register_verbs(
    verbs: argparse._SubParsersAction[_options.CommandParser], resource: Resource
) -> None:
    create = resource.create
    skeleton = _verb(verbs, "skeleton", f"print a {create} request template", resource)
    skeleton.add_argument("--example", action="store_true", help="a valid example instead")

    validate = _verb(verbs, "validate", f"check a {create} request file offline", resource)
    validate.add_argument("request", metavar="REQUEST.json", help="the file ('-' for stdin)")
    validate.add_argument("--strict", action="store_true", help="treat warnings as violations")

    if resource.job:
        run = _verb(verbs, "run", "create a job from a request file and wait for it", resource)
        run.add_argument("--no-wait", action="store_true", help="return once it is created")
        _options.wait_options(run, poll_interval=30.0)
        _options.timeout_option(run)
    else:
        run = _verb(verbs, "create", "create a workload configuration from a file", resource)
    run.add_argument("request", metavar="REQUEST.json", help="the request file ('-' for stdin)")
    run.add_argument("--name", metavar="NAME", help="use this name, not the file's")

    _name_argument(_verb(verbs, "describe", "show one in full", resource), resource)

    listing = _verb(verbs, "list", "list them, all pages, with filters", resource)
    listing.defer(lambda parser: ai_actions.add_list_options(parser, resource.list, resource.noun))
    _options.paging_options(listing)
    listing.set_defaults(operation=resource.list)

    _name_argument(_verb(verbs, "delete", "delete one", resource), resource)
    if not resource.job:
        return
    stop = _verb(verbs, "stop", "stop a running job", resource)
    _name_argument(stop, resource)
    stop.add_argument("--wait", action="store_true", help="wait until the job has stopped")
    _options.wait_options(stop, poll_interval=10.0)
    _options.timeout_option(stop)

    why = _verb(verbs, "why", "say why a job failed, with its log lines", resource)
    _name_argument(why, resource)
    _options.lines_option(why)

    logs = _verb(verbs, "logs", "print a job's CloudWatch log lines, in time order", resource)
    _name_argument(logs, resource)
    logs.add_argument("--follow", action="store_true", help="keep printing until the job ends")
    logs.add_argument(
        "--since",
        type=_options.since_time,
        metavar="TIME",
        help="only lines logged at or after TIME: 30m, 1h, 2d, today, yesterday, or ISO "
        "8601 (from 1970; UTC if no zone)",
    )
    logs.add_argument(
        "--poll-interval",
        type=_options.poll_seconds,
        default=10.0,
        metavar="SECONDS",
        help="seconds between reads with --follow (default 10)",
    )
