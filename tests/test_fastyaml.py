"""The fast reader agrees with the guarded path wherever it answers, and steps aside elsewhere."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from readiness.files import safeyaml
from readiness.files.fastyaml import parse_simple

ROOT = Path(__file__).parent.parent
FILES = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/data/**/*.yaml")])
# What hostile or careless editing brings: indicators, quotes, brackets, tabs, odd line breaks.
PIECES = [" ", "  ", ":", ": ", " #", "#", '"', "'", "{", "}", "[", "]", ",", "-", "- ", "? ", "&a ", "*a",
          "!!str ", "!x ", "|", ">", "\t", "\n", "\r", "\r\n", "\x00", "\x85", "\u2028", "\ufeff", "%", "@",
          "`", "~", "\\", "---\n", "...\n", "a: b\n", "  x: 1\n", "é", "한", "\u00a0", "}\n", "[]", "{}"]  # fmt: skip


def _agree(text: str) -> None:
    fast = parse_simple(text)
    if fast is not None:
        slow = guarded_only(text)
        assert slow == fast, text[:300]


def guarded_only(text: str) -> object:
    """The guarded path alone (parse() itself would take the fast path again)."""
    try:
        safeyaml.check_nesting(text)
        return safeyaml._guarded(text)[0]
    except safeyaml.YamlProblem:
        return "refused"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_bundled_and_test_files_read_the_same_either_way(path: Path) -> None:
    try:
        text = safeyaml.decode(path.read_bytes())
    except safeyaml.YamlProblem:
        return
    _agree(text)


def test_the_common_answer_files_take_the_fast_path() -> None:
    examples = sorted(ROOT.glob("examples/*.yaml"))
    fast = [p.name for p in examples if parse_simple(safeyaml.decode(p.read_bytes())) is not None]
    assert len(fast) == len(examples)


def test_thousands_of_mutated_files_read_the_same_or_step_aside() -> None:
    rng = random.Random(20261201)
    sources = [safeyaml.decode(p.read_bytes()) for p in ROOT.glob("examples/*.yaml")]
    taken = 0
    for _ in range(4000):
        text = rng.choice(sources)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text))
            action = rng.random()
            if action < 0.6:
                text = text[:at] + rng.choice(PIECES) + text[at:]
            elif action < 0.8:
                text = text[:at] + text[at + rng.randint(1, 8) :]
            else:
                lines = text.split("\n")
                k = rng.randrange(len(lines))
                lines.insert(k, lines[k])
                text = "\n".join(lines)
        taken += parse_simple(text) is not None
        _agree(text)
    assert 500 < taken < 4000  # both paths were exercised


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !!python/object:os.system x\n",
        "a: 1\na: 2\n",
        "a:\n\tb: 1\n",
        "a: |\n  x\n",
        'a: "x\\ny"\n',
        "a: [1, [2]]\n",
        "- a\n- b\n",
        "a: b: c\n",
        "---\na: 1\n",
        "a: 1 # c\n  b: 2\n",
        "",
    ],
)
def test_what_the_guarded_path_must_judge_is_left_to_it(text: str) -> None:
    assert parse_simple(text) is None


def test_a_problem_in_a_fast_read_file_still_has_its_line(tmp_path: Path) -> None:
    doc = safeyaml.parse(b"questionnaire:\n  id: x\ncompany:\n  name: A\nanswers:\n  q.x: 9\n")
    assert doc._root is None  # read fast
    assert doc.line_of(("answers", "q.x")) == 6  # the node tree is composed when a line is needed
