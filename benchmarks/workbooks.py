"""Benchmark `readiness batch` on answer workbooks (.xlsx) beside the same answers as YAML.

    python benchmarks/workbooks.py [-n 1000] [--jobs N]

Generates N answer files with the batch benchmark's generator (fixed seed), writes each valid one
as the workbook `readiness convert` would make, and breaks about 3% of the workbooks the way
returned workbooks break (an answer typed as "3점"); the YAML files keep their own breakages.
Then times the real `readiness batch` on both folders in fresh child processes and prints files
per second for each.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from batch import generate, run_stage  # the sibling benchmark script

_ANSWER_CELL = re.compile(rb'<c r="(D\d+)" s="(\d+)"><v>\d</v></c>')
_TYPED = "3점".encode()  # an answer as people type it: refused, with the cell named


def _as_text(match: re.Match[bytes]) -> bytes:
    return b'<c r="%s" s="%s" t="inlineStr"><is><t>%s</t></is></c>' % (match[1], match[2], _TYPED)


def _broken(data: bytes) -> bytes:
    """The workbook with its first numeric answer replaced by the text 3점 (an inline string)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                part = _ANSWER_CELL.sub(_as_text, part, count=1)
            dst.writestr(info, part)
    return out.getvalue()


def workbooks(yaml_folder: Path, out: Path, seed: int = 20261123) -> tuple[int, int]:
    """Write a workbook for every valid YAML file under `yaml_folder`; (written, deliberately broken)."""
    from readiness.errors import InputError
    from readiness.files.loading import load_answers
    from readiness.files.workbook_write import workbook_bytes

    rng = random.Random(seed)
    written = broken = 0
    for path in sorted(yaml_folder.rglob("*.yaml")):
        try:
            answers, loaded = load_answers(path)
        except InputError:
            continue
        data = workbook_bytes(answers, loaded.questionnaire, loaded.sha256, answers.assessment.language)
        if rng.random() < 0.03:
            data, broken = _broken(data), broken + 1
        target = out / path.relative_to(yaml_folder).with_suffix(".xlsx")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    return written, broken


def main() -> None:
    """Generate, convert, and time `readiness batch` on YAML and on workbooks."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="number of answer files (default 1000)")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)"
    )
    args = parser.parse_args()

    from readiness.files.loading import find_questionnaire

    q = find_questionnaire("kr-smart-factory", "2026.1").questionnaire
    questions = [(x.id, x.na_allowed, x.text.ko, [o.ko for o in x.options]) for x in q.questions]
    scratch = Path(tempfile.mkdtemp(prefix="readiness-bench-xlsx-"))
    try:
        yaml_folder, book_folder = scratch / "yaml", scratch / "xlsx"
        generate(yaml_folder, args.n, questions, q.version)
        written, broken = workbooks(yaml_folder, book_folder)
        size = sum(p.stat().st_size for p in book_folder.rglob("*.xlsx"))
        print(f"workbooks: {written} ({size / 1e6:.1f} MB, {broken} deliberately broken); jobs: {args.jobs}")
        for label, folder, count in (
            ("YAML", yaml_folder, len(list(yaml_folder.rglob("*.yaml")))),
            ("xlsx", book_folder, written),
        ):
            out = scratch / "out"
            shutil.rmtree(out, ignore_errors=True)
            seconds, mem = run_stage(
                ["cli", "batch", str(folder), "-o", str(out), "--jobs", str(args.jobs)], scratch
            )
            print(
                f"batch {label:<5} {count:6d} files {seconds:6.2f} s  {count / seconds:7.0f} files/s  "
                f"peak RSS main {mem['self_mb']:.0f} MB, largest worker {mem['children_mb']:.0f} MB"
            )
            if label == "xlsx":
                errors = (out / "errors.csv").read_text(encoding="utf-8").splitlines()[1:]
                cell = sum("!D" in line for line in errors)
                print(f"  errors.csv: {len(errors)} problems, {cell} naming a sheet and cell")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
