"""Locating the folders that ship with readiness, installed or in a checkout."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache  # asked for once per file in a batch; the answer never changes within a process
def bundled(name: str) -> Path:
    """Directory `name` shipped with readiness (`questionnaires`, `report_templates`)."""
    installed = Path(str(files("readiness") / name))  # copy placed in the wheel by hatchling
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / name  # source tree or editable install
