"""Japanese read as words: where the words of a Japanese text begin and end.

Japanese is written without spaces, so a name found as a substring may be part of another
word: 楽天 starts 楽天的 ("optimistic"), イオン ends ライオン ("lion"). A morphological
analyser splits the text into words (MeCab through fugashi, with the UniDic-lite dictionary
shipped on PyPI; docs/scoring.md says why this one), and a name counts only where it starts
and ends on word boundaries.

The analyser is loaded lazily, the first time a text containing Japanese needs it, and it only
ever reads a short window around a candidate match (`window` characters either side, inside
one line), so the cost is bounded per candidate and linear in the text: a mail without
Japanese never loads it. Without the analyser (an install lacking fugashi) the boundaries fall
back to changes of script (kanji → katakana → Latin ...), which still keeps イオン out of
ライオン and 楽天 out of 楽天的.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")

# Suffixes that keep the name a name: honorifics and "company", "side", "from" ("楽天様", "楽天社").
# Any other suffix makes a new word of it (楽天的 "optimistic", 楽天家 "an optimist").
_NAME_SUFFIXES = frozenset(
    {"様", "さま", "殿", "さん", "御中", "各位", "宛", "宛て", "社", "側", "発", "内", "製", "系"}
)


def has_japanese(text: str) -> bool:
    """True when `text` has kana or kanji: only such text is read with the analyser."""
    return _JAPANESE.search(text) is not None


def is_japanese_char(char: str) -> bool:
    return bool(char) and _JAPANESE.match(char) is not None


@cache
def _tagger() -> Any:
    """The MeCab tagger with UniDic-lite, or None when fugashi is not installed."""
    try:
        import fugashi
        import unidic_lite
    except ImportError:  # pragma: no cover - fugashi is a declared dependency
        return None
    # "-r /dev/null": no mecabrc is read from the machine; the dictionary is the packaged one.
    return fugashi.Tagger(f'-r /dev/null -d "{unidic_lite.DICDIR}"')


def _script(char: str) -> str:
    if "\u3040" <= char <= "\u309f":
        return "hiragana"
    if "\u30a0" <= char <= "\u30ff" or "\uff66" <= char <= "\uff9f":
        return "katakana"
    if "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff":
        return "kanji"
    if char.isalnum():
        return "latin" if char.isascii() else "other-word"
    return "mark:" + char


def _script_words(segment: str) -> list[tuple[int, int, bool]]:
    """Fallback words: runs of one script. (start, end, is_suffix)."""
    out: list[tuple[int, int, bool]] = []
    start = 0
    for i in range(1, len(segment) + 1):
        if i == len(segment) or _script(segment[i]) != _script(segment[start]) or segment[i].isspace():
            if not segment[start].isspace():
                out.append((start, i, False))
            start = i
    return out


def words(segment: str) -> tuple[tuple[int, int, bool], ...]:
    """The words of one short line of text as (start, end, is_derivational_suffix)."""
    return _words(segment)


@lru_cache(maxsize=2048)
def _words(segment: str) -> tuple[tuple[int, int, bool], ...]:
    # Cached: the same window is read again for every name and phrase found in it.
    tagger = _tagger()
    if tagger is None:
        return tuple(_script_words(segment))
    out: list[tuple[int, int, bool]] = []
    pos = 0
    for word in tagger(segment):
        surface = word.surface
        start = segment.find(surface, pos)
        if not surface or start < 0:
            return tuple(_script_words(segment))  # the analyser rewrote the text: fall back
        end = start + len(surface)
        # The raw feature string, not the parsed one: parsing all 29 UniDic fields costs 8× the tagging.
        suffix = word.feature_raw.startswith("接尾辞") and surface not in _NAME_SUFFIXES
        out.append((start, end, suffix))
        pos = end
    return tuple(out)


def on_word_boundaries(text: str, start: int, end: int, window: int, whole: bool = True) -> bool:
    """`text[start:end]` starts and ends where words do, and is not turned into another word by
    a suffix (楽天的, 楽天家). Reads at most `window` characters either side, within the line.
    `whole=False` asks only for the start: a phrase may end inside a conjugated word
    ("期限を過ぎ" in "期限を過ぎると", where 過ぎる is one word)."""
    lo = max(0, start - window, text.rfind("\n", 0, start) + 1)
    line_end = text.find("\n", end)
    hi = min(len(text), end + window, line_end if line_end >= 0 else len(text))
    segment = text[lo:hi]
    s, e = start - lo, end - lo
    starts: set[int] = set()
    ends: set[int] = set()
    suffix_at: set[int] = set()
    for w_start, w_end, suffix in words(segment):
        starts.add(w_start)
        ends.add(w_end)
        if suffix:
            suffix_at.add(w_start)
    # A window cut mid-word at its edges is still a boundary there.
    starts.add(0)
    ends.add(len(segment))
    if not whole:
        return s in starts
    return s in starts and e in ends and e not in suffix_at


def person_name_spans(segment: str) -> tuple[tuple[int, int], ...]:
    """Where `segment` (one short line) names a person: the words the analyser tags as personal
    names (固有名詞,人名: 山田, 太郎). Empty without the analyser. Used to mask the recipient's name
    in a mail's skeleton (campaign/skeleton.py), so "山田太郎様" and "鈴木花子様" read the same."""
    return _person_names(segment)


@lru_cache(maxsize=1024)
def _person_names(segment: str) -> tuple[tuple[int, int], ...]:
    tagger = _tagger()
    if tagger is None:
        return ()
    out: list[tuple[int, int]] = []
    pos = 0
    for word in tagger(segment):
        start = segment.find(word.surface, pos)
        if not word.surface or start < 0:
            return ()
        pos = start + len(word.surface)
        if word.feature_raw.startswith("名詞,固有名詞,人名"):
            out.append((start, pos))
    return tuple(out)
