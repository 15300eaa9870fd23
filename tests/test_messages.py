"""The message catalogue: every message in both languages, with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from readiness.messages import MESSAGES, msg
from readiness.profile import fields

PACKAGE = Path(__file__).parent.parent / "readiness"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_korean_and_english_with_the_same_placeholders(key):
    texts = MESSAGES[key]
    assert set(texts) == {"ko", "en"} and all(t.strip() for t in texts.values())
    assert placeholders(texts["ko"]) == placeholders(texts["en"])


def test_every_notice_the_interview_can_give_has_a_message():
    source = "\n".join(
        (PACKAGE / name).read_text(encoding="utf-8") for name in ("interview.py", "profile.py")
    )
    notices = set(re.findall(r'notice = "(\w+)"', source)) | set(re.findall(r'BadValue\("(\w+)"\)', source))
    notices |= set(re.findall(r'first_notice="(\w+)"', source))
    assert notices and {f"notice.{n}" for n in notices} <= set(MESSAGES)


def test_every_profile_field_has_a_label():
    for mode in ("self", "audit"):
        for field in fields(mode):
            assert f"field.{field.key}" in MESSAGES
            if field.choices:
                assert f"field.{field.key}.hint" in MESSAGES


def test_msg_fills_placeholders():
    assert msg("end.report", "en", path="a.yaml") == "Write the report: readiness report a.yaml"
    assert msg("end.report", "ko", path="a.yaml") == "보고서 작성: readiness report a.yaml"
