"""A fast reader for the small YAML subset that answer files use, beside the guarded libyaml path.

Composing a node graph through libyaml costs ~270 µs per answer file, most of the batch's time.
Answer files written by `readiness template` and `assess`, and by most people editing them, use a
tiny subset: block mappings indented with spaces, plain keys, plain or simple double-quoted
scalars, comments. This reader accepts exactly that subset and returns `None` for anything else
(tabs, control characters, anchors, aliases, tags, flow collections, sequences, multi-line or
escaped scalars, duplicate keys, directives...), which then goes through the unchanged guarded
path in `safeyaml`. So every guarantee of the guarded path holds, and where this reader answers,
it answers the same: tests/test_fastyaml.py compares both on every bundled and test file and on
thousands of mutated variants.
"""

from __future__ import annotations

import re
from typing import Any

# Characters libyaml accepts in a plain document, minus line breaks other than \n and \r and
# minus the BOM inside the text: anything else sends the file to the guarded path.
_UNUSUAL = re.compile(r"[^\x20-\x7e\n\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
# A plain scalar that cannot be mistaken for anything else: no indicator first, no ": " or " #".
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:#]|:(?=\S)|(?<=\S)#)*")
_QUOTED = re.compile(r'"([^"\\]*)"')
MAX_DEPTH = 8
# `key:`, `key: "text"` or `key: plain text`, each with an optional ` # comment`; the same rules
# as _entry below, which handles the rest (flow collections) and agrees with this on these lines.
_LINE = re.compile(
    r'([A-Za-z_][A-Za-z0-9_.-]*):(?: +(?:"([^"\\]*)"|([^\s\-?:,\[\]{}#&*!|>\'"%@`](?:[^:#]|:(?=\S)|(?<=\S)#)*?)))? *(?:(?<= )#.*)?'
)
_SKIPPED = re.compile(r"^ *(?:#[^\n]*)?\n", re.MULTILINE)
# Every remaining line, matched in C: indent, key, then a quoted or plain scalar, or a flow
# collection (checked by _entry), or nothing; an optional comment. A line that does not match
# leaves the count short and sends the file to the guarded path.
_LINE_IN_TEXT = re.compile(
    r'^( *)([A-Za-z_][A-Za-z0-9_.-]*):(?: +(?:"([^"\\\n]*)"|([^\s\-?:,\[\]{}#&*!|>\'"%@`](?:[^:#\n]|:(?=\S)|(?<=\S)#)*?)|([{\[][^\n]*)))? *(?:(?<= )#[^\n]*)?$',
    re.MULTILINE,
)
MAX_ENTRIES = 4000  # far below the guarded node cap, which counts keys, values and mappings


def parse_simple(text: str) -> dict[str, Any] | None:
    """The document as plain data if it is in the simple subset, else None (use the guarded path)."""
    text = text.replace("\r\n", "\n")
    if _UNUSUAL.search(text):
        return None
    # comment-only and blank lines dropped in one C-speed pass (a template has hundreds)
    body = _SKIPPED.sub("", text if text.endswith("\n") else text + "\n")
    root: dict[str, Any] = {}
    stack: list[tuple[int, dict[str, Any]]] = [(0, root)]
    pending: tuple[int, dict[str, Any], str] | None = None  # `key:` with nothing after it yet
    lines = 0
    for match in _LINE_IN_TEXT.finditer(body):
        lines += 1
        indent = len(match.group(1))
        if pending is not None:
            parent_indent, parent, key = pending
            pending = None
            if indent > parent_indent:
                if len(stack) >= MAX_DEPTH:
                    return None
                child: dict[str, Any] = {}
                parent[key] = child
                stack.append((indent, child))
        while len(stack) > 1 and indent < stack[-1][0]:
            stack.pop()
        if indent != stack[-1][0]:
            return None  # an indentation that does not close back to a level seen
        mapping = stack[-1][1]
        key = match.group(2)
        if key in mapping or lines > MAX_ENTRIES:
            return None  # a duplicate key, or a file for the node cap to judge
        value: Any = match.group(3) if match.group(3) is not None else match.group(4)
        if value is None and match.group(5) is not None:
            parsed = _entry(match.group(0).lstrip(" "))
            if parsed is None:
                return None
            value = parsed[1]
        if value is None:
            mapping[key] = ""  # an empty value is the empty plain scalar, unless lines follow
            pending = (indent, mapping, key)
        else:
            mapping[key] = value
    if lines != body.count("\n"):
        return None  # some line is outside the subset
    return root or None


def _entry(text: str) -> tuple[str, Any] | None:
    """`key: value` -> (key, value); `key:` -> (key, None); None when outside the subset."""
    match = _KEY.match(text)
    if match is None or text[match.end() : match.end() + 1] != ":":
        return None
    key, rest = match.group(), text[match.end() + 1 :]
    if not rest:
        return key, None
    if not rest.startswith(" "):
        return None
    rest = rest.lstrip(" ")
    if rest.startswith("#"):
        return key, None
    if rest[0] in "{[":
        flow = _flow(rest)
        return None if flow is None else (key, flow)
    quoted = _QUOTED.match(rest)
    if quoted is not None:
        tail = rest[quoted.end() :].lstrip(" ")
        return (key, quoted.group(1)) if not tail or tail.startswith("#") else None
    plain = _PLAIN.match(rest)
    if plain is None:
        return None
    value, tail = plain.group(), rest[plain.end() :]
    if tail and not tail.startswith("#"):
        return None
    if tail and not value.endswith(" "):
        return None  # "a#b" is one scalar; only " #" starts a comment
    return key, value.rstrip(" ")


# In a flow collection a plain scalar also stops at , [ ] { } (and may not hold ": " or " #").
_FLOW_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}]*")


def _flow_scalar(text: str, at: int) -> tuple[str, int] | None:
    """A quoted or plain scalar inside a one-line flow collection, and where it ends."""
    quoted = _QUOTED.match(text, at)
    if quoted is not None:
        return quoted.group(1), quoted.end()
    plain = _FLOW_PLAIN.match(text, at)
    if plain is None:
        return None
    value = plain.group().rstrip(" ")
    if ": " in value or " #" in value or value.endswith(":"):
        return None
    return value, at + len(value)


def _flow(text: str) -> Any:
    """`{a: 1, b: "x", c: [d, e]}` or `[a, "b"]` on one line; None for anything else.

    A sequence may sit inside a mapping (evidence lists); nothing deeper.
    """
    parsed = _quick_mapping(text) if text[0] == "{" else None
    if parsed is None:
        parsed = _collection(text, 0, nested_ok=True)
    if parsed is None:
        return None
    value, at = parsed
    tail = text[at:]
    if (tail.strip(" ") and not tail.startswith(" ")) or (
        tail.strip(" ") and not tail.lstrip(" ").startswith("#")
    ):
        return None
    return value


def _collection(text: str, at: int, nested_ok: bool) -> tuple[Any, int] | None:
    """The flow mapping or sequence starting at `at`, and the index after its closing bracket."""
    mapping = text[at] == "{"
    close = "}" if mapping else "]"
    out_map: dict[str, Any] = {}
    out_list: list[Any] = []
    at += 1
    while True:
        while at < len(text) and text[at] == " ":
            at += 1
        if at < len(text) and text[at] == close and not (out_map or out_list):
            return (out_map if mapping else out_list), at + 1
        key = None
        if mapping:
            key = _KEY.match(text, at)
            if key is None or text[key.end() : key.end() + 2] != ": " or key.group() in out_map:
                return None
            at = key.end() + 2
            while at < len(text) and text[at] == " ":
                at += 1
        value: Any
        if at < len(text) and text[at] == "[" and mapping and nested_ok:
            inner = _collection(text, at, nested_ok=False)
            if inner is None:
                return None
            value, at = inner
        else:
            scalar = _flow_scalar(text, at)
            if scalar is None:
                return None
            value, at = scalar
        if key is not None:
            out_map[key.group()] = value
        else:
            out_list.append(value)
        while at < len(text) and text[at] == " ":
            at += 1
        if at >= len(text):
            return None
        if text[at] == close:
            return (out_map if mapping else out_list), at + 1
        if text[at] != ",":
            return None
        at += 1


# One item of a flow mapping in one match: `key: "text"`, `key: [a, b]` or `key: plain`.
_ITEM = re.compile(
    r' *([A-Za-z_][A-Za-z0-9_.-]*): +(?:"([^"\\]*)"|\[([^\[\]{}"]*)\]|'
    r'([^\s\-?:,\[\]{}#&*!|>\'"%@`][^,\[\]{}]*?)) *([,}])'
)


def _plain_ok(value: str) -> bool:
    return bool(value) and ": " not in value and " #" not in value and not value.endswith(":")


def _quick_mapping(text: str) -> tuple[dict[str, Any], int] | None:
    """The common flow mapping, item by item in C; None sends it to `_collection`, which agrees."""
    out: dict[str, Any] = {}
    at = 1
    while True:
        item = _ITEM.match(text, at)
        if item is None or item.group(1) in out:
            return None
        key, quoted, listed, plain, end = item.groups()
        if quoted is not None:
            value: Any = quoted
        elif listed is not None:
            parts = [p.strip(" ") for p in listed.split(",")] if listed.strip(" ") else []
            if not all(_FLOW_PLAIN.fullmatch(p) and _plain_ok(p) for p in parts):
                return None
            value = parts
        else:
            if not _plain_ok(plain):
                return None
            value = plain
        out[key] = value
        at = item.end()
        if end == "}":
            return out, at
