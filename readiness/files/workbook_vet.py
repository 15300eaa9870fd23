"""Vetting an untrusted .xlsx before any XML parser sees it: size, zip shape, macros, links, DOCTYPEs.

- the file is capped before it is read (layout.MAX_BYTES);
- the zip's declared sizes and part count are capped: a zip bomb (a few KB inflating to GBs) is
  refused before anything is unpacked, and Python's zipfile never unpacks more than a part
  declares (a part that lies fails its CRC);
- macros (vbaProject.bin, .xlsm) and external links are refused;
- every XML part is searched for a DOCTYPE or ENTITY declaration (billion laughs, external
  entities); openpyxl then parses with defusedxml as well.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from readiness.errors import AnswersError, Problem
from readiness.files import safeyaml
from readiness.files import workbook_layout as layout

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_PARTS = (".xml", ".rels", ".vml")


def refuse(path: str, message: str, where: str | None = None, what: str | None = None) -> AnswersError:
    """The one-problem error for a refused workbook."""
    return AnswersError([Problem(path, message, where, what)])


def read_bytes(path: Path) -> bytes:
    """The workbook's bytes, refusing a macro workbook by name and anything over the size limit."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix in layout.MACRO_SUFFIXES:
        raise refuse(name, "workbooks with macros are refused; save it as .xlsx (Excel Workbook)")
    try:
        raw = safeyaml.read(path, layout.MAX_BYTES)
    except safeyaml.YamlProblem as exc:
        raise refuse(name, exc.message) from None
    return raw


def vet_zip(raw: bytes, path: str) -> None:
    """Refuse what is not a plain .xlsx before any XML is parsed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError):
        if raw.startswith(_OLE):
            message = (
                "an Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx without a password"
            )
        else:
            message = "not an Excel workbook: the file is not a zip archive (as every .xlsx is)"
        raise refuse(path, message) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > layout.MAX_PARTS:
            raise refuse(path, f"the workbook has more than {layout.MAX_PARTS} parts; refused")
        if sum(i.file_size for i in infos) > layout.MAX_UNPACKED:
            limit = layout.MAX_UNPACKED // (1024 * 1024)
            raise refuse(path, f"the workbook unpacks to more than {limit} MB (a zip bomb?); refused")
        names = [i.filename.lower() for i in infos]
        if any(n.endswith("vbaproject.bin") for n in names):
            raise refuse(path, "the workbook contains macros (vbaProject.bin); refused")
        if any(n.startswith("xl/externallinks/") for n in names):
            raise refuse(path, "the workbook links to other files (external links); refused")
        if any(i.flag_bits & 0x1 for i in infos):
            raise refuse(path, "the workbook is encrypted; save it without a password")
        for info in infos:
            if info.filename.lower().endswith(_XML_PARTS):
                _vet_xml(_part(archive, info, path), info.filename, path)


def _part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> bytes:
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, RuntimeError) as exc:
        raise refuse(path, f"the workbook is damaged ({type(exc).__name__}); refused") from None


def _vet_xml(data: bytes, part: str, path: str) -> None:
    head = data[:2]
    if head in (b"\xff\xfe", b"\xfe\xff"):
        data = data.decode("utf-16", errors="replace").encode()
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        shown = re.sub(r"[^\w./-]", "?", part)[:80]
        raise refuse(path, f"{shown}: XML document type declarations (entities) are not allowed; refused")
