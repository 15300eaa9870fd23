"""Benchmark `readiness batch` against the floor of reading and parsing the same files.

    python benchmarks/batch.py [--sizes 10000,100000] [--rounds 3] [--reports-n 2000] [--pdf-n 40]
                               [--questions 50,100,200,400] [--questions-files 1000]
                               [--questions-reports 100] [--quick] [--jobs N] [--keep DIR]

Generates realistic answer files (fixed seed; Korean names, notes and regions; audit files with
evidence; a few per cent invalid in the ways real submissions break) in a temporary folder, then
prints, for the same files in one run:
- both floors: read + parse every file with libyaml's CSafeLoader, and with CBaseLoader, on all
  cores (a ProcessPoolExecutor, like the pipeline), nothing else;
- the full `readiness batch` (the real CLI in a child process): files per second, the ratio to
  each floor, and peak memory (getrusage of the process and of its largest worker);
- `--reports html` files per second, on a smaller folder (reports cost ~20x a row);
- the growth of peak memory from the first size to the last (goal: at most 1.2x);
- `--reports pdf` on `--pdf-n` files (default 40, `--quick` 20, 0 skips): files per second and
  seconds per PDF, one round only (a PDF takes seconds); one line saying why it is skipped when
  the PDF extra (WeasyPrint and Pango) is not usable;
- with `--questions 50,100,200,400` (default none, `--quick` too), the cost as the questionnaire
  grows: per count N, a generated questionnaire file `bench-big` 1.0 of N questions (the bundled
  questionnaire's dimensions, levels and words, repeated), `--questions-files` answer files for it
  (default 1,000) and `--questions-reports` for `--reports html` (default 100), run with
  `--questionnaire FILE`; printed per N: batch µs per file and report ms per file (after taking
  off the start-up, a batch of one file timed with them; refused files count in the average), the
  most common problems when more than 5 % are invalid, and `cost/question vs 50q`:
  each per-file cost over the smallest N's, divided by the ratio of question counts (1.00x when
  cost grows linearly with the questions, below when a per-file cost does not depend on them,
  above when it grows faster).
The floors and the batch run interleaved (floor, floor, batch, floor, floor, batch...) and the
medians are printed, so a machine that gets busier half-way cannot flip a ratio. Every timing is
the wall time of a fresh child process, so start-up costs count the same way for the floor and
for the batch; the questionnaire sizes run interleaved too (every N once per round, `--rounds`).
`--quick` (2,000 and 10,000 files) takes a few minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readiness.domain.base import Text
    from readiness.domain.questionnaire import Questionnaire

SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
FIRM_WORDS = [
    "정밀",
    "테크",
    "산업",
    "부품",
    "금속",
    "기계",
    "전자",
    "오토텍",
    "하이텍",
    "솔루션",
    "엔지니어링",
]
FIRM_PREFIX = ["한빛", "대한", "세진", "동양", "우진", "성우", "대성", "삼화", "신흥", "태광", "광명", "새한"]
EN_FIRMS = ["Hanbit", "Daehan", "Sejin", "Dongyang", "Woojin", "Sungwoo", "Daesung", "Samhwa", "Taekwang"]
EN_WORDS = ["Precision", "Tech", "Industrial", "Parts", "Metal", "Machinery", "Electronics", "Autotech"]
REGIONS = [
    "경기",
    "경남",
    "경북",
    "충남",
    "충북",
    "인천",
    "부산",
    "대구",
    "울산",
    "광주",
    "전북",
    "전남",
    "강원",
    "대전",
    "세종",
    "서울",
]
REGION_WEIGHTS = [30, 14, 11, 9, 6, 7, 6, 6, 4, 2, 2, 2, 1, 2, 0.5, 3]
SECTORS = ["C29", "C30", "C25", "C28", "C26", "C22", "C24", "C20", "C27", "C10", "C13", "C31"]
SECTOR_WEIGHTS = [18, 16, 20, 10, 8, 8, 6, 5, 4, 2, 1, 0.3]
NOTES = [
    "작업일보를 엑셀로 관리함",
    "MES 도입 검토 중",
    "설비 가동률은 수기로 기록",
    "POP 단말 3대 운영",
    "품질 데이터는 종이 체크시트",
    "고객사 요청으로 LOT 추적 시작",
    "ERP는 회계 모듈만 사용",
    "lot labels on paper",
    "PLC data logged to a PC every shift",
    "pilot vision inspection on line 2",
]
EVIDENCE = ["pop-screen.png", "mes-report.pdf", "사진/설비현황.jpg", "spc-chart.xlsx", "작업표준서.pdf"]


def _name(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"{rng.choice(FIRM_PREFIX)}{rng.choice(FIRM_WORDS)}"
    return f"{rng.choice(EN_FIRMS)} {rng.choice(EN_WORDS)} Co., Ltd."


def _business_number(rng: random.Random) -> str:
    return f"{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10000, 99999)}"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


Question = tuple[str, bool, str, list[str]]  # id, n/a allowed, text, six option texts


def answer_file(
    rng: random.Random,
    questions: list[Question],
    bn: str,
    version: str,
    questionnaire_id: str = "kr-smart-factory",
) -> str:
    """One answer file as a person or the interview would write it (a third keep the template's comments)."""
    comments = rng.random() < 0.3
    maturity = rng.betavariate(2.2, 2.8) * 5  # latent: most firms low-to-middle
    audit = rng.random() < 0.15
    lang = "ko" if rng.random() < 0.85 else "en"
    out = [
        "# readiness answer file",
        "questionnaire:",
        f"  id: {_q(questionnaire_id)}",
        f'  version: "{version}"',
        "company:",
        f"  name: {_q(_name(rng))}",
        f'  business_number: "{bn}"',
        f"  sector: {rng.choices(SECTORS, SECTOR_WEIGHTS)[0]}",
        f"  employees: {max(1, int(rng.lognormvariate(3.6, 0.9)))}",
        f"  annual_revenue_krw: {rng.randint(5, 900) * 100_000_000}",
        f"  region: {_q(rng.choices(REGIONS, REGION_WEIGHTS)[0])}",
        "assessment:",
        f"  mode: {'audit' if audit else 'self'}",
        f"  date: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
        f"  language: {lang}",
    ]
    if audit:
        out += [
            "  assessor:",
            f"    name: {_q(rng.choice(SURNAMES) + '컨설')}",
            '    organisation: "스마트진단"',
        ]
    out.append("answers:")
    for qid, na_ok, text, options in questions:
        if comments:
            out.append(f"  # {qid}: {text}")
            out += [f"  #   {v} = {option}" for v, option in enumerate(options)]
        if rng.random() < 0.03:
            out.append(f"  {qid}:")  # left blank: unanswered
            continue
        if na_ok and rng.random() < 0.3:
            out.append(f"  {qid}: n/a")
            continue
        value = min(5, max(0, round(rng.gauss(maturity, 1.0))))
        parts = []
        if audit:
            verified = max(0, value - (rng.random() < 0.3))
            parts += [f"claimed: {value}", f"verified: {verified}"]
            if verified >= 4 and rng.random() < 0.7:
                parts.append(f"evidence: [{_q(rng.choice(EVIDENCE))}]")
        else:
            parts.append(f"value: {value}")
        if rng.random() < 0.4:
            parts.append(f"note: {_q(rng.choice(NOTES))}")
        if len(parts) == 1 and not audit:
            out.append(f"  {qid}: {value}")
        else:
            out.append(f"  {qid}: {{{', '.join(parts)}}}")
    return "\n".join(out) + "\n"


BREAKAGES: list[tuple[str, Callable[[str, str], str] | None]] = [
    ("out-of-range", lambda t, q: t.replace(f"  {q}: ", f"  {q}: 7 #", 1)),
    ("syntax", lambda t, q: t.replace("company:\n", "company: {name: X\n", 1)),
    ("unknown-question", lambda t, q: t + f"  {q}x: 3\n"),
    ("bad-business-number", lambda t, q: t.replace("business_number: ", 'business_number: "12-345" #', 1)),
    ("duplicate-key", lambda t, q: t + f"  {q}: 2\n"),
    ("cp949", None),
]


def _generate_chunk(
    folder: str,
    start: int,
    stop: int,
    questions: list[Question],
    version: str,
    seed: int,
    questionnaire_id: str,
) -> int:
    """Files `start` to `stop` (their own random stream, so any pool gives the same files)."""
    rng = random.Random(f"{seed}-{start}")
    seen: list[str] = []
    broken = 0
    made: set[str] = set()
    for i in range(start, stop):
        bn = rng.choice(seen) if seen and rng.random() < 0.005 else _business_number(rng)
        seen.append(bn)
        text = answer_file(rng, questions, bn, version, questionnaire_id)
        data = text.encode("utf-8")
        if rng.random() < 0.03:
            broken += 1
            _kind, breaker = rng.choice(BREAKAGES)
            if breaker is None:
                data = text.encode("cp949", errors="replace")
            else:
                qid = rng.choice([q[0] for q in questions if not q[1]])
                data = breaker(text, qid).encode("utf-8")
        sub = os.path.join(folder, f"office-{i % 7}")
        if sub not in made:
            os.makedirs(sub, exist_ok=True)
            made.add(sub)
        with open(os.path.join(sub, f"submission-{i:06d}.yaml"), "wb") as handle:
            handle.write(data)
    return broken


GENERATE_CHUNK = 2000


def generate(
    folder: Path,
    n: int,
    questions: list[Question],
    version: str,
    seed: int = 20261122,
    jobs: int = 1,
    questionnaire_id: str = "kr-smart-factory",
) -> int:
    """Write `n` answer files for questionnaire `questionnaire_id` `version` into `folder` (in sub-folders by region
    office); return how many are broken.

    Chunks of files are written by `jobs` processes, each chunk from its own seed: 100,000 files
    (1.3 GB) take about a minute on 2 cores.
    """
    bounds = [(i, min(n, i + GENERATE_CHUNK)) for i in range(0, n, GENERATE_CHUNK)]
    with ProcessPoolExecutor(max(1, jobs)) as pool:
        futures = [
            pool.submit(_generate_chunk, str(folder), a, b, questions, version, seed, questionnaire_id)
            for a, b in bounds
        ]
        return sum(f.result() for f in futures)


# --- a questionnaire of any size ---------------------------------------------------------------

BIG_ID = "bench-big"


def _text(text: Text) -> str:
    return f"{{ko: {_q(text.ko)}, en: {_q(text.en)}}}"


def questionnaire_yaml(source: Questionnaire, n: int) -> str:
    """A valid questionnaire `BIG_ID` 1.0 of `n` questions, with the words of `source` (the bundled one).

    Its dimensions, scale and levels (without gates, which name the source's questions) are the
    source's; question k of the `n` is in dimension k mod 12 and has the texts, options, help,
    short title, weight and n/a of source question k mod 50, so a report has as much to say about
    each question as the real one.
    """
    dims = source.dimensions[: min(n, len(source.dimensions))]
    per_dim = [n // len(dims) + (d < n % len(dims)) for d in range(len(dims))]
    lines = [
        f"id: {_q(BIG_ID)}",
        'version: "1.0"',
        f"title: {{ko: {_q(f'{n}문항 설문')}, en: {_q(f'{n}-question questionnaire')}}}",
        f"description: {_text(source.description)}",
        f"disclaimer: {_text(source.disclaimer)}",
        "scale:",
        *[f"  - {_text(step)}" for step in source.scale],
        "changelog:",
        f"  - {{version: '1.0', date: 2026-12-01, changes: {{ko: {_q(f'{n}문항')}, en: {_q(f'{n} questions')}}}}}",
        "levels:",
    ]
    for level in source.levels:
        lines += [
            f"  - {{rank: {level.rank}, id: {level.id}, min_points: {level.min_points},",
            f"     name: {_text(level.name)}, national: {_text(level.national)},",
            f"     summary: {_text(level.summary)}}}",
        ]
    lines.append("dimensions:")
    k = 0
    for dim, count in zip(dims, per_dim, strict=True):
        lines += [
            f"  - id: {dim.id}",
            f"    name: {_text(dim.name)}",
            f"    purpose: {_text(dim.purpose)}",
            f"    weight: {dim.weight}",
            "    questions:",
        ]
        for j in range(count):
            x = source.questions[k % len(source.questions)]
            k += 1
            lines += [
                f"      - id: {dim.id}.q{j}",
                f"        text: {_text(x.text)}",
                *([f"        short: {_text(x.short)}"] if x.short is not None else []),
                *([f"        help: {_text(x.help)}"] if x.help is not None else []),
                f"        weight: {x.weight}",
                f"        na_allowed: {'true' if x.na_allowed else 'false'}",
                "        options:",
                *[f"          - {_text(option)}" for option in x.options],
            ]
    return "\n".join(lines) + "\n"


def question_tuples(q: Questionnaire) -> list[Question]:
    """The questions as the answer-file generator wants them."""
    return [(x.id, x.na_allowed, x.text.ko, [o.ko for o in x.options]) for x in q.questions]


def questionnaire_flags(spec: str) -> list[str]:
    """The CLI's `--questionnaire` option for a questionnaire id or file (none for the default)."""
    return [] if spec == "kr-smart-factory" else ["--questionnaire", spec]


# --- the floor: read + parse only, on all cores ---------------------------------------------------


def _parse_chunk(paths: list[str], loader_name: str) -> int:
    import yaml

    loader = getattr(yaml, loader_name)
    ok = 0
    for path in paths:
        with open(path, "rb") as handle:
            raw = handle.read()
        try:
            yaml.load(raw, Loader=loader)
            ok += 1
        except yaml.YAMLError:
            pass
    return ok


def floor(folder: Path, jobs: int, loader_name: str) -> None:
    """Child-process stage: read + parse every file with `loader_name` on `jobs` processes."""
    paths = sorted(str(p) for p in folder.rglob("*.yaml"))
    size = 64
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_parse_chunk, chunks, [loader_name] * len(chunks)))


def stage_rusage(result_file: Path) -> None:
    """Write this process's and its largest child's peak RSS (MB) for the parent to read."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result_file.write_text(json.dumps({"self_mb": me, "children_mb": kids}))


def run_stage(args: list[str], scratch: Path) -> tuple[float, dict[str, float]]:
    """Run a stage in a fresh interpreter; its wall time and peak memory."""
    result = scratch / "rusage.json"
    result.unlink(missing_ok=True)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--stage", str(result), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 4):
        sys.exit(f"stage {args} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed, json.loads(result.read_text())


def _stage_main(result_file: Path, argv: list[str]) -> None:
    if argv[0] == "floor":
        floor(Path(argv[1]), int(argv[2]), argv[3])
        stage_rusage(result_file)
        return
    from readiness.cli import app

    try:
        app(argv[1:], prog_name="readiness", standalone_mode=False)
    finally:
        stage_rusage(result_file)


def median(values: list[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count)."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


LOADERS = ("CSafeLoader", "CBaseLoader")


class Bench:
    """The generated folders and the runs measured on them."""

    def __init__(self, args: argparse.Namespace, scratch: Path) -> None:
        from readiness.files.loading import find_questionnaire

        self.args, self.scratch = args, scratch
        qid, _, version = args.questionnaire.partition("@")
        self.q = find_questionnaire(qid, version or None).questionnaire
        self.extra = questionnaire_flags(args.questionnaire)

    def folder(self, n: int, name: str, q: Questionnaire | None = None) -> Path:
        """A folder of `n` files for `q` (default: --questionnaire), kept under --keep and reused."""
        q = q or self.q
        base = self.args.keep or self.scratch
        folder = base / f"{name}-{n}"
        if not folder.is_dir() or not any(folder.rglob("*.yaml")):
            started = time.perf_counter()
            broken = generate(
                folder, n, question_tuples(q), q.version, jobs=self.args.jobs, questionnaire_id=q.id
            )
            size = sum(p.stat().st_size for p in folder.rglob("*.yaml"))
            print(
                f"generated {n:,} files in {folder} ({size / 1e6:.0f} MB, {broken} deliberately broken) "
                f"in {time.perf_counter() - started:.1f} s"
            )
        return folder

    def batch(
        self, folder: Path, flags: list[str], questionnaire: str | None = None
    ) -> tuple[float, dict[str, float]]:
        """`readiness batch` on `folder` in a fresh process (for --questionnaire, unless another
        questionnaire id or file is given): wall time and peak memory."""
        out = self.scratch / "out"
        shutil.rmtree(out, ignore_errors=True)
        cmd = [
            "cli",
            "batch",
            str(folder),
            "-o",
            str(out),
            "--jobs",
            str(self.args.jobs),
            *flags,
            *(self.extra if questionnaire is None else questionnaire_flags(questionnaire)),
        ]
        return run_stage(cmd, self.scratch)

    def totals(self) -> dict[str, int]:
        """The counts (files, ok, invalid...) of the last batch, from its summary.json."""
        totals: dict[str, int] = json.loads((self.scratch / "out" / "summary.json").read_text())["totals"]
        return totals

    def problems(self) -> Counter[str]:
        """The first problem of each invalid file of the last batch, by message."""
        rows = json.loads((self.scratch / "out" / "summary.json").read_text())["rows"]
        return Counter(
            str(row["problems"][0].get("message", row["problems"][0]))[:120]
            for row in rows
            if row["status"] == "invalid" and row["problems"]
        )

    def floor(self, folder: Path, loader: str) -> float:
        """Read + parse only, on all cores."""
        return run_stage(["floor", str(folder), str(self.args.jobs), loader], self.scratch)[0]


def _line(label: str, seconds: float, n: int, floors: dict[str, float]) -> str:
    ratios = "  ".join(f"{seconds / floors[k]:4.2f}x {k[:5]}" for k in LOADERS if k in floors)
    return f"  {label:<24} {seconds:6.2f} s  {n / seconds:6.0f} files/s  {ratios}"


def measure_size(bench: Bench, n: int, rounds: int, reports: Path | None) -> dict[str, float]:
    """Floors, batch (and reports) interleaved for `rounds` rounds: print medians; peak memory."""
    folder = bench.folder(n, "answers")
    times: dict[str, list[float]] = {k: [] for k in (*LOADERS, "batch", "reports")}
    memory = {"self_mb": 0.0, "children_mb": 0.0}
    for _ in range(rounds):
        for loader in LOADERS:
            times[loader].append(bench.floor(folder, loader))
        seconds, mem = bench.batch(folder, [])
        times["batch"].append(seconds)
        memory = {k: max(memory[k], mem[k]) for k in memory}
        if reports is not None:
            times["reports"].append(bench.batch(reports, ["--reports", "html"])[0])
    floors = {k: median(times[k]) for k in LOADERS}
    print(f"{n:,} files, {bench.args.jobs} processes, {rounds} interleaved round(s), median:")
    for k in LOADERS:
        print(_line(f"floor (read + {k})", floors[k], n, {}) + "   rounds: " + _rounds(times[k]))
    batch = median(times["batch"])
    print(_line("readiness batch", batch, n, floors) + "   rounds: " + _rounds(times["batch"]))
    print(f"  peak RSS: main {memory['self_mb']:.0f} MB, largest worker {memory['children_mb']:.0f} MB")
    if reports is not None:
        files = sum(1 for _ in reports.rglob("*.yaml"))
        seconds = median(times["reports"])
        print(
            f"  batch --reports html on {files:,} files: {seconds:.2f} s, {files / seconds:.0f} files/s "
            f"(goal >= 500)   rounds: {_rounds(times['reports'])}"
        )
    return {"batch_s": batch, **floors, **memory}


def _rounds(values: list[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def measure_pdf(bench: Bench, n: int) -> None:
    """`batch --reports pdf` on `n` files, one round (a PDF takes seconds); skipped without WeasyPrint."""
    from readiness.errors import MissingExtraError
    from readiness.report.pdf import check_available

    try:
        check_available()
    except MissingExtraError as exc:
        print(f"batch --reports pdf: skipped, the PDF extra is not usable here: {exc}")
        return
    folder = bench.folder(n, "pdf")
    seconds = bench.batch(folder, ["--reports", "pdf"])[0]
    print(
        f"batch --reports pdf on {n:,} files (1 round only: PDF takes seconds a file): {seconds:.2f} s, "
        f"{n / seconds:.2f} files/s, {seconds / n:.2f} s per PDF"
    )


def measure_questions(bench: Bench, counts: list[int], files: int, reports: int, rounds: int) -> None:
    """Batch and `--reports html` cost per file as the questionnaire grows to `counts` questions.

    One generated questionnaire file per count, `files` answer files and `reports` for reports;
    the counts run interleaved (all counts once per round), and a batch of one file (start-up,
    pool, outputs) is timed with them and taken off before dividing by the number of files.
    """
    from readiness.files.loading import load_questionnaire_file

    base = bench.args.keep or bench.scratch
    cases: list[tuple[int, str, Path, Path]] = []
    for n in counts:
        qfile = base / f"{BIG_ID}-{n}q.yaml"
        qfile.write_text(questionnaire_yaml(bench.q, n), encoding="utf-8")
        started = time.perf_counter()
        q = load_questionnaire_file(qfile.resolve()).questionnaire
        assert len(q.questions) == n, (qfile, len(q.questions))
        print(
            f"wrote {qfile} ({n} questions, {qfile.stat().st_size / 1e3:.0f} KB, "
            f"loads in {(time.perf_counter() - started) * 1e3:.0f} ms)"
        )
        cases.append(
            (
                n,
                str(qfile),
                bench.folder(files, f"q{n}-answers", q),
                bench.folder(reports, f"q{n}-reports", q),
            )
        )
    one = base / f"q{counts[0]}-startup"
    if not one.is_dir():
        one.mkdir()
        shutil.copy(min(cases[0][2].rglob("*.yaml")), one / "one.yaml")
    times: dict[str, list[float]] = {"startup": []}
    invalid: dict[int, tuple[int, Counter[str]]] = {}
    for _ in range(rounds):
        times["startup"].append(bench.batch(one, [], cases[0][1])[0])
        for n, qfile, answers, report_folder in cases:
            times.setdefault(f"batch {n}", []).append(bench.batch(answers, [], qfile)[0])
            invalid[n] = (bench.totals()["invalid"], bench.problems())
            times.setdefault(f"reports {n}", []).append(
                bench.batch(report_folder, ["--reports", "html"], qfile)[0]
            )
    startup = median(times["startup"])
    print(
        f"questionnaire size: {files:,} files for batch, {reports:,} for --reports html, {rounds} interleaved "
        f"round(s), median; start-up (a batch of 1 file) {startup:.2f} s, taken off before dividing"
    )
    per_file: dict[str, dict[int, float]] = {"batch": {}, "reports": {}}
    for n, *_ in cases:
        batch, report = median(times[f"batch {n}"]), median(times[f"reports {n}"])
        per_file["batch"][n] = max(batch - startup, 0.0) / files
        per_file["reports"][n] = max(report - startup, 0.0) / reports
        print(
            f"  {n:>4} questions: batch {batch:6.2f} s = {per_file['batch'][n] * 1e6:7.0f} µs/file   "
            f"--reports html {report:6.2f} s = {per_file['reports'][n] * 1e3:6.1f} ms/file   "
            f"invalid {invalid[n][0]}   rounds: {_rounds(times[f'batch {n}'])} | {_rounds(times[f'reports {n}'])}"
        )
    low = counts[0]
    for kind, values in per_file.items():
        if min(values.values()) <= 0:
            print(f"  {kind} cost/question: not shown, the start-up is most of the time (use more files)")
            continue
        growth = "  ".join(f"{n}q {values[n] / values[low] / (n / low):4.2f}x" for n in counts)
        print(f"  {kind + ' cost/question vs ' + str(low) + 'q':<30} {growth}   (1.00x: linear in questions)")
    for n, (count, problems) in invalid.items():
        if problems and count > 0.05 * files:  # more than the ~3 % broken on purpose
            common = "; ".join(f"{k} x{v}" for k, v in problems.most_common(2))
            print(f"  {n} questions: {count} of {files:,} files invalid, most often: {common}")


def main() -> None:
    """Time `readiness batch` on generated answer files (or run one stage when called with --stage)."""
    if len(sys.argv) > 2 and sys.argv[1] == "--stage":
        _stage_main(Path(sys.argv[2]), sys.argv[3:])
        return
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        default="10000,100000",
        help="numbers of files, comma-separated (default 10000,100000; memory is compared between them)",
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="interleaved rounds at the first size (default 3)"
    )
    parser.add_argument(
        "--large-rounds",
        type=int,
        default=1,
        help="rounds at the other sizes (default 1: memory, and the ratio)",
    )
    parser.add_argument(
        "--reports-n", type=int, default=2000, help="files for --reports html (default 2000; 0: skip)"
    )
    parser.add_argument(
        "--pdf-n", type=int, default=40, help="files for --reports pdf, one round (default 40; 0: skip)"
    )
    parser.add_argument(
        "--questions",
        default="",
        help="questionnaire sizes to compare, comma-separated, e.g. 50,100,200,400 (default: skip)",
    )
    parser.add_argument(
        "--questions-files", type=int, default=1000, help="files per questionnaire size (default 1000)"
    )
    parser.add_argument(
        "--questions-reports",
        type=int,
        default=100,
        help="files per questionnaire size for --reports html (default 100)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="2,000 and 10,000 files, 300 for reports, 20 for PDF"
    )
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)"
    )
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it (reused next time)")
    parser.add_argument(
        "--questionnaire", default="kr-smart-factory", help="questionnaire id or file the files are for"
    )
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.reports_n, args.pdf_n = "2000,10000", 300, 20
    sizes = [int(x) for x in args.sizes.split(",") if x]
    counts = sorted({int(x) for x in args.questions.split(",") if x})
    print(f"cores: {os.cpu_count()}, jobs: {args.jobs}, python {sys.version.split()[0]}")

    scratch = Path(tempfile.mkdtemp(prefix="readiness-bench-"))
    try:
        bench = Bench(args, scratch)
        reports = bench.folder(args.reports_n, "reports") if args.reports_n else None
        results = {}
        for k, n in enumerate(sizes):
            results[n] = measure_size(
                bench, n, args.rounds if k == 0 else args.large_rounds, reports if k == 0 else None
            )
            if bench.args.keep is None:
                shutil.rmtree(scratch / f"answers-{n}", ignore_errors=True)
        if len(sizes) > 1:
            low, high = results[sizes[0]], results[sizes[-1]]
            print(
                f"peak memory {sizes[-1]:,} / {sizes[0]:,} files: "
                f"main {high['self_mb'] / low['self_mb']:.2f}x, "
                f"largest worker {high['children_mb'] / low['children_mb']:.2f}x (goal <= 1.2x)"
            )
        if args.pdf_n:
            measure_pdf(bench, args.pdf_n)
        if counts:
            measure_questions(bench, counts, args.questions_files, args.questions_reports, args.rounds)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
