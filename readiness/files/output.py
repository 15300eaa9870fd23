"""Where outputs go: atomic saves that keep the file's mode, and the rules for `-o PATH`.

- a save writes a temporary file beside the target and renames it over, so a crash, kill or full
  disk leaves the old file or the new one, never half of one, and no temporary file behind;
- an existing file keeps its mode; a new file follows the umask (mkstemp alone would give 0600);
- a symlink is written through to its target, never replaced by a regular file;
- `-o` refuses what is not a regular file (a device, a folder, a FIFO) and an existing file
  unless forced; `-` and `/dev/stdout` mean standard output.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from readiness.errors import UsageError

STREAMS = {"-", "/dev/stdout"}


def is_stream(path: Path | str | None) -> bool:
    """Whether `-o PATH` asks for standard output."""
    return path is None or str(path) in STREAMS


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_target(path: Path, *, force: bool, what: str = "file") -> Path:
    """The real file a write to `path` lands in (symlinks followed); UsageError when it may not be written."""
    real = Path(os.path.realpath(path))
    try:
        info = os.stat(real)
    except FileNotFoundError:
        if not real.parent.is_dir():
            raise UsageError(f"{path}: cannot write: folder {real.parent} does not exist") from None
        return real
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"{path} is not a regular file; give a file name for the {what}")
    if not force:
        raise UsageError(f"{path} already exists; use --force to overwrite it")
    return real


def save_atomic(path: Path | str, content: str | bytes) -> None:
    """Write `content` to `path` so that a crash leaves either the old or the new file, never half."""
    target = Path(os.path.realpath(path))
    data = content.encode() if isinstance(content, str) else content
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def remove_stale_temps(path: Path) -> int:
    """Remove temporary files a killed save of `path` left behind; returns how many."""
    target = Path(os.path.realpath(path))
    removed = 0
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(stale).st_mode):
                stale.unlink()
                removed += 1
    return removed
