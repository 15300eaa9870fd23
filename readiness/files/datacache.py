"""The bundled data, validated once per install and kept between runs (pickled, per user).

Reading and validating the shipped questionnaire, action catalogue and programme catalogue took
about 60 ms of every `readiness report` and 15 ms of every `score`, for files that never change
between releases. The validated models are pickled into a per-user folder beside Jinja's bytecode
cache, under a name made from a fingerprint of every bundled data file's bytes, readiness's
version and Python's: any change to any of them is a new name, so a stale entry is never read.

Only the shipped files are kept, never a user's questionnaire or catalogue. The folder is created
0700 and not used at all when someone else owns it or others may write to it (unpickling runs
code, so only this user's own files are ever read). A damaged, unreadable or unwritable entry
only means validating again; `READINESS_CACHE=off` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from readiness import __version__

T = TypeVar("T")
SWITCH = "READINESS_CACHE"  # "off": validate the bundled files on every run
SUFFIX = ".pickle"
# what unpickling a damaged or foreign entry can raise: any of them only means validating again
UNREADABLE = (pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError)


def folder() -> Path | None:
    """This user's cache folder (created 0700), or None when there is no safe one."""
    if os.environ.get(SWITCH, "").lower() in ("off", "0", "no") or not hasattr(os, "getuid"):
        return None
    path = Path(tempfile.gettempdir()) / f"readiness-cache-{os.getuid()}"
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None  # a link, someone else's folder, or one others can read or write: not ours
    return path


@cache
def fingerprint(data_dir: Path) -> str:
    """A hash of readiness's and Python's versions and every file under `data_dir` (name and bytes)."""
    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0{data_dir}\0".encode())
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def remembered(data_dir: Path, what: str, build: Callable[[], T]) -> T:
    """`build()`, kept for the next run under (the fingerprint of `data_dir`, `what`).

    `build` must depend on nothing but the files under `data_dir`; what it raises is raised
    again and nothing is kept.
    """
    base = folder()
    if base is None:
        return build()
    key = fingerprint(data_dir)
    entry = base / f"{key}-{what}{SUFFIX}"
    with contextlib.suppress(OSError, EOFError, *UNREADABLE), open(entry, "rb") as handle:
        value: T = pickle.load(handle)
        return value
    value = build()
    _keep(base, entry, value, key)
    return value


def _keep(base: Path, entry: Path, value: Any, key: str) -> None:
    """Write `entry` atomically; remove entries of other fingerprints (an older install's)."""
    try:
        handle, temp = tempfile.mkstemp(dir=base, prefix=".part-", suffix=SUFFIX)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, entry)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return
    with contextlib.suppress(OSError):
        for old in base.glob(f"*{SUFFIX}"):
            if not old.name.startswith((key, ".part-")):
                old.unlink()
