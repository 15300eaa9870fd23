"""Finding the answer files of a batch: folders searched recursively, files and globs; sorted, unique.

Nothing is skipped silently. What is found but cannot be scored comes back in `Found.skipped`
with the reason, and gets its own row: hidden files and folders, anything that is not a regular
file (a FIFO, a device, a socket: never opened), folders that cannot be read, and symlinks that
leave the input folder or loop. Symlinks that stay inside the input folder are followed.
"""

from __future__ import annotations

import glob
import heapq
import os
import stat
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import overload

from readiness.errors import UsageError

SUFFIXES = (".yaml", ".yml", ".xlsx", ".xlsm")  # a macro workbook is found, and refused with a reason
WANTED = "*.yaml, *.yml, *.xlsx"


class Paths(Sequence[str]):
    """Sorted paths, kept as runs of file names under one folder: a name costs its characters
    and 4 bytes, not a Python string each (100,000 paths: ~3 MB instead of ~25 MB)."""

    def __init__(self, items: Iterable[tuple[str, str]] = ()) -> None:
        """`items`: (folder prefix, name) pairs in order; the path is prefix + name."""
        self._starts = array("q")  # index of each run's first path
        self._prefixes: list[str] = []
        self._names: list[str] = []  # each run's names, concatenated
        self._ends: list[array[int]] = []  # where each name of a run ends in its string
        self._count = 0
        prefix: str | None = None
        parts: list[str] = []
        ends = array("I")
        for folder, name in items:
            if folder != prefix:
                self._close(prefix, parts, ends)
                prefix, parts, ends = folder, [], array("I")
            parts.append(name)
            ends.append((ends[-1] if ends else 0) + len(name))
        self._close(prefix, parts, ends)

    def _close(self, prefix: str | None, parts: list[str], ends: array[int]) -> None:
        if prefix is None or not parts:
            return
        self._starts.append(self._count)
        self._prefixes.append(prefix)
        self._names.append("".join(parts))
        self._ends.append(ends)
        self._count += len(parts)

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        run = bisect_right(self._starts, index) - 1
        k = index - self._starts[run]
        ends = self._ends[run]
        return self._prefixes[run] + self._names[run][ends[k - 1] if k else 0 : ends[k]]

    def __iter__(self) -> Iterator[str]:
        for prefix, names, ends in zip(self._prefixes, self._names, self._ends, strict=True):
            start = 0
            for end in ends:
                yield prefix + names[start:end]
                start = end


@dataclass
class Found:
    """The files to score and the paths skipped with their reason, both sorted."""

    files: Paths = field(default_factory=Paths)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def shown_path(path: str) -> str:
    """A path as people can read it: a file name that is not UTF-8 (a CP949 name from a Korean
    Windows zip) is shown in its CP949 reading where it has one, else with escapes."""
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp949") + " [CP949 name]"
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="backslashreplace")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


SEP = "\0"  # cannot occur in a file name


def _names(joined: str) -> Iterator[str]:
    """The names of a `SEP`-joined string, one at a time (no list of them all)."""
    start = 0
    while start < len(joined):
        end = joined.find(SEP, start)
        end = len(joined) if end < 0 else end
        yield joined[start:end]
        start = end + 1


def _stream(prefix: str, joined: str, gone: set[str]) -> Iterator[tuple[str, str, str]]:
    """A folder's files as (path, prefix, name), sorted, but for those in `gone`."""
    for name in _names(joined):
        if name not in gone:
            yield prefix + name, prefix, name


class _Walker:
    """One walk over the inputs, collecting files and skips.

    A folder's files are kept as one string of names per folder visited, keyed by the folder's
    absolute path; files given one by one (or by a glob) by their absolute path. A file found
    twice keeps the spelling it was first found with, as one dict of absolute paths did
    (tests/test_batch.py::test_discover_keeps_the_first_spelling_of_a_file_found_twice).
    """

    def __init__(self) -> None:
        self.folders: dict[str, tuple[int, str, str]] = {}  # abspath -> (order, prefix, names)
        self.given: dict[str, tuple[int, str]] = {}  # abspath -> (order, path as the user gave it)
        self.skipped: dict[str, tuple[str, str]] = {}
        self.count = 0  # files found, before removing files found twice
        self._order = 0

    def _next(self) -> int:
        self._order += 1
        return self._order

    def skip(self, path: str, reason: str) -> None:
        self.skipped.setdefault(os.path.abspath(path), (path, reason))

    def regular(self, path: str) -> bool:
        """Whether `path` is a regular file; anything else (or unreadable) is skipped with the reason."""
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            self.skip(path, f"cannot read ({exc.strerror})")
            return False
        if not stat.S_ISREG(mode):
            self.skip(path, f"skipped: {_kind(mode)}, never opened")
            return False
        return True

    def file(self, path: str) -> None:
        if not self.regular(path):
            return
        self.count += 1
        self.given.setdefault(os.path.abspath(path), (self._next(), path))

    def _folder_files(self, root: str, names: list[str]) -> None:
        if not names:
            return
        self.count += len(names)
        key = os.path.abspath(root)
        if key in self.folders:  # the same folder again (given twice, or inside another input)
            order, prefix, joined = self.folders[key]
            names = sorted(set(_names(joined)) | set(names))
            self.folders[key] = (order, prefix, SEP.join(names))
        else:
            self.folders[key] = (self._next(), os.path.join(root, ""), SEP.join(sorted(names)))

    def found(self) -> Paths:
        """Every file found once, sorted by path as given."""
        given = sorted(self.given.items(), key=lambda item: item[1][1])
        drop: dict[str, set[str]] = {}  # folder -> names found first one by one
        names: dict[str, set[str]] = {}  # folder -> its names, for the folders files were given in
        kept = []
        for absolute, (order, path) in given:
            parent, name = os.path.split(absolute)
            folder = self.folders.get(parent)
            if folder is not None:
                if parent not in names:
                    names[parent] = set(_names(folder[2]))
                if name in names[parent]:
                    if folder[0] < order:
                        continue  # found first in the folder walk
                    drop.setdefault(parent, set()).add(name)
            kept.append(path)
        streams: list[Iterator[tuple[str, str, str]]] = [((p, "", p) for p in kept)]
        for key, (_, prefix, joined) in self.folders.items():
            streams.append(_stream(prefix, joined, drop.get(key, set())))
        return Paths((prefix, name) for _, prefix, name in heapq.merge(*streams))

    def folder(self, top: str) -> None:
        root_real = os.path.realpath(top)
        seen: set[str] = set()

        def refuse(error: OSError) -> None:
            self.skip(str(error.filename), f"cannot read folder ({error.strerror})")

        for root, dirs, files in os.walk(top, onerror=refuse, followlinks=True):
            real = os.path.realpath(root)
            if real in seen:
                self.skip(root, "skipped: a folder link that loops back")
                dirs[:] = []
                continue
            seen.add(real)
            keep = []
            for name in sorted(dirs):
                path = os.path.join(root, name)
                if name.startswith("."):
                    self.skip(path, "skipped: hidden folder")
                elif os.path.islink(path) and not _inside(os.path.realpath(path), root_real):
                    self.skip(path, "skipped: a folder link that leaves the input folder")
                else:
                    keep.append(name)
            dirs[:] = keep
            here: list[str] = []
            for name in files:
                if not name.lower().endswith(SUFFIXES):
                    continue
                path = os.path.join(root, name)
                if name.startswith("."):
                    self.skip(path, "skipped: hidden file")
                elif name.startswith("~$"):
                    self.skip(path, "skipped: an office lock file (the workbook is open somewhere)")
                elif os.path.islink(path) and not _inside(os.path.realpath(path), root_real):
                    self.skip(path, "skipped: a link to a file outside the input folder")
                elif self.regular(path):
                    here.append(name)
            self._folder_files(root, here)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def discover(inputs: Sequence[str | Path]) -> Found:
    """Answer files under `inputs` (folders searched recursively, files, globs), and what was skipped.

    Uses os.walk and plain strings: pathlib costs ~25 us a file, a quarter second per 10,000.
    """
    walker = _Walker()
    for item in map(str, inputs):
        if os.path.isdir(item):
            walker.folder(item)
        elif os.path.lexists(item):
            walker.file(item)
        elif glob.has_magic(item):
            matched = False
            for match in sorted(glob.glob(item, recursive=True)):
                if os.path.isdir(match):
                    before = walker.count + len(walker.skipped)
                    walker.folder(match)
                    matched = matched or walker.count + len(walker.skipped) > before
                elif match.lower().endswith(SUFFIXES):
                    walker.file(match)
                    matched = True
            if not matched:
                raise UsageError(f"{item}: no answer files ({WANTED}) match this pattern")
        else:
            raise UsageError(f"{item}: no such file or folder")
    if not walker.count and not walker.skipped:
        raise UsageError(f"no answer files ({WANTED}) found in {', '.join(map(str, inputs))}")
    return Found(walker.found(), sorted(walker.skipped.values()))
