"""Every knowledge file, the rules file and the user config load through typed models: each error
is reported with file:line, all errors of a file at once (issue 16)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mailautopsy import knowledge, rules
from mailautopsy.errors import KnowledgeError
from mailautopsy.knowledge.loader import DataError
from mailautopsy.rules.schema import validate as validate_rules

SHIPPED = Path(knowledge.__file__).parent
RULES = Path(rules.__file__).parent / "rules.toml"


def _edit(text: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    return text


def _line(text: str, needle: str, nth: int = 1) -> int:
    """The line of the nth occurrence of `needle` in `text`."""
    pos = -1
    for _ in range(nth):
        pos = text.index(needle, pos + 1)
    return text.count("\n", 0, pos) + 1


def _problems(directory: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        knowledge.load_files(directory)
    return list(caught.value.problems)


def _expect(problems: list[str], expected: list[tuple[str, int, str]]) -> None:
    """Each expected (file, line, words) is one problem, and there is no other."""
    for name, line, words in expected:
        prefix = f"knowledge/{name}:{line}: " if not name.startswith("/") else f"{name}:{line}: "
        assert any(p.startswith(prefix) and words in p for p in problems), (prefix, words, problems)
    assert len(problems) == len(expected), problems


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for name in knowledge.FILES:
        shutil.copy(SHIPPED / name, tmp_path / name)
    return tmp_path


def _write(directory: Path, name: str, edits: list[tuple[str, str]]) -> str:
    text = _edit((directory / name).read_text(encoding="utf-8"), edits)
    (directory / name).write_text(text, encoding="utf-8")
    return text


def test_every_shipped_file_is_validated() -> None:
    on_disk = {p.name for p in SHIPPED.iterdir() if p.suffix in (".toml", ".txt")}
    assert on_disk == set(knowledge.FILES)


def test_shipped_data_passes(copy: Path) -> None:
    kb = knowledge.load_files(copy)
    assert len(kb.brands) == len(knowledge.load().brands) > 400
    validate_rules(RULES.read_text(encoding="utf-8"))
    assert rules.load().rules


def test_brands_every_error_at_once(copy: Path) -> None:
    text = _write(
        copy,
        "brands.toml",
        [
            ('id = "mufg_bank"\n', 'id = "mufg_bank"\nsendng_domains = ["bk.mufg.jp"]\n'),
            ('category = "securities"', 'category = "bnak"'),
            ('country = "JP"', 'country = "JPN"'),
            ('domains = ["amazon.co.jp"', 'domains = "amazon.co.jp"\nx_domains = ["amazon.co.jp"'),
            ('id = "mufg_nicos"', 'id = "mufg_bank"'),
            (
                'unconfirmed = []\n\n[[brand]]\nid = "smbc"',
                'unconfirmed = []\nperson_name = "no"\n\n[[brand]]\nid = "smbc"',
            ),
            ('domains = ["rakuten.co.jp"', 'domains = ["Rakuten Card"'),
            ('"www.gov.br" = "receita_federal"\n', ""),
        ],
    )
    _expect(
        _problems(copy),
        [
            (
                "brands.toml",
                _line(text, "sendng_domains"),
                "unknown key 'sendng_domains' (did you mean 'sending_domains'?)",
            ),
            ("brands.toml", _line(text, '"bnak"'), "Invalid enum value 'bnak' (one of: bank, card,"),
            ("brands.toml", _line(text, '"JPN"'), "Invalid enum value 'JPN' (an ISO 3166 alpha-2 code"),
            ("brands.toml", _line(text, 'domains = "amazon.co.jp"'), "domains: Expected `array`, got `str`"),
            ("brands.toml", _line(text, "x_domains"), "unknown key 'x_domains'"),
            ("brands.toml", _line(text, 'id = "mufg_bank"', 2), "brand id 'mufg_bank' again (first on line"),
            ("brands.toml", _line(text, 'person_name = "no"'), "person_name: Expected `bool`, got `str`"),
            ("brands.toml", _line(text, 'domains = ["Rakuten Card"'), "domains[0]: 'Rakuten Card' is not a host name"),
            ("brands.toml", _line(text, 'id = "gov_br"') - 1, "domain 'www.gov.br' is listed by 'detran' (line"),
        ],
    )


def test_lures_every_error_at_once(copy: Path) -> None:
    text = _write(
        copy,
        "lures.toml",
        [
            ('category = "credential"\nlang = "en"\n', 'category = "credentail"\nlang = "en"\n'),
            ('lang = "ja"', 'lang = "japanese"'),
            ('lang = "de"\nphrases = [', 'lang = "de"\nphrase = ["konto"]\nphrases = ['),
            ('lang = "fr"\nphrases = [', 'lang = "fr"\nregex = "(?:x)"\nphrases = ['),
            ('lang = "it"\nphrases = [', 'lang = "it"\nregex = [1]\nphrases = ['),
            (
                'lang = "nl"\nphrases = [\n',
                'lang = "nl"\nregex = ["(unclosed"]\nphrases = [\n'
                + '  "klik hier om te verifiëren",\n  "klik hier om te verifiëren",\n',
            ),
        ],
    )
    _expect(
        _problems(copy),
        [
            (
                "lures.toml",
                _line(text, '"credentail"'),
                "category: Invalid enum value 'credentail' (one of: credential,",
            ),
            ("lures.toml", _line(text, '"japanese"'), "lang: Invalid enum value 'japanese'"),
            ("lures.toml", _line(text, 'phrase = ["konto"]'), "unknown key 'phrase' (did you mean 'phrases'?)"),
            ("lures.toml", _line(text, 'regex = "(?:x)"'), "regex: Expected `array`, got `str`"),
            ("lures.toml", _line(text, "regex = [1]"), "regex[0]: Expected `str`, got `int`"),
            ("lures.toml", _line(text, '"(unclosed"'), "regex[0] '(unclosed': missing ): (unclosed (RE2"),
            ("lures.toml", _line(text, '"klik hier om te verifiëren"', 2), "'klik hier om te verifiëren' again"),
        ],
    )


def test_redirectors_every_error_at_once(copy: Path) -> None:
    text = _write(
        copy,
        "redirectors.toml",
        [
            ('kind = "safelinks"', 'kind = "safelink"'),
            ('param = ["adurl"]', 'params = ["adurl"]'),
            ('host = "*.google.co.jp"', 'host = "*.google.com"'),
            ('param = ["uddg"]', "param = 3"),
            ('path_prefix = "/ck/a"', 'path_prefix = "ck/a"'),
            ('host = "*.google.co.uk"', 'host = "www google co uk"'),
        ],
    )
    _expect(
        _problems(copy),
        [
            (
                "redirectors.toml",
                _line(text, '"safelink"'),
                "kind: Invalid enum value 'safelink' (one of: open_redirect,",
            ),
            ("redirectors.toml", _line(text, "params ="), "unknown key 'params' (did you mean 'param'?)"),
            ("redirectors.toml", _line(text, 'host = "*.google.com"', 2), "'*.google.com/url' again (first on line"),
            ("redirectors.toml", _line(text, "param = 3"), "param: Expected `str | array`, got `int`"),
            ("redirectors.toml", _line(text, 'path_prefix = "ck/a"'), "path_prefix: 'ck/a' does not start with '/'"),
            ("redirectors.toml", _line(text, '"www google co uk"'), "host: 'www google co uk' is not a host name"),
        ],
    )


def test_spam_stamps_every_error_at_once(copy: Path) -> None:
    text = _write(
        copy,
        "spam_stamps.toml",
        [
            ('pattern = "[[spam]]"', 'pattern = "[spam]"'),
            ('pattern = "[spam?]"', "pattern = 5"),
            ('note = "ASJ rental server spam filter"', 'notes = "ASJ rental server spam filter"'),
            ("[[header]]\n", "[[header]]\nname = 'X-Broken'\nvalue_regex = '(?P<'\n\n[[header]]\n"),
            ("[[stamp]]\n", "[[stamp]]\nnote = 'no pattern'\n\n[[stamp]]\n"),
        ],
    )
    _expect(
        _problems(copy),
        [
            ("spam_stamps.toml", _line(text, 'pattern = "[spam]"', 2), "'[spam]' again (first on line"),
            ("spam_stamps.toml", _line(text, "pattern = 5"), "pattern: Expected `str`, got `int`"),
            ("spam_stamps.toml", _line(text, "notes ="), "unknown key 'notes' (did you mean 'note'?)"),
            ("spam_stamps.toml", _line(text, "value_regex = '(?P<'"), "value_regex: '(?P<': missing group name"),
            ("spam_stamps.toml", _line(text, "note = 'no pattern'") - 1, "required key 'pattern' is missing"),
        ],
    )


@pytest.mark.parametrize(
    ("name", "bad", "wrong"),
    [
        ("shorteners.txt", "bit.ly tinyurl.com", "one host per line"),
        ("freemail.txt", "gmail,com", "not a host name"),
        ("free_hosting.txt", "*.github .io", "one entry per line"),
        ("suspicious_tlds.txt", ".top.", "not a top-level domain"),
        ("generic_labels.txt", "web shop", "one label per line"),
        ("sender_role_words.txt", "customer care", "one word per line"),
        ("public_sector.txt", "go jp", "one suffix per line"),
        ("celebrities.txt", "Elon Musk 2", "not a person's name"),
        ("tenant_domains.txt", "onmicrosoft..com", "not a host name"),
    ],
)
def test_lists_report_malformed_and_duplicate_lines(copy: Path, name: str, bad: str, wrong: str) -> None:
    original = (copy / name).read_text(encoding="utf-8")
    numbered = [(n, line) for n, line in enumerate(original.splitlines(), 1) if line.strip() and line[0] != "#"]
    first_line, first = numbered[0][0], numbered[0][1].split("#")[0].strip()
    text = original + f"{bad}   # deliberately malformed\n{first.upper() if name != 'celebrities.txt' else first}\n"
    (copy / name).write_text(text, encoding="utf-8")
    lines = text.count("\n")
    _expect(
        _problems(copy),
        [
            (name, lines - 1, f"{bad!r}: {wrong}"),
            (name, lines, f"is listed twice (first on line {first_line})"),
        ],
    )


def test_errors_of_every_file_are_reported_together(copy: Path) -> None:
    _write(copy, "brands.toml", [('category = "bank"', 'category = "bnak"')])
    _write(copy, "shorteners.txt", [("bit.ly\n", "bit.ly bitly.com\n")])
    problems = _problems(copy)
    assert [p.split(":")[0] for p in problems] == ["knowledge/brands.toml", "knowledge/shorteners.txt"]


def test_invalid_toml_still_reports_the_other_tables(copy: Path) -> None:
    text = _write(
        copy,
        "brands.toml",
        [
            ('name_en = "MUFG Bank"', 'name_en = "MUFG Bank"\nname_en = "again"'),
            ('category = "card"', 'category = "crad"'),
            ('aliases = ["Amazon"', 'aliases = ["Amazon" "Amazon.co.jp"'),
        ],
    )
    _expect(
        _problems(copy),
        [
            ("brands.toml", _line(text, 'name_en = "again"'), "invalid TOML: Cannot overwrite a value"),
            ("brands.toml", _line(text, '"crad"'), "Invalid enum value 'crad'"),
            ("brands.toml", _line(text, 'aliases = ["Amazon" "Amazon.co.jp"'), "invalid TOML"),
        ],
    )


def test_rules_every_error_at_once() -> None:
    text = _edit(
        RULES.read_text(encoding="utf-8"),
        [
            ('severity = "medium"\nweight = 20', 'severity = "meduim"\nweight = "20"\nwieght = 3'),
            ('group = "subject"', 'group = "subjects"'),
            ("[rule.SUBJECT_BRAND_BRACKET]", "[rule.SUBJECT_brand_bracket]"),
            ("[rule.SUBJECT_URGENCY]", "[rule.SUBJECT_URGENCY]\nspam = 1"),
            ("[rule.SUBJECT_RANDOM_TOKEN]", "[rule.SUBJECT_URGENCY]"),
            ("suspicious = ", "suspicious_ = "),
        ],
    )
    with pytest.raises(DataError) as caught:
        validate_rules(text)
    expected = [
        (_line(text, '"meduim"'), "rule.SUBJECT_SPAM_STAMP.severity: Invalid enum value 'meduim' (one of: info,"),
        (_line(text, 'weight = "20"'), "rule.SUBJECT_SPAM_STAMP.weight: Expected `float`, got `str`"),
        (_line(text, "wieght = 3"), "unknown key 'wieght' (did you mean 'weight'?)"),
        (_line(text, '"subjects"'), "group: Invalid enum value 'subjects'"),
        (_line(text, "[rule.SUBJECT_brand_bracket]"), "'SUBJECT_brand_bracket' is not a rule id"),
        (_line(text, "spam = 1"), "rule.SUBJECT_URGENCY.spam: Expected `bool`, got `int`"),
        (_line(text, "[rule.SUBJECT_URGENCY]", 2), "table [rule.SUBJECT_URGENCY] is defined twice (first on line"),
        (_line(text, "suspicious_ ="), "unknown key 'suspicious_'"),
        (_line(text, "[thresholds]"), "thresholds: required key 'suspicious' is missing"),
    ]
    problems = list(caught.value.problems)
    for line, words in expected:
        assert any(p.startswith(f"rules/rules.toml:{line}: ") and words in p for p in problems), (line, words, problems)
    assert len(problems) == len(expected), problems


def test_user_config_every_error_at_once(tmp_path: Path) -> None:
    config = tmp_path / "mine.toml"
    text = """trusted_domains = "example.co.jp"
colour = "blue"

[online]
timeout = 5
resolvr = "192.0.2.53"

[[brand]]
id = "example"
name_en = "Example Corp"
category = "bnak"
domains = ["example.co.jp"]
sendng_domains = ["example-mail.jp"]

[[brand]]
id = "example_two"
name_en = "Example Two"
domains = ["example.co.jp"]
"""
    config.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        knowledge.load(config)
    expected = [
        (_line(text, "trusted_domains"), "trusted_domains: Expected `array`, got `str`"),
        (_line(text, "colour"), "unknown key 'colour'"),
        (_line(text, "resolvr"), "online: unknown key 'resolvr' (did you mean 'resolver'?)"),
        (_line(text, '"bnak"'), "Invalid enum value 'bnak'"),
        (_line(text, "sendng_domains"), "unknown key 'sendng_domains'"),
    ]
    problems = list(caught.value.problems)  # type: ignore[attr-defined]
    for line, words in expected:
        assert any(p.startswith(f"{config}:{line}: ") and words in p for p in problems), (line, words, problems)
    assert len(problems) == len(expected), problems


def test_user_config_brands_win_ties_and_tie_among_themselves(tmp_path: Path) -> None:
    config = tmp_path / "mine.toml"
    mine = '[[brand]]\nid = "my_mall"\nname_en = "My Mall"\ncategory = "retail"\ndomains = ["aeon.com"]\n'
    config.write_text(mine, encoding="utf-8")
    kb = knowledge.load(config)
    assert kb.brand_owning("shop.aeon.com").id == "my_mall"  # type: ignore[union-attr]
    assert knowledge.load().brand_owning("shop.aeon.com").id == "aeon_retail"  # type: ignore[union-attr]
    config = tmp_path / "mine2.toml"
    config.write_text(mine + mine.replace("my_mall", "my_other_mall"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"{config.name}:6: domain 'aeon.com' is listed by 'my_mall' \(line 1\)"):
        knowledge.load(config)


def test_checker_command(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mailautopsy.knowledge.__main__ import main

    assert main([str(copy)]) == 0
    assert "knowledge OK" in capsys.readouterr().out
    text = _write(copy, "brands.toml", [('category = "bank"', 'category = "bnak"')])
    assert main([str(copy)]) == KnowledgeError.exit_code
    err = capsys.readouterr().err
    assert err.startswith(f"knowledge/brands.toml:{_line(text, 'bnak')}: brand[") and "'bnak'" in err


def test_user_config_domains_in_capitals_are_read_in_lower_case(tmp_path: Path) -> None:
    config = tmp_path / "capitals.toml"
    config.write_text(
        'trusted_domains = ["Example.CO.JP"]\n[[brand]]\nid = "example"\nname_en = "Example Corp"\n'
        'domains = ["EXAMPLE-Corp.jp"]\n',
        encoding="utf-8",
    )
    kb = knowledge.load(config)
    assert kb.is_trusted("mail.example.co.jp")
    assert kb.brand_owning("www.example-corp.jp").id == "example"  # type: ignore[union-attr]
