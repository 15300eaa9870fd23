"""Reading untrusted YAML safely: size cap, strict UTF-8, nesting bound, no aliases or tags.

Why each guard exists (measured, see the README's "Hostile input" section):
- a 50 MB file takes libyaml ~45 s and 2 GB, so files are capped before reading;
- ~26,000 levels of nesting segfault libyaml's composer, so depth is bounded on the raw text;
- a 400-byte alias bomb expands to billions of items when walked or printed, so any
  anchor/alias is refused at the node level, before anything is constructed;
- PyYAML silently keeps the last of two duplicate keys, so duplicates are refused.
Scalars are loaded as text (no YAML 1.1 type guessing: `yes`, `010`, `12:30` stay strings);
pydantic converts them, so the same file means the same thing whatever loader reads it.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from readiness.files.fastyaml import parse_simple

# An answer file: a 400-question questionnaire's template, with every option as a comment, is
# ~280 KB in Korean; 1 MB still parses in well under a second and the node cap bounds the work.
MAX_BYTES = 1024 * 1024
MAX_FLOW_DEPTH = 64
MAX_BLOCK_INDENT = 400
MAX_NODES = 20_000
DATA_NODES_PER_MB = 80_000  # questionnaires and catalogues: 320,000 values in their 4 MB
_ALLOWED_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})
_BRACKETS = re.compile(r"[^\[\]{}]+")
_LINE_START = re.compile(r"^( *)((?:[-?:][ \t]+)*)", re.MULTILINE)
# a line can only break the block bound if it starts with more than half of it in these characters
# (a literal "\n" first lets the regex engine jump from line to line: 4x faster than "^")
_DEEP_LINE = re.compile(rf"\n[ \t?:-]{{{MAX_BLOCK_INDENT // 2 + 1}}}")
if TYPE_CHECKING:  # a class the checker can see; both loaders share the resolver API used below
    _Loader = yaml.CBaseLoader
else:
    _Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
HAS_LIBYAML: bool = hasattr(yaml, "CBaseLoader")


class YamlProblem(Exception):
    """The file is not acceptable YAML; `line` is 1-based where known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Document:
    """A loaded YAML document: the plain data and the node tree, for finding lines.

    The fast reader (files/fastyaml.py) gives no node tree; it is composed by the guarded path
    only when a line is asked for, i.e. when the file has a problem to report.
    """

    data: Any
    _root: yaml.Node | None
    raw: bytes

    @property
    def root(self) -> yaml.Node:
        """The node tree, composed on first use."""
        if self._root is None:
            object.__setattr__(self, "_root", _guarded(decode(self.raw))[1])
        assert self._root is not None
        return self._root

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        """The 1-based line of the deepest key or item on path `loc` that exists."""
        node: yaml.Node = self.root
        line = node.start_mark.line + 1
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == str(part)), None)
                if pair is None:
                    break
                line, node = pair[0].start_mark.line + 1, pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    break
                node = node.value[part]
                line = node.start_mark.line + 1
            # other parts are pydantic's own (e.g. a union branch name): skip them
        return line

    def field(self, loc: tuple[str | int, ...]) -> str:
        """The field name shown in an error: the path joined with dots (`answers.quality.spc`)."""
        return ".".join(str(p) for p in loc)

    def trim(self, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
        """`loc` cut after a scalar in the file: `make.results: 7` is reported as the answer itself,
        not as pydantic's `value` field of the expanded shorthand."""
        node: yaml.Node = self.root
        for i, part in enumerate(loc):
            if isinstance(node, yaml.ScalarNode):
                return loc[:i]
            if isinstance(node, yaml.MappingNode):
                found = next((v for k, v in node.value if k.value == str(part)), None)
                if found is None:
                    return loc
                node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            else:
                return loc
        return loc


_DEFAULT_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class _GuardedLoader(_Loader):
    """libyaml composes the node graph; one walk vets it and builds the plain data at once."""

    max_nodes = MAX_NODES

    # libyaml calls back into Python for every node to resolve its tag; BaseResolver has no
    # implicit or path resolvers, so the answer is always the default tag for the node kind.
    # Same result, a quarter of the compose time saved.
    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def get_single_data(self) -> tuple[Any, yaml.Node]:
        node = self.get_single_node()
        if node is None:
            raise YamlProblem("the file is empty: expected a mapping of keys and values", 1)
        return _build(node, self.max_nodes), node


def _refuse(node: yaml.Node, seen: set[int], max_nodes: int = MAX_NODES) -> YamlProblem:
    """The reason `node` cannot be entered (see `_build`)."""
    line = node.start_mark.line + 1
    if id(node) in seen:
        return YamlProblem(
            "YAML anchors and aliases (&name / *name) are not allowed (anchor defined here)", line
        )
    if len(seen) >= max_nodes:
        return YamlProblem(f"too many values (more than {max_nodes})", line)
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")[:60]
    return YamlProblem(f"YAML tags such as {tag!s} are not allowed", line)


def _build(root: yaml.Node, max_nodes: int = MAX_NODES) -> Any:
    """Vet and construct in one pass: text scalars, lists and dicts, refusing any node seen twice
    (anchors/aliases: billion laughs, recursion), more than MAX_NODES nodes, tags other than
    str/seq/map, non-text keys and duplicate keys.

    PyYAML's own constructor plus a separate vetting walk cost more than libyaml's parse itself;
    this one walk does both for a fraction (batch scoring is bound by it). Recursion depth is
    safe: `check_nesting` has already bounded the nesting.
    """
    seen: set[int] = set()
    add = seen.add
    scalar, sequence, allowed = yaml.ScalarNode, yaml.SequenceNode, _ALLOWED_TAGS

    def build(node: yaml.Node) -> Any:
        if id(node) in seen or len(seen) >= max_nodes or node.tag not in allowed:
            raise _refuse(node, seen, max_nodes)
        add(id(node))
        kind = node.__class__
        if kind is scalar:
            return node.value
        if kind is sequence:
            return [build(item) for item in node.value]
        out: dict[str, Any] = {}
        for key, value in node.value:
            if key.__class__ is not scalar:
                raise YamlProblem("keys must be plain text", key.start_mark.line + 1)
            if id(key) in seen or len(seen) >= max_nodes or key.tag not in allowed:
                raise _refuse(key, seen, max_nodes)
            add(id(key))
            text = key.value
            if text in out:
                raise YamlProblem(
                    f"duplicate key {text[:80]!r} (each key may appear once)", key.start_mark.line + 1
                )
            out[text] = build(value)
        return out

    return build(root)


def decode(raw: bytes) -> str:
    """Strict UTF-8 (a BOM is fine); a Korean Windows encoding gets a hint."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("cp949")
            hint = " It looks like CP949/EUC-KR (Korean Windows): save it as UTF-8."
        except UnicodeDecodeError:
            pass
        raise YamlProblem(f"the file is not valid UTF-8 text.{hint}", line) from None
    if "\x00" in text:
        raise YamlProblem("the file contains NUL bytes; it is not a text file", None)
    return text


def check_nesting(text: str) -> None:
    """Refuse deep nesting before libyaml sees it (it segfaults at ~26,000 levels).

    Both checks first rule out the common case with one C-speed scan (fewer opening brackets than
    the limit; no line starting with a long run of blanks and indicators), then measure exactly.
    """
    if text.count("[") + text.count("{") > MAX_FLOW_DEPTH:
        depth = peak = 0
        for char in _BRACKETS.sub("", text):
            depth = depth + 1 if char in "[{" else max(depth - 1, 0)
            peak = max(peak, depth)
        if peak > MAX_FLOW_DEPTH:
            raise YamlProblem(f"nesting is too deep (more than {MAX_FLOW_DEPTH} levels)")
    if _DEEP_LINE.search("\n" + text[:1000]) is None and _DEEP_LINE.search(text) is None:
        return
    for match in _LINE_START.finditer(text):
        indent, indicators = match.group(1), match.group(2)
        if len(indent) + 2 * len(indicators) > MAX_BLOCK_INDENT:
            line = text.count("\n", 0, match.start()) + 1
            raise YamlProblem("nesting or indentation is too deep", line)


def read(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, refusing anything over `max_bytes` before reading it."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; then refuse anything not a file
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise YamlProblem("not a regular file (a FIFO, device or socket); it was not read")
            raw = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise YamlProblem("is a folder, not a file") from None
    except FileNotFoundError:
        raise YamlProblem("file not found") from None
    except OSError as exc:
        raise YamlProblem(f"cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise YamlProblem(f"the file is larger than the limit of {max_bytes // 1024} KB")
    return raw


def parse(raw: bytes, max_nodes: int = MAX_NODES) -> Document:
    """Parse one YAML document of text-only scalars, with every guard applied.

    Files in the simple subset answer files use are read by the fast reader, which agrees with
    the guarded path wherever it answers (tests/test_fastyaml.py); the rest take the guarded path.
    """
    text = decode(raw)
    check_nesting(text)
    simple = parse_simple(text)
    if simple is not None:
        return Document(data=simple, _root=None, raw=raw)
    data, root = _guarded(text, max_nodes)
    return Document(data=data, _root=root, raw=raw)


def _guarded(text: str, max_nodes: int = MAX_NODES) -> tuple[Any, yaml.Node]:
    """libyaml composes, one walk vets and builds: aliases, tags, duplicates and floods refused."""
    loader = _GuardedLoader(text)
    loader.max_nodes = max_nodes
    try:
        data, root = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        if "expected a single document" in str(exc.context) + str(exc.problem):
            what = "more than one YAML document (---) in the file; put one answer set per file"
        raise YamlProblem(f"YAML syntax error: {what}", mark.line + 1 if mark else None) from None
    except RecursionError:  # defence in depth: check_nesting should already have refused this
        raise YamlProblem("nesting is too deep") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML error: {str(exc).splitlines()[0][:200]}") from None
    finally:
        loader.dispose()
    return data, root


def load(path: Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse `path` with every guard applied. An answer file stays at MAX_NODES values;
    for a larger file (a questionnaire of 400 questions, a catalogue) the cap grows with its size
    cap, DATA_NODES_PER_MB a megabyte, independently of the answer-file size cap."""
    max_nodes = MAX_NODES if max_bytes <= MAX_BYTES else DATA_NODES_PER_MB * max_bytes // (1024 * 1024)
    return parse(read(path, max_bytes), max_nodes)
