"""The one Jinja environment of readiness, in its two flavours (HTML and Markdown), and its filters.

`autoescape=True` rather than select_autoescape(), which only matches names ending in `.html`
and would leave `report.html.j2` unescaped. Markdown: HTML entities would read badly as plain
text, so `finalize` escapes each value for Markdown instead (`\\<script\\>` is text to any
CommonMark renderer, never HTML), flattens it to one line so it cannot break a table, and marks
the result safe so it is not escaped again.
"""

from __future__ import annotations

import contextlib
import re
import urllib.parse
from collections.abc import Iterable
from functools import cache
from typing import Any, Literal

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup

from readiness.report import charts
from readiness.resources import bundled

Flavour = Literal["html", "markdown"]


@cache
def environment(flavour: Flavour = "html") -> Environment:
    """The environment for HTML pages (reports and the dashboard) or for Markdown reports."""
    markdown = flavour == "markdown"
    env = Environment(
        loader=FileSystemLoader(bundled("report_templates")),
        # Compiling report.html.j2 took a quarter of a second of every `readiness report`. Jinja's
        # own cache: keyed by the template's source checksum, in a per-user folder it creates
        # 0700 and refuses to use if another user owns it; a failed write only skips caching.
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        finalize=_markdown_text if markdown else None,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["bar"] = charts.text_bar
    env.filters["num"] = _num
    env.filters["signed"] = _signed
    env.filters["url"] = _url_markdown if markdown else _url
    env.filters["css_string"] = css_string
    env.filters["css_content"] = css_content
    if markdown:
        env.filters["code"] = _code
        env.filters["join"] = _markdown_join  # the built-in join would HTML-escape the items
    return env


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache, but a full disk or an unreadable entry only means compiling again."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> BytecodeCache | None:
    try:
        return _QuietBytecodeCache()
    except (OSError, RuntimeError):  # no safe per-user temp folder: compile every time
        return None


def render_page(template: str, flavour: Flavour = "html", **context: Any) -> str:
    """Render one bundled template with `context`."""
    return environment(flavour).get_template(template).render(**context)


def _num(value: float | None, digits: int = 1) -> str:
    """A number with fixed decimals, or an en dash for none."""
    return "–" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    text = f"{value:+.{digits}f}"
    return "±0" if text.lstrip("+-").strip("0.") == "" else text


# Characters that could start markup (emphasis, links, raw HTML, code) or end a table cell.
_MARKDOWN_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*[]<>|"})
# An underscore inside a word (`data.ai_production`) never starts emphasis on GitHub; others might.
_NEEDS_WORK = re.compile(r"[\\`*\[\]<>|_]|\s\s|[^\S ]|^\s|\s$")
_LOOSE_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")


def _markdown_text(value: object) -> Markup:
    """Every value printed into Markdown: one line, special characters backslash-escaped."""
    if isinstance(value, Markup):  # a macro's output or a filter's below: already safe
        return value
    text = str(value)
    if not _NEEDS_WORK.search(text):  # most values: plain words and numbers
        return Markup(text)
    text = " ".join(text.split()).translate(_MARKDOWN_SPECIAL)
    return Markup(_LOOSE_UNDERSCORE.sub(r"\\_", text))


def _markdown_join(values: Iterable[object], separator: str = "") -> str:
    """Plain text; the finalize step escapes it once."""
    return separator.join(str(v) for v in values)


def _url(value: str) -> str:
    """An http(s) URL, percent-encoded where it could break out of an attribute or an autolink."""
    if not value.lower().startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) URL: {value!r}")  # callers pass only checked links
    return urllib.parse.quote(value, safe="/:?&=#%+,;@!$'~.-_()*[]")


# What may stand for itself in a CSS string inside <style>: letters, digits, spaces, harmless
# punctuation and text beyond ASCII; other ASCII (quotes, backslashes, `<`, `{`) becomes a hex
# escape, and controls and bidi overrides are dropped (escaped, they would still act).
_CSS_PLAIN = re.compile(r"[0-9A-Za-z /.,:()\-]|[^\x00-\x7f]")
_CSS_DROP = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _css_quoted(text: str) -> str:
    text = _CSS_DROP.sub("", text)
    return '"' + "".join(ch if _CSS_PLAIN.fullmatch(ch) else f"\\{ord(ch):06x}" for ch in text) + '"'


def css_string(value: object) -> Markup:
    """`value` on one line as a quoted CSS string, safe inside an HTML <style> element (hex escapes)."""
    return Markup(_css_quoted(" ".join(str(value).split())))


def css_content(template: str) -> Markup:
    """A `content:` value from a word with `{page}` and `{pages}`: the page counters between strings."""
    pieces = re.split(r"(\{page\}|\{pages\})", template)
    return Markup(
        " ".join(f"counter({p[1:-1]})" if p in ("{page}", "{pages}") else _css_quoted(p) for p in pieces if p)
    )


def _code(value: object) -> Markup:
    """A Markdown code span; backslash escapes do not work inside one, so none are added."""
    return Markup("`" + " ".join(str(value).split()).replace("`", "'") + "`")


def _url_markdown(value: str) -> Markup:
    """A URL for a Markdown autolink `<...>`, which takes no backslash escapes."""
    return Markup(_url(value))
