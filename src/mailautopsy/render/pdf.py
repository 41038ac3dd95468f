"""PDF of the HTML report (WeasyPrint), for ticket systems.

The report is self-contained; the fetcher WeasyPrint gets allows `data:` URLs only,
so printing can never reach the network or the file system either.

WeasyPrint draws text it has no font for as empty boxes and still succeeds, so a Japanese
report printed where no Japanese font is installed would be a PDF of boxes. Before printing
Japanese text we ask fontconfig (the library Pango, and so WeasyPrint, finds fonts with) for a
font covering Japanese, as `fc-list :lang=ja` does, and refuse with the package to install.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re

from ..errors import UnavailableError

CJK_FONT_PACKAGE = "fonts-noto-cjk"
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")


class _FcFontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.c_void_p)]


def japanese_fonts() -> int | None:
    """How many installed fonts cover Japanese (fontconfig's `:lang=ja`, read afresh: honours
    FONTCONFIG_FILE); None when the fontconfig library itself is missing."""
    name = ctypes.util.find_library("fontconfig")
    if name is None:
        return None
    try:
        fc = ctypes.CDLL(name)
    except OSError:
        return None
    fc.FcInitLoadConfigAndFonts.restype = ctypes.c_void_p
    fc.FcNameParse.restype = ctypes.c_void_p
    fc.FcNameParse.argtypes = [ctypes.c_char_p]
    fc.FcObjectSetBuild.restype = ctypes.c_void_p
    fc.FcFontList.restype = ctypes.POINTER(_FcFontSet)
    fc.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    for fn in (fc.FcFontSetDestroy, fc.FcObjectSetDestroy, fc.FcPatternDestroy, fc.FcConfigDestroy):
        fn.argtypes = [ctypes.c_void_p]
        fn.restype = None
    config = fc.FcInitLoadConfigAndFonts()
    if not config:
        return 0
    pattern = fc.FcNameParse(b":lang=ja")
    objects = fc.FcObjectSetBuild(ctypes.c_char_p(b"family"), ctypes.c_void_p(None))
    try:
        found = fc.FcFontList(config, pattern, objects)
        count = found.contents.nfont if found else 0
        if found:
            fc.FcFontSetDestroy(ctypes.cast(found, ctypes.c_void_p))
    finally:
        fc.FcObjectSetDestroy(objects)
        fc.FcPatternDestroy(pattern)
        fc.FcConfigDestroy(config)
    return int(count)


def check_fonts_for(page: str) -> None:
    """Raise UnavailableError when `page` has Japanese text and no installed font covers it."""
    if _JAPANESE.search(page) and not japanese_fonts():
        raise UnavailableError(
            "the report has Japanese text and no installed font covers Japanese, so the PDF would "
            f"show empty boxes; on Debian: apt-get install {CJK_FONT_PACKAGE}"
        )


def html_to_pdf(page: str) -> bytes:
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as exc:  # OSError: the Pango library is missing
        raise UnavailableError(
            f"PDF output needs WeasyPrint and the Pango library ({exc}); "
            f"on Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 {CJK_FONT_PACKAGE}"
        ) from exc
    check_fonts_for(page)
    fetcher = URLFetcher(allowed_protocols=("data",), timeout=1, allow_redirects=False)
    pdf = HTML(string=page, url_fetcher=fetcher).write_pdf()
    return bytes(pdf or b"")
