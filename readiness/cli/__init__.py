"""The command line (typer + rich): parses arguments, calls the library, maps errors to exit codes."""

from __future__ import annotations

from readiness.cli import (
    history_commands,
    migrate_commands,
    programme_commands,
    report_commands,
    run_commands,
    score_commands,
)
from readiness.cli.app import app, main

__all__ = [
    "app",
    "history_commands",
    "main",
    "migrate_commands",
    "programme_commands",
    "report_commands",
    "run_commands",
    "score_commands",
]
