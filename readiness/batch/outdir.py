"""The output folder of a batch: one run at a time, and all-or-nothing outputs.

A run takes a lock on the folder (a second run is refused, naming the holder), builds every
output in a staging folder inside it, and only at the end swaps the new outputs in for the old
ones. So the folder always holds one complete run: the new one, or the previous one untouched
when a run is interrupted, killed or fails to write. `reports/` is swapped as a whole, so after
a run it holds exactly that run's reports.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from pathlib import Path
from types import TracebackType

from readiness.errors import UsageError

LOCK = ".readiness-batch.lock"
OUTPUTS = (
    "summary.csv",
    "summary.xlsx",
    "summary.json",
    "errors.csv",
    "dashboard.html",
    "peers.json",
    "charts",
    "reports",
)


class OutputFolder:
    """`with OutputFolder(path) as out:` write into `out.staging`, then `out.commit()`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.token = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.staging = path / f".staging-{self.token}"
        self._lock: int | None = None

    def __enter__(self) -> OutputFolder:
        if self.path.exists() and not self.path.is_dir():
            raise UsageError(f"{self.path} is a file; give a folder for the outputs with -o")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._take_lock()
            for stale in self.path.glob(".staging-*"):  # left by a run that was killed
                shutil.rmtree(stale, ignore_errors=True)
            self.staging.mkdir()
        except OSError as exc:
            self._release()
            raise UsageError(f"cannot write the outputs in {self.path}: {exc.strerror or exc}") from None
        return self

    def _take_lock(self) -> None:
        import fcntl  # Unix; the batch's process pool needs fork or forkserver anyway

        fd = os.open(self.path / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise UsageError(
                f"{self.path} is in use by another readiness batch (process {holder}); "
                "wait for it or give another folder with -o"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock = fd

    def _release(self) -> None:
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._lock, 0)
                os.close(self._lock)
            self._lock = None

    def commit(self) -> None:
        """Swap the staged outputs in for the previous run's, then drop the previous ones."""
        trash = self.path / f".previous-{self.token}"
        trash.mkdir()
        for name in OUTPUTS:
            old = self.path / name
            if old.exists() or old.is_symlink():
                os.replace(old, trash / name)
        for name in OUTPUTS:
            new = self.staging / name
            if new.exists():
                os.replace(new, self.path / name)
        shutil.rmtree(trash, ignore_errors=True)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        self._release()
