"""PDF from the command line: one line when the extra is missing; `demo` replaces only its own PDF.

The missing-extra case runs the real console entry point in a child process in which `import
weasyprint` fails, as on a machine without `readiness[pdf]`: the user sees one `error:` line naming
the extra and the system packages, exit code 6, no traceback, and no file is left behind.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from readiness.errors import EXIT_MISSING_EXTRA, MissingExtraError
from readiness.report.pdf import check_available
from readiness.resources import bundled

DEMO = str(bundled("examples") / "demo.yaml")
WITHOUT_WEASYPRINT = (
    "import sys; sys.modules['weasyprint'] = None; sys.argv[0] = 'readiness'; "
    "from readiness.cli import main; main()"
)


def _run_without_weasyprint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_WEASYPRINT, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("report", DEMO, "--format", "pdf", "-o", "out.pdf"), id="report"),
        pytest.param(("demo", "--format", "pdf"), id="demo"),
        pytest.param(("batch", str(bundled("examples")), "-o", "out", "--reports", "pdf"), id="batch"),
    ],
)
def test_a_missing_pdf_extra_is_one_line_naming_the_extra_and_packages(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    result = _run_without_weasyprint(tmp_path, *args)
    assert result.returncode == EXIT_MISSING_EXTRA == 6, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: PDF reports need WeasyPrint"), result.stderr
    assert "pip install 'readiness[pdf]'" in lines[0] and "libpango-1.0-0" in lines[0], lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert list(tmp_path.iterdir()) == []  # refused before any work: no report, no half-written folder


def test_the_in_process_check_raises_the_same_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(MissingExtraError) as caught:
        check_available()
    assert "\n" not in str(caught.value) and "readiness[pdf]" in str(caught.value)


def _pdf_missing() -> str | None:
    try:
        check_available()
    except MissingExtraError as exc:
        return str(exc)
    return None


@pytest.mark.slow
@pytest.mark.skipif(_pdf_missing() is not None, reason=f"PDF not rendered: {_pdf_missing()}")
def test_demo_replaces_its_own_pdf_but_not_someone_elses(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from readiness.cli import app

    runner = CliRunner()
    out = tmp_path / "demo.pdf"
    first = runner.invoke(app, ["demo", "--format", "pdf", "-o", str(out)])
    assert first.exit_code == 0, first.output
    assert out.read_bytes().startswith(b"%PDF-")
    again = runner.invoke(app, ["demo", "--format", "pdf", "-o", str(out)])
    assert again.exit_code == 0, again.output  # no --force needed to refresh the demo

    theirs = tmp_path / "contract.pdf"
    theirs.write_bytes(b"%PDF-1.7\n% someone's document\n%%EOF\n")
    refused = runner.invoke(app, ["demo", "--format", "pdf", "-o", str(theirs)])
    assert refused.exit_code == 2, refused.output
    assert theirs.read_bytes() == b"%PDF-1.7\n% someone's document\n%%EOF\n"
