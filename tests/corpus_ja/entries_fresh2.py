# ruff: noqa: E501  (data: source URLs and quoted subjects are kept whole)
"""The `fresh2` split: phishing mails rebuilt after the `jabrands` branch had finished changing the
detector (knowledge and rules), from pages the corpus had not used, and measured once.

Same rules as entries_phish.py (see build.py): what the page showed is verbatim and listed under
`verbatim`, the rest is our own wording; a sender address the page did not show is
`not-shown@sender.invalid`. Every source URL is new to the corpus, none is on a held-out host, none is a
page the branch took knowledge or a rule from, and every campaign is new (none shared with
tune/heldout/fresh). Excerpts of some of these pages appeared in search results while the branch looked
for brand pages; nothing was taken from them, and the detector was not run on these mails before the
figure in docs/benchmarks.md was taken.
"""

from __future__ import annotations

from typing import Any

from entries_phish import JAL, NOT_SHOWN, PHISH, SAKURA, SBISEC, TEPCO, P

FRESH2_PHISH: list[dict[str, Any]] = []


def F2(*args: Any, placeholder_note: str = "", **kw: Any) -> None:
    """P() of entries_phish, kept out of PHISH (whose files must not change) and put in FRESH2_PHISH."""
    P(*args, **kw)
    entry = PHISH.pop()
    if placeholder_note:
        entry["placeholders"].append(placeholder_note)
    FRESH2_PHISH.append(entry)


OWN_DISPLAY = "From display name (the page gave only the address)"


TSCUBIC = ["tscubic.com", "toyota-finance.co.jp"]
MICARD = ["micard.co.jp"]
JABANK = ["jabank.org"]
METI = ["meti.go.jp"]
BITFLYER = ["bitflyer.com", "bitflyer.jp"]
PONTA = ["ponta.jp"]
EPOS = ["eposcard.co.jp", "0101.co.jp", "01epos.jp"]

F2(
    "g001_tscubic_honnin_kinkyu",
    "TS CUBIC CARD",
    TSCUBIC,
    f"TS CUBIC CARD <{NOT_SHOWN}>",
    "【TS CUBIC CARD】本人情報緊急確認",
    "https://singlekurashi.com/?p=6060",
    ["subject", "body excerpt"],
    "tscubic-honnin-kinkyu",
    "info_update",
    quote="下からアカウントをログインし、情報を更新してください。",
    notes="The page shows the whole body (account could not be updated; log in within 24 hours or use is restricted) with the link target hidden.",
)
F2(
    "g002_tscubic_juyo_kanarazu",
    "TS CUBIC CARD",
    TSCUBIC,
    f"TS CUBIC CARD <{NOT_SHOWN}>",
    "【TS CUBIC CARD】 重要:必ずお読みください",
    "https://singlekurashi.com/?p=2844",
    ["subject", "body excerpt"],
    "tscubic-juyo-kanarazu",
    "account_lock",
    quote="TS CUBIC CARD会員個人情報变更",
    notes="Body: a security upgrade stops every member service until personal data are re-authenticated within 24 hours.",
)
F2(
    "g003_jal_kaiin_koushin",
    "JAL",
    JAL,
    f"JAL <{NOT_SHOWN}>",
    "【重要】JAL会員情報の更新に関するお知らせ",
    "https://setagayabenri.com/blog/17400",
    ["subject", "body excerpt", "signature"],
    "jal-kaiin-koushin",
    "info_update",
    quote="お客様の会員情報に不備があるため、正確な情報の更新をお願い申し上げます。",
    signature="JAL航空 カスタマーサービスセンター",
    notes="The page quotes the mail as the Council of Anti-Phishing Japan published it; the fake site asks for card number and security code.",
)
F2(
    "g004_sbisec_gimuka_hosho",
    "SBI証券",
    SBISEC,
    "株式会社SBI証券 <notice@sbi.co.jp>",
    "【義務化通知】不正アクセス補償対象となるための重要手続き",
    "https://www.shinjoho.com/phishing/%e3%80%90%e7%be%a9%e5%8b%99%e5%8c%96%e9%80%9a%e7%9f%a5%e3%80%91%e4%b8%8d%e6%ad%a3%e3%82%a2%e3%82%af%e3%82%bb%e3%82%b9%e8%a3%9c%e5%84%9f%e5%af%be%e8%b1%a1%e3%81%a8%e3%81%aa%e3%82%8b%e3%81%9f%e3%82%81",
    ["subject", "from"],
    "sbisec-gimuka-hosho",
    "securities",
    notes="The page: the sender is forged at sbi.co.jp (another company's domain); the link leads to a host in Hong Kong; the sending network is Romanian (no header line quoted, so none added).",
)
F2(
    "g005_meti_denryoku_jukyu",
    "経済産業省",
    METI,
    f"経済産業省 <{NOT_SHOWN}>",
    "[経済産業省・電力需給対策] お客様の電力使用情報が不正確なので要確認 <電力需給ひっ迫警報・注意報>(2022/8/8)",
    "http://okane.robots.jp/2022/08/09/%e4%bb%b6%e5%90%8d%e3%80%8c%e7%b5%8c%e6%b8%88%e7%94%a3%e6%a5%ad%e7%9c%81%e3%83%bb%e9%9b%bb%e5%8a%9b%e9%9c%80%e7%b5%a6%e5%af%be%e7%ad%96-%e3%81%8a%e5%ae%a2%e6%a7%98%e3%81%ae%e9%9b%bb%e5%8a%9b",
    ["subject", "body excerpt"],
    "meti-denryoku-jukyu-2022",
    "utility",
    quote="確認しないと、料金明細がお客様の住所に正しく届かないなどの事態が発生します。",
    notes="The Council of Anti-Phishing Japan alert of 2022/08/09 as the page quotes it; the phishing URL is masked on the page (www.metl-●●●●.org), so no link is reproduced.",
)
F2(
    "g006_sakura_kaiin_touroku",
    "さくらインターネット",
    SAKURA,
    f"さくらインターネット <{NOT_SHOWN}>",
    "【要返信】さくらインターネット会員ご登録情報について",
    "http://okane.robots.jp/?p=21922",
    ["subject", "body excerpt"],
    "sakura-kaiin-touroku-2021",
    "account_lock",
    quote="ご登録いただきました以下の会員IDについて、登録の住所を確認できる\n身分証明書のコピーをご提示いただけますでしょうか。",
    notes="The Council of Anti-Phishing Japan alert of 2021/10/04 as the page quotes it (four subjects; this one and the next rebuilt).",
)
F2(
    "g007_sakura_credit_touroku",
    "さくらインターネット",
    SAKURA,
    f"さくらインターネット <{NOT_SHOWN}>",
    "[会員メニュー]クレジットカード情報登録の確認",
    "http://okane.robots.jp/?p=21922",
    ["subject", "body excerpt"],
    "sakura-kaiin-touroku-2021",
    "billing",
    quote="会員メニューより、クレジットカード情報が登録されましたのでお知らせいたします。",
)
F2(
    "g008_jabank_otp_hosei",
    "JAバンク",
    JABANK,
    "JAネットバンク <ayame@vg.glf.jp>",
    "【JAネットバンク】【重要】ワンタイムパスワード補正する必要があります",
    "https://expose-spam-emails.com/?p=849",
    ["subject", "from address", "urls"],
    "jabank-otp-hosei",
    "account_lock",
    urls=["https://tyyyhg.com"],
    placeholder_note=OWN_DISPLAY,
    notes="Display name not given by the page (written as the brand's service name); the page gives the address and the link.",
)
F2(
    "g009_jabank_torihiki_mokuteki",
    "JAバンク",
    JABANK,
    f"JAネットバンク <{NOT_SHOWN}>",
    "【重要】JAバンクお客さま情報およびお取引目的の確認のお願い",
    "https://tabeota.net/ja%e2%81%a9%e2%81%a9-bank-meiwaku",
    ["subject", "body excerpt"],
    "jabank-torihiki-mokuteki",
    "info_update",
    quote="現在当行では、金融サービスを悪用するマネー・ローンダリングおよびテロ資金供与への対策に取り組んでいます。",
)
F2(
    "g010_micard_riyou_kakunin",
    "エムアイカード",
    MICARD,
    "MICARD <info@micard.co.jp>",
    "【重要なお知らせ】エムアイカードの利用確認",
    "https://sagi-boushi.net/column/2021/06/07/%E3%82%A8%E3%83%A0%E3%82%A2%E3%82%A4%E3%82%AB%E3%83%BC%E3%83%89%E3%82%92%E3%81%8B%E3%81%9F%E3%82%8B%E3%83%A1%E3%83%BC%E3%83%AB%E3%80%88%E9%9B%BB%E5%AD%90%E7%BD%B2%E5%90%8D%E3%81%AE%E7%A2%BA%E8%AA%8D/",
    ["subject", "from", "body excerpt"],
    "micard-riyou-kakunin-2021",
    "card_limit",
    quote="このたび、ご本人様のご利用かどうかを確認させていただきたいお取引がありましたので、誠に勝手ながら、カードのご利用を一部制限させていただき、ご連絡させていただきました。",
    link_text="ご利用確認はこちら",
    notes="The From is forged at the issuer's own domain (the page shows it); no receiving server's headers are shown, so none are added. No link target given.",
)
F2(
    "g011_bitflyer_honnin_ninsho",
    "bitFlyer",
    BITFLYER,
    f"bitFlyer <{NOT_SHOWN}>",
    "【bitFlyer】本人認証サービス",
    "https://scan.netsecurity.ne.jp/article/2017/11/07/40328.html",
    ["subject"],
    "bitflyer-honnin-ninsho-2017",
    "account_lock",
    notes="The Council of Anti-Phishing Japan alert of 2017/11/06 as the page reports it: accounts to be frozen unless verified; the phishing host is masked (bitflyer.jp.login.●●●●.xyz), so no link.",
)
F2(
    "g012_ponta_shikkou",
    "Ponta",
    PONTA,
    "au【Ponta】 <louis.stanley@oopg.com>",
    "【重要なお知らせ】Pontaポイントは、2024年10月22日を持ちまして失効となります。",
    "https://expose-spam-emails.com/%e3%80%90ai%e3%81%a7%e8%a7%a3%e6%9e%90%e3%80%91%e3%80%8c%e3%80%90%e9%87%8d%e8%a6%81%e3%81%aa%e3%81%8a%e7%9f%a5%e3%82%89%e3%81%9b%e3%80%91ponta%e3%83%9d%e3%82%a4%e3%83%b3%e3%83%88%e3%81%af%e3%80%812024",
    ["subject", "from"],
    "ponta-shikkou-2024",
    "points",
)
F2(
    "g013_tepco_ep_2023",
    "東京電力",
    TEPCO,
    f"東京電力エナジーパートナー <{NOT_SHOWN}>",
    "東京電力エナジーパートナー【3月●●日重要/なお知らせ",
    "https://s.netsecurity.ne.jp/article/2023/03/30/49134.html?pickup_list_click3=true",
    ["subject"],
    "tepco-ep-2023-03",
    "utility",
    notes="Subject as the page gives it, the day masked (●●) and the bracket unclosed. The Council of Anti-Phishing Japan alert of 2023/03/28: pay at once or supply stops; payment only by a prepaid code (Vプリカ).",
)
F2(
    "g014_epos_meisai_no_reply74",
    "エポスカード",
    EPOS,
    "Epos Card <norepkly@no-reply74-eposcard.co.jp>",
    "【エポスカード】お客様のカードご利用明細の内容をお知らせいたします。",
    "https://kirinukilabo.online/?p=130",
    ["subject", "from address", "body excerpt"],
    "epos-meisai-no-reply74",
    "card_limit",
    quote="下記のご利用照会がございましたので、お知らせいたします。",
    link_text="カードのご利用確認のお知らせについてはこちら",
    placeholder_note=OWN_DISPLAY,
    notes="Display name: the page calls the sender 【Epos Card】; the link target is not given.",
)
