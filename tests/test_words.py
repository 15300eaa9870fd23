"""The one word catalogue: every word in both languages, with the same placeholders; no Korean elsewhere."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from readiness.domain.company_profile import fields
from readiness.words import WORDS, section, word

PACKAGE = Path(__file__).parent.parent / "readiness"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(WORDS))
def test_every_message_has_korean_and_english_with_the_same_placeholders(key: str) -> None:
    texts = WORDS[key]
    assert set(texts) == {"ko", "en"} and all(t.strip() for t in texts.values())
    assert placeholders(texts["ko"]) == placeholders(texts["en"])


def test_every_notice_the_interview_can_give_has_a_message() -> None:
    source = "\n".join(
        (PACKAGE / "domain" / name).read_text(encoding="utf-8")
        for name in ("interview.py", "company_profile.py")
    )
    notices = set(re.findall(r'notice = "(\w+)"', source)) | set(re.findall(r'BadValue\("(\w+)"\)', source))
    notices |= set(re.findall(r'first_notice="(\w+)"', source))
    assert notices and {f"notice.{n}" for n in notices} <= set(WORDS)


def test_every_profile_field_has_a_label() -> None:
    for mode in ("self", "audit"):
        for field in fields(mode):
            assert f"field.{field.key}" in WORDS
            if field.choices:
                assert f"field.{field.key}.hint" in WORDS


def test_msg_fills_placeholders() -> None:
    assert word("end.report", "en", path="a.yaml") == "Write the report: readiness report a.yaml"
    assert word("end.report", "ko", path="a.yaml") == "보고서 작성: readiness report a.yaml"


HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
# The catalogue itself, and the tables of Korean place and sector names.
KOREAN_ALLOWED = {Path("words.py"), Path("domain/normalise.py")}


def _literals(tree: ast.AST) -> list[tuple[int, str]]:
    """String constants of a module, docstrings left out."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_korean_literal_outside_the_catalogue_and_the_tables() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative in KOREAN_ALLOWED:
            continue
        for line, text in _literals(ast.parse(path.read_text(encoding="utf-8"))):
            if HANGUL.search(text):
                found.append(f"{relative}:{line}")
    assert not found, f"Korean text outside readiness/words.py: {found}"


def test_the_hangul_check_sees_a_literal() -> None:
    assert _literals(ast.parse('x = "기초"\n'))
    assert HANGUL.search("기초") and not HANGUL.search("Basic")


def test_section_strips_its_prefix() -> None:
    assert section("report", "en")["title_self"] == word("report.title_self", "en")
    assert all("." not in key or key.count(".") < 2 for key in section("card", "ko"))


def test_reconciled_terms_have_one_name() -> None:
    assert word("card.completeness", "en") == word("report.completeness", "en") == "Completeness"
    assert not [key for key in WORDS if key.endswith(("mode_self", "mode_audit"))]
