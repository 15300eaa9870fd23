"""The command line (typer + rich): parses arguments, calls the library, maps errors to exit codes."""

from __future__ import annotations

from readiness.cli import migrate_commands, programme_commands, report_commands, run_commands, score_commands
from readiness.cli.app import app, main

__all__ = [
    "app",
    "main",
    "migrate_commands",
    "programme_commands",
    "report_commands",
    "run_commands",
    "score_commands",
]
