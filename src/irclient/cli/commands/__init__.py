"""The commands of ``irclient``, one module per group.

Each module has ``register(add)``, which adds its commands to the parser (see
:data:`irclient.cli._options.AddCommand`) and sets each one's ``handler``, a function of the
parsed arguments that returns an exit status. :data:`MODULES` is the order ``--help`` lists
them in. Command modules import only the standard library up front, so that building the
parser stays cheap; what a command needs loads when it runs.
"""

from __future__ import annotations

from types import ModuleType

from . import ai, demo, deploy, diagnose, jobs, request_files, simulator

MODULES: tuple[ModuleType, ...] = (demo, request_files, jobs, diagnose, deploy, ai, simulator)
"""The command modules, in the order ``irclient --help`` lists their commands."""
