"""RE2 for the knowledge regexes (knowledge/linear.py): Python's Unicode classes kept, time linear."""

from __future__ import annotations

import re
import time

import pytest

from mailautopsy.knowledge.linear import compile_ci, error, translate


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"(?:\w+ ){0,3}girl", "i am a lovely señorita girl"),
        (r"\d{1,3}時間以内", "２４時間以内にご確認ください"),
        (r"[$€£] ?\d{2,4}(\.00)? (gift card|reward)", "claim your €250 REWARD now"),
        (r"^\W*(?:félicitations)\W*$", "  Félicitations !!"),
        (r"withdraw your \+?[$€£]?\d[\d,. ]{2,10}", "withdraw your $1,250.00 today"),
        (r"[]a]x", "]x"),
        (r"[^]a]x", "bx"),
    ],
)
def test_same_match_as_python(pattern: str, text: str) -> None:
    ours = compile_ci(pattern).search(text)
    python = re.compile(pattern, re.I).search(text)
    assert python is not None and ours is not None
    assert (ours.start(), ours.group(0)) == (python.start(), python.group(0))


def test_classes_are_spelt_for_re2() -> None:
    assert translate(r"\w+\W\d\D") == r"[\p{L}\p{N}_]+[^\p{L}\p{N}_]\p{Nd}\P{Nd}"
    assert translate(r"[\w.\d]") == r"[\p{L}\p{N}_.\p{Nd}]"
    assert translate(r"\\w") == r"\\w"  # an escaped backslash, then a letter
    with pytest.raises(error):
        translate(r"[\W]")


def test_look_around_is_refused() -> None:
    with pytest.raises(error):
        compile_ci(r"(?<=a)b")


def test_linear_where_python_backtracks() -> None:
    """(a|aa)*c on a run of a's without c is exponential for a backtracking engine."""
    pattern = compile_ci(r"^(a|aa)*c")
    start = time.process_time()
    assert pattern.search("a" * 100_000) is None
    assert time.process_time() - start < 1.0


def _lure_texts() -> list[str]:
    """The normalised text of every sample and example message (many with lure phrases)."""
    from helpers import EXAMPLES, ROOT

    from mailautopsy import analyze
    from mailautopsy.knowledge import normalise

    paths = sorted((ROOT / "tests" / "samples").glob("*/*.eml")) + sorted(EXAMPLES.glob("*.eml"))
    out = []
    for path in paths:
        msg = analyze(path.read_bytes()).message
        out.append(normalise(msg.subject) + "\n" + normalise(msg.text))
    return out


def test_pattern_set_finds_what_each_search_finds() -> None:
    """knowledge.lure_hits reads the lure regexes in one RE2 set pass: it reports a pattern
    exactly when that pattern's own search finds it, on real samples and on long texts made to
    churn the set's automaton (which must never give up)."""
    import random

    from mailautopsy import knowledge
    from mailautopsy.knowledge.linear import PatternSet

    patterns = [lure.pattern for lure in knowledge.load().lures if lure.pattern is not None]
    one_pass = PatternSet(patterns)
    rng = random.Random(5)
    texts = _lure_texts()
    alphabet = "".join(sorted(set("".join(texts))))
    churn = ["".join(rng.choice(alphabet) for _ in range(200_000)) for _ in range(2)]
    churn.append(" ".join(texts)[:300_000])
    hits = 0
    for text in texts + churn:
        expected = frozenset(i for i, p in enumerate(patterns) if p.search(text))
        assert one_pass.found(text) == expected
        hits += len(expected)
    assert hits > 50
