"""Benchmark `readiness batch` against the floor of reading and parsing the same files.

    python benchmarks/batch.py [-n 10000] [--jobs N] [--keep DIR]

Generates N realistic answer files (fixed seed; Korean names, notes and regions; audit files with
evidence; a few per cent invalid in the ways real submissions break) in a temporary folder, then
prints, for the same files in one run:
- the floor: read + parse every file with the faster of libyaml's CSafeLoader and CBaseLoader on
  all cores (a ProcessPoolExecutor, like the pipeline), nothing else;
- the full `readiness batch` (the real CLI in a child process), without and with `--reports html`;
- files per second, the ratio to the floor, and peak memory (getrusage of the process and of its
  largest worker).
Every timing is the wall time of a fresh child process, so start-up costs are counted the same way
for the floor and for the batch.
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
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

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


def answer_file(rng: random.Random, questions: list[Question], bn: str, version: str) -> str:
    """One answer file as a person or the interview would write it (a third keep the template's comments)."""
    comments = rng.random() < 0.3
    maturity = rng.betavariate(2.2, 2.8) * 5  # latent: most firms low-to-middle
    audit = rng.random() < 0.15
    lang = "ko" if rng.random() < 0.85 else "en"
    out = [
        "# readiness answer file",
        "questionnaire:",
        '  id: "kr-smart-factory"',
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


BREAKAGES = [
    ("out-of-range", lambda t, q: t.replace(f"  {q}: ", f"  {q}: 7 #", 1)),
    ("syntax", lambda t, q: t.replace("company:\n", "company: {name: X\n", 1)),
    ("unknown-question", lambda t, q: t + f"  {q}x: 3\n"),
    ("bad-business-number", lambda t, q: t.replace("business_number: ", 'business_number: "12-345" #', 1)),
    ("duplicate-key", lambda t, q: t + f"  {q}: 2\n"),
    ("cp949", None),
]


def generate(folder: Path, n: int, questions: list[Question], version: str, seed: int = 20261122) -> int:
    """Write `n` answer files into `folder` (in sub-folders by region office); return how many are broken."""
    rng = random.Random(seed)
    seen: list[str] = []
    broken = 0
    for i in range(n):
        bn = rng.choice(seen) if seen and rng.random() < 0.005 else _business_number(rng)
        seen.append(bn)
        text = answer_file(rng, questions, bn, version)
        data = text.encode("utf-8")
        if rng.random() < 0.03:
            broken += 1
            _kind, breaker = rng.choice(BREAKAGES)
            if breaker is None:
                data = text.encode("cp949", errors="replace")
            else:
                qid = rng.choice([q[0] for q in questions if not q[1]])
                data = breaker(text, qid).encode("utf-8")
        sub = folder / f"office-{i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"submission-{i:06d}.yaml").write_bytes(data)
    return broken


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


def main() -> None:
    """Time `readiness batch` on generated answer files (or run one stage when called with --stage)."""
    if len(sys.argv) > 2 and sys.argv[1] == "--stage":
        _stage_main(Path(sys.argv[2]), sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="number of answer files (default 10000)")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)"
    )
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument(
        "--questionnaire", default="kr-smart-factory", help="questionnaire id or file the files are for"
    )
    args = parser.parse_args()

    from readiness.files.loading import find_questionnaire

    qid, _, version = args.questionnaire.partition("@")
    q = find_questionnaire(qid, version or None).questionnaire
    questions = [(x.id, x.na_allowed, x.text.ko, [o.ko for o in x.options]) for x in q.questions]

    scratch = Path(tempfile.mkdtemp(prefix="readiness-bench-"))
    try:
        folder = args.keep or scratch / "answers"
        if args.keep is None or not any(folder.rglob("*.yaml")):
            broken = generate(folder, args.n, questions, q.version)
        else:
            broken = -1
        files = sorted(folder.rglob("*.yaml"))
        size = sum(p.stat().st_size for p in files)
        print(f"files: {len(files)} in {folder} ({size / 1e6:.1f} MB, {broken} deliberately broken)")
        print(f"cores: {os.cpu_count()}, jobs: {args.jobs}, python {sys.version.split()[0]}")

        floors = {}
        for loader in ("CSafeLoader", "CBaseLoader"):
            seconds, _ = run_stage(["floor", str(folder), str(args.jobs), loader], scratch)
            floors[loader] = seconds
            print(f"  parse only, {loader:<11}       {seconds:6.2f} s  {len(files) / seconds:7.0f} files/s")
        best = min(floors, key=floors.__getitem__)
        floor_s = floors[best]
        print(f"floor (read + {best}, {args.jobs} processes): {floor_s:.2f} s")

        extra = [] if args.questionnaire == "kr-smart-factory" else ["--questionnaire", args.questionnaire]
        runs = [("batch", [])]
        try:
            import readiness.report  # noqa: F401

            runs.append(("batch --reports html", ["--reports", "html"]))
        except ImportError:
            note = "batch --reports html: skipped (readiness.report.render_report is not there yet)"
        else:
            note = ""
        for label, flags in runs:
            out = scratch / "out"
            shutil.rmtree(out, ignore_errors=True)
            cmd = ["cli", "batch", str(folder), "-o", str(out), "--jobs", str(args.jobs), *flags, *extra]
            seconds, mem = run_stage(cmd, scratch)
            print(
                f"{label:<22} {seconds:6.2f} s  {len(files) / seconds:7.0f} files/s  "
                f"{seconds / floor_s:4.2f}x floor  peak RSS main {mem['self_mb']:.0f} MB, "
                f"largest worker {mem['children_mb']:.0f} MB"
            )
        if note:
            print(note)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
