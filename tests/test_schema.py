"""`readiness schema` describes exactly what the loader accepts: every example, every test file, a corpus.

The schema side reads each file as a schema tool does (YAML 1.2 core types: `3` is a number,
`2026.1` a float, `~` null); the loader reads text. For every file both must give the same verdict.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from readiness import api
from readiness.cli import app
from readiness.errors import InputError
from readiness.files.loading import LoadedQuestionnaire, available, load_questionnaire_file

from .conftest import DATA, ROOT

runner = CliRunner()


class Core12Loader(yaml.SafeLoader):
    """PyYAML with the YAML 1.2 core schema's implicit types (what JSON Schema tools use)."""


Core12Loader.yaml_implicit_resolvers = {}
_CORE = {
    "tag:yaml.org,2002:bool": (r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    "tag:yaml.org,2002:int": (r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    "tag:yaml.org,2002:float": (
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
    "tag:yaml.org,2002:null": (r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
}
for _tag, (_pattern, _first) in _CORE.items():
    Core12Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(node.value)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def _float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    text = str(node.value).lower()
    return float(text.replace(".inf", "inf").replace(".nan", "nan"))


def _bool(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool:
    return str(node.value).lower() == "true"


Core12Loader.add_constructor("tag:yaml.org,2002:int", _int)
Core12Loader.add_constructor("tag:yaml.org,2002:float", _float)
Core12Loader.add_constructor("tag:yaml.org,2002:bool", _bool)


def core12(raw: bytes) -> Any:
    return yaml.load(raw.decode("utf-8-sig"), Loader=Core12Loader)


def questionnaires() -> list[LoadedQuestionnaire]:
    found = [load_questionnaire_file(path) for _, _, path in available()]
    for path in sorted((DATA / "questionnaires").glob("*.yaml")):
        try:
            found.append(load_questionnaire_file(path.resolve()))
        except InputError:
            continue
    return found


ALL = questionnaires()
BY_REF = {(x.questionnaire.id, x.questionnaire.version): x for x in ALL}
VALIDATOR = jsonschema.Draft202012Validator(
    api.answer_schema(ALL), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def loader_ok(path: Path) -> bool | None:
    """The loader's verdict (None: refused before the data, at the YAML level, which no schema sees)."""
    try:
        data = core12(path.read_bytes())
        ref = data["questionnaire"] if isinstance(data, dict) else None
        key = (str(ref["id"]), str(ref["version"])) if isinstance(ref, dict) else None
    except Exception:
        key = None
    loaded = BY_REF.get(key) if key is not None else None
    if (
        loaded is not None
        and loaded.path.parent.name == "questionnaires"
        and loaded.path.parent.parent == DATA
    ):
        problems = api.validate_file(path, loaded)
    else:
        problems = api.validate_file(path)
    if any(p.field is None for p in problems):
        return None
    return not problems


def schema_ok(path: Path) -> bool | None:
    try:
        data = core12(path.read_bytes())
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    return bool(VALIDATOR.is_valid(data))


def answer_files() -> list[Path]:
    found = sorted((ROOT / "examples").glob("*.yaml"))
    for folder in ("answers", "bad", "plants", "examples-2026.1"):
        found += sorted((DATA / folder).glob("*.yaml"))
    return found


# files refused at the YAML level (alias, tag, duplicate key, encoding) never reach a schema
CHECKED = [path for path in answer_files() if loader_ok(path) is not None]


def test_nearly_every_test_file_is_compared() -> None:
    assert len(CHECKED) >= len(answer_files()) - 12 and len(CHECKED) >= 39


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_schema_agrees_with_the_loader_on_every_example_and_test_file(path: Path) -> None:
    assert schema_ok(path) == loader_ok(path)


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("assessment.date", "0"),
        ("company.name", "null"),
        ("company.name", "~"),
        ("assessment.date", "20260115"),
    ],
)
def test_a_number_as_a_date_and_a_null_name_are_refused(tmp_path: Path, field: str, text: str) -> None:
    doc = base()
    section, key = field.split(".")
    doc[section][key] = text
    path = tmp_path / "a.yaml"
    path.write_text(emit(doc, random.Random(0)).lstrip("\n"), encoding="utf-8")
    problems = api.validate_file(path)
    assert [p.field for p in problems] == [field]
    assert schema_ok(path) is False


def test_every_bundled_example_is_valid_by_the_schema() -> None:
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        assert schema_ok(path), path


# --- a generated corpus -----------------------------------------------------------------------------

SCALARS = [
    "3", "03", "+3", "3.0", "3.5", "7", "-1", "-0", "0", "5", "n/a", "NA", "na", "N/A", "해당없음", "~", "null",
    "", "true", "false", "yes", "abc", "2026-01-15", "2026-02-30", "20260115", "1234567890", "123-45-67890",
    "12345678901", "1234", "C29", "29", "c29", "2912", "2026.1", "2026.2", "1.0", "1e3", "self", "audit", "ko",
    "en", "48", "12000000000", "99999999999999999", "경기도", "x" * 45,
]  # fmt: skip
MAPPINGS: list[dict[str, Any]] = [
    {"value": "n/a", "note": "closed line"},
    {"value": "3", "claimed": "2"},
    {"claimed": "2", "verified": "3"},
    {"na": "true", "value": "3"},
    {"na": "true"},
    {"na": "yes"},
    {"value": "2", "evidence": "photo 1"},
    {"value": "2", "evidence": ["a", "b"]},
    {"value": "2", "evidence": ["e"] * 101},
    {"value": "2", "note": "n" * 4001},
    {"value": "2", "note": "n" * 4000},
    {"value": "4", "colour": "red"},
    {"value": "~"},
    {},
]
PATHS = [
    ("questionnaire", "version"),
    ("questionnaire", "id"),
    ("company", "name"),
    ("company", "business_number"),
    ("company", "sector"),
    ("company", "employees"),
    ("company", "annual_revenue_krw"),
    ("company", "region"),
    ("company", "programmes_asked"),
    ("company", "programmes"),
    ("assessment", "mode"),
    ("assessment", "date"),
    ("assessment", "language"),
    ("assessment", "assessor"),
    ("answers", "production.results"),
    ("answers", "quality.spc"),
    ("answers", "production.resluts"),
    ("extra",),
]


def emit(value: Any, rng: random.Random, indent: int = 0) -> str:
    """YAML text for a value of texts, each scalar plain or double-quoted at random."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return " {}\n"
        lines = "".join(
            f"{pad}{json.dumps(k, ensure_ascii=False)}:{emit(v, rng, indent + 2)}" for k, v in value.items()
        )
        return "\n" + lines
    if isinstance(value, list):
        if not value:
            return " []\n"
        return "\n" + "".join(
            f"{pad}-{emit(v, rng, indent + 2).lstrip(chr(10)) if not isinstance(v, str) else emit(v, rng, indent + 2)}"
            for v in value
        )
    plain = re.fullmatch(r"[\w+\-./~가-힣]*", value) is not None and rng.random() < 0.6
    return (f" {value}" if value else "") + "\n" if plain else f" {json.dumps(value, ensure_ascii=False)}\n"


def base() -> dict[str, Any]:
    return {
        "questionnaire": {"id": "kr-smart-factory", "version": "2026.1"},
        "company": {"name": "한빛부품", "sector": "C29", "employees": "48"},
        "assessment": {"mode": "self", "language": "ko", "date": "2026-01-15"},
        "answers": {"production.results": "3", "quality.spc": {"value": "2", "note": "월 1회"}},
    }


def mutate(doc: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    for _ in range(rng.choice([1, 1, 2, 3])):
        path = rng.choice(PATHS)
        pool: list[Any] = SCALARS + (MAPPINGS if path[0] in ("answers", "assessment") else [])
        if path == ("company", "programmes"):
            pool = [["ai-voucher"], ["x" * 81], "ai-voucher", ["~"], []]
        if path == ("assessment", "assessor"):
            pool = [{"name": "박 컨설턴트"}, {"name": "~"}, {"name": ""}, {}, "~"]
        value = rng.choice(pool)
        target = doc
        for key in path[:-1]:
            if not isinstance(target.get(key), dict):
                target[key] = {}
            target = target[key]
        target[path[-1]] = value
    return doc


# What YAML numbers cannot carry, so no schema can see (the README's known limits): a plain
# `sector: 1e3` is 1000 and a plain `sector: 03` is 3 to a schema tool; the loader reads the text.
LOSSY = re.compile(r'^ *(?:"sector": 0[0-9]+|"[a-z_]+": 1e3)$', re.MULTILINE)


def test_the_schema_agrees_with_the_loader_on_a_generated_corpus(tmp_path: Path) -> None:
    rng = random.Random(16)
    disagreements = []
    cases = 0
    for n in range(1500):
        text = emit(mutate(base(), rng), rng).lstrip("\n")
        if LOSSY.search(text):
            continue
        path = tmp_path / f"case-{n}.yaml"
        path.write_text(text, encoding="utf-8")
        expected, got = loader_ok(path), schema_ok(path)
        if expected is None or got is None:
            continue
        cases += 1
        if expected != got:
            disagreements.append(f"loader {expected}, schema {got}:\n{text}")
    assert cases > 1000
    assert not disagreements, f"{len(disagreements)} of {cases} disagree; first:\n" + "\n".join(
        disagreements[:3]
    )


def test_the_readme_answer_file_example_passes_validate(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [
        b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "questionnaire:" in b and "answers:" in b
    ]
    assert blocks, "the README shows an answer file"
    for n, block in enumerate(blocks):
        path = tmp_path / f"readme-{n}.yaml"
        path.write_text(block, encoding="utf-8")
        assert api.validate_file(path) == [], block
        assert schema_ok(path), block


def test_the_schema_command_prints_the_same_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert json.loads(result.stdout) == api.answer_schema()
    jsonschema.Draft202012Validator.check_schema(api.answer_schema())


# --- messages a person understands (issue 16) -------------------------------------------------------


def test_every_problem_of_a_file_in_one_run_each_saying_what_is_wrong(tmp_path: Path) -> None:
    evidence = ", ".join(["e"] * 101)
    path = tmp_path / "m.yaml"
    path.write_text(
        'questionnaire: {id: kr-smart-factory, version: "2026.1"}\n'
        "company: {name: Acme}\n"
        "answers:\n"
        "  production.resluts: 3\n"
        f'  quality.spc: {{value: 2, note: "{"n" * 4001}"}}\n'
        f"  quality.inspection: {{value: 2, evidence: [{evidence}]}}\n"
        "  production.traceability: 9\n"
        "  planning.orders: {value: 2, colour: red}\n",
        encoding="utf-8",
    )
    got = {(p.line, p.field, p.message) for p in api.validate_file(path)}
    assert got == {
        (4, "answers.production.resluts", "unknown question id (did you mean production.results?)"),
        (5, "answers.quality.spc.note", "is too long: at most 4,000 characters"),
        (6, "answers.quality.inspection.evidence", "has too many items: at most 100"),
        (
            7,
            "answers.production.traceability",
            "answer must be a whole number from 0 to 5, or n/a where the question allows it",
        ),
        (8, "answers.planning.orders.colour", "unknown field"),
    }


def test_a_blank_template_says_what_to_write_in_words(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(api.template(lang="en"), encoding="utf-8")
    problems = api.validate_file(path)
    assert [p.field for p in problems] == ["company.name"]
    assert "should have at least" not in problems[0].message and "name" in problems[0].message
