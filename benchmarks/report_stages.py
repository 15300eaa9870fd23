"""Where the time of one HTML report goes, stage by stage, in one process.

    python benchmarks/report_stages.py [--files 300] [--rounds 5] [--keep DIR]

`benchmarks/batch.py` times `--reports html` end to end (files per second on all cores); this
script says which part of a report to make cheaper. It generates answer files with the same
generator (fixed seed), then times, per report, each stage of the worker's path:
read (YAML and the answer model), check + headline, the full scorecard, the view model
(`build_report`), the SVG charts, Jinja, and the UTF-8 encoding; then Jinja per section of the
page (time between the template's yields, attributed to the `<section id=...>` last opened) with
the number of yields, since Jinja's cost follows the number of outputs more than their size.
Each stage's figure is the best of `--rounds` rounds (the least disturbed by other jobs); the
collector is frozen after a warm-up round, as in a batch worker.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import generate, question_tuples

from readiness.domain.scoring import evaluate, score
from readiness.errors import AnswersError
from readiness.files.catalogues import bundled_catalogues
from readiness.files.loading import (
    bundled_sectors,
    bundled_sme_criteria,
    check_answers,
    find_questionnaire,
    read_answers,
)
from readiness.report.build import build_report
from readiness.report.render import html_context
from readiness.report.templates import environment

STAGES = ("read", "check + headline", "scorecard", "view model", "charts (page context)", "jinja", "encode")
SECTION = re.compile(r'<section[^>]*\bid="([^"]+)"')


def one_round(
    files: list[Path], today: dt.date
) -> tuple[dict[str, float], dict[str, float], Counter[str], int]:
    """Seconds per stage over `files`, Jinja seconds and yields per page section, reports made."""
    loaded = find_questionnaire("kr-smart-factory", None)
    q = loaded.questionnaire
    programmes, actions = bundled_catalogues(q)
    sme, sectors = bundled_sme_criteria(), bundled_sectors()
    template = environment("html").get_template("report.html.j2")
    spent = dict.fromkeys(STAGES, 0.0)
    by_section: defaultdict[str, float] = defaultdict(float)
    yields: Counter[str] = Counter()
    made = 0
    clock = time.perf_counter  # a vDSO call; process_time is a system call, too dear per yield
    for path in files:
        t0 = clock()
        try:
            answers, doc = read_answers(path)
            t1 = clock()
            check_answers(answers, q, doc, str(path))
        except AnswersError:
            continue
        head = evaluate(q, answers)
        t2 = clock()
        card = score(q, answers, loaded.sha256, head)
        t3 = clock()
        report = build_report(
            card,
            q,
            answers.assessment.language,
            today,
            programmes=programmes,
            actions=actions,
            sme_criteria=sme,
            sectors=sectors,
        )
        t4 = clock()
        values = html_context(report)
        t5 = clock()
        context = template.new_context(values)
        text = "".join(template.root_render_func(context))
        t6 = clock()
        text.encode()
        t7 = clock()
        for stage, seconds in zip(
            STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6), strict=True
        ):
            spent[stage] += seconds
        made += 1
        _sections(template.root_render_func(template.new_context(context.get_all())), by_section, yields)
    return spent, by_section, yields, made


def _sections(pieces: Iterator[str], by_section: defaultdict[str, float], yields: Counter[str]) -> None:
    """Add the time between the template's yields to the page section last opened (a second,
    instrumented rendering: the clock calls would inflate the stage timings)."""
    current, started = "head", time.perf_counter()
    for piece in pieces:
        by_section[current] += time.perf_counter() - started
        yields[current] += 1
        found = SECTION.search(piece)
        if found:
            current = found.group(1)
        started = time.perf_counter()


def main() -> None:
    """Generate the files, run the rounds, print the best per stage and the Jinja sections."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=300, help="answer files to report on (default 300)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds; the best is printed (default 5)")
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    args = parser.parse_args()
    q = find_questionnaire("kr-smart-factory", None).questionnaire
    with tempfile.TemporaryDirectory() as scratch:
        folder = (args.keep or Path(scratch)) / f"report-stages-{args.files}"
        if not folder.is_dir():
            folder.mkdir(parents=True)
            generate(folder, args.files, question_tuples(q), q.version, jobs=2)
        files = sorted(folder.rglob("*.yaml"))
        today = dt.date(2026, 12, 1)
        one_round(files, today)  # warm-up: imports, compiled template, catalogues
        gc.freeze()
        rounds = [one_round(files, today) for _ in range(max(1, args.rounds))]
    made = rounds[0][3]
    print(f"{made} reports of {len(files)} files, best of {len(rounds)} rounds, ms per report (one process):")
    best = {stage: min(r[0][stage] for r in rounds) / made * 1000 for stage in STAGES}
    for stage in STAGES:
        print(f"  {stage:<21} {best[stage]:6.2f}")
    print(f"  {'total':<21} {sum(best.values()):6.2f}  (one core: {1000 / sum(best.values()):.0f} reports/s)")
    quiet = min(rounds, key=lambda r: sum(r[1].values()))
    print("Jinja by page section (the quietest round, instrumented: relative), ms and yields per report:")
    for name, seconds in quiet[1].items():
        print(f"  {name:<21} {seconds / made * 1000:6.3f}  {quiet[2][name] / made:5.0f}")


if __name__ == "__main__":
    main()
