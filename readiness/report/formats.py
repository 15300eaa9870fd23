"""The one list of report formats. No Jinja here: the CLI, batch and the API take their choices from it."""

from __future__ import annotations

from enum import StrEnum


class ReportFormat(StrEnum):
    """A report format; every member has exactly one renderer (readiness.report.render)."""

    HTML = "html"
    MARKDOWN = "md"
    JSON = "json"
    PDF = "pdf"  # the HTML report on A4 by WeasyPrint: the optional extra readiness[pdf]

    @property
    def suffix(self) -> str:
        """The file-name suffix of a report in this format."""
        return f".{self.value}"

    @property
    def binary(self) -> bool:
        """Whether the report is bytes for a viewer, not text for a terminal."""
        return self is ReportFormat.PDF


# Formats that batch can write one per file (JSON reports are the same facts as summary.json).
BATCH_FORMATS = (ReportFormat.HTML, ReportFormat.MARKDOWN, ReportFormat.PDF)
# What `demo` writes: the documents a person opens (the default file name takes the suffix).
DEMO_FORMATS = (ReportFormat.HTML, ReportFormat.PDF)
# The choices of `batch --reports`, derived from the one enum above.
BatchReportFormat = StrEnum("BatchReportFormat", {f.name: f.value for f in BATCH_FORMATS})  # type: ignore[misc]
DemoFormat = StrEnum("DemoFormat", {f.name: f.value for f in DEMO_FORMATS})  # type: ignore[misc]
