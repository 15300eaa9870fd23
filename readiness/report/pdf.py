"""PDF reports: the HTML report laid out on A4 by WeasyPrint, the one module that imports it.

WeasyPrint is an optional extra (`pip install 'readiness[pdf]'`) that needs Pango from the system,
so it is imported only when a PDF is rendered: other commands start as fast as before, and a
machine without it gets one line naming what to install instead of a traceback. The report's
own print CSS does the paging (running header, page numbers, bookmarks), so Chromium's print
and the PDF agree. Nothing is fetched while rendering: the page is self-contained, and a refusing
URL fetcher makes sure no link in submitted text can read a file or reach the network.
"""

from __future__ import annotations

import hashlib
from types import ModuleType

from readiness.errors import MissingExtraError

# The PDF's permanent identifier starts with this (then the HTML's hash): in the trailer at the end of
# the file, in plain text, so `demo` can tell a PDF it wrote from someone's document.
ID_PREFIX = b"readiness "
MARK = b"/ID [(" + ID_PREFIX
INSTALL = (
    "PDF reports need WeasyPrint and Pango: pip install 'readiness[pdf]' "
    "(Debian/Ubuntu: sudo apt install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk)"
)


def _weasyprint() -> ModuleType:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the wheel is there but Pango could not be loaded
        detail = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise MissingExtraError(f"{INSTALL}; {detail}") from None
    module: ModuleType = weasyprint
    return module


def check_available() -> None:
    """Raise MissingExtraError (one line: what to install) when PDF cannot be rendered here."""
    _weasyprint()


def html_to_pdf(html: bytes) -> bytes:
    """The A4 PDF of one self-contained HTML page; title and author come from its <title> and <meta>."""
    weasyprint = _weasyprint()
    refuse_all = weasyprint.URLFetcher(allowed_protocols=())
    page = weasyprint.HTML(string=html.decode(), url_fetcher=refuse_all)
    identifier = ID_PREFIX + hashlib.sha256(html).hexdigest()[:20].encode()
    data: bytes = page.write_pdf(pdf_identifier=identifier)
    return data


def written_by_readiness(tail: bytes) -> bool:
    """Whether the last bytes of a file are those of a PDF report readiness wrote."""
    return MARK in tail
