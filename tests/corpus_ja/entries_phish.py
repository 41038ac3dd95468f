# ruff: noqa: E501  (data: source URLs and quoted subjects are kept whole)
"""Japanese phishing mails rebuilt from public warning pages (see build.py for the rules).

Each entry: what the page showed (verbatim fields listed in `verbatim`), the page URL(s), the
campaign (near-duplicates share one). `NOT_SHOWN` marks a sender address the page did not show:
the display name is the page's, the address a placeholder under .invalid.
"""

from __future__ import annotations

from typing import Any

NOT_SHOWN = "not-shown@sender.invalid"
PHISH: list[dict[str, Any]] = []


def P(
    id: str,
    brand: str,
    official: list[str],
    frm: str,
    subject: str,
    src: str | list[str],
    verbatim: list[str],
    campaign: str,
    lure: str,
    **kw: Any,
) -> None:
    entry: dict[str, Any] = {
        "id": id,
        "brand": brand,
        "official": official,
        "from": frm,
        "subject": subject,
        "src": [src] if isinstance(src, str) else src,
        "verbatim": verbatim,
        "campaign": campaign,
        "lure": lure,
    }
    entry.update(kw)
    placeholders = ["To"] if "message_id" in kw else ["To", "Message-ID"]
    if "date" not in kw:
        placeholders.append("Date")
    if NOT_SHOWN in frm:
        placeholders.append("From address")
    if "subject" not in verbatim:
        placeholders.append("Subject (own words, page did not quote it)")
    entry["placeholders"] = placeholders
    PHISH.append(entry)


SMBCC = ["smbc-card.com", "vpass.ne.jp"]
EPOS = ["eposcard.co.jp", "0101.co.jp", "01epos.jp"]
AMEX = ["americanexpress.com", "americanexpress.co.jp"]
NTA = ["nta.go.jp"]
ETC = ["etc-meisai.jp", "smile-etc.jp", "go-etc.jp"]
YAMATO = ["kuronekoyamato.co.jp", "yamato-hd.co.jp"]
PAYPAYC = ["paypay-card.co.jp"]

# --- credit cards -----------------------------------------------------------------------------
P(
    "p001_smbccard_caeb",
    "三井住友カード",
    SMBCC,
    f"三井住友カード <{NOT_SHOWN}>",
    "【三井住友カード】ご利用確認のお願い",
    "https://39harukana.com/?p=1740",
    ["body excerpt", "urls"],
    "smbccard-fusei-riyou",
    "card_limit",
    urls=["https://smbc-caeb.com/"],
    link_text="■ご利用確認はこちら",
    quote="※本メールは「Vpass」にメールアドレスをご登録いただいた方にお送りしています。",
    signature="■発行者■\n三井住友カード株式会社",
)
P(
    "p002_smbccard_juyo",
    "三井住友カード",
    SMBCC,
    f"三井住友カード <{NOT_SHOWN}>",
    "【三井住友カード】重要なお知らせ",
    "https://library.libecity.com/articles/01KCMPRH1XZ3Y6WG05T2XAZ0TZ",
    ["body excerpt"],
    "smbccard-juyo-2025",
    "card_limit",
    quote="本メールは重要なお知らせのため、\nメール配信を「受け取らない」に設定されている方にも送信しております。",
    greeting="お客様各位",
    signature="三井住友カード株式会社",
)
P(
    "p003_smbccard_riyounaiyou",
    "三井住友カード",
    SMBCC,
    f"三井住友カード <{NOT_SHOWN}>",
    "【三井住友カード】カードご利用内容のお知らせ",
    "https://mimir-media.net/?p=112",
    ["body excerpt"],
    "smbccard-riyou-tsuchi",
    "order",
    date="Thu, 13 Jun 2024 04:32:00 +0900",
    quote="ご利用日時:2024/06/12 23:36\n国内加盟店ショッピング 41,902円",
    link_text="ご利用明細のご確認 >",
    signature="三井住友カード",
)
P(
    "p004_paypaycard_bizona",
    "PayPayカード",
    PAYPAYC,
    "【PayPayカード株式会社】 <PayPay.Olwyn-psfzfeo@bizona.com>",
    "<重要>PayPayカードご利用制限のお知らせ:QJ-4207835005",
    "https://cogefra.work/phishing",
    ["subject", "from", "body excerpt"],
    "paypaycard-seigen-2025",
    "card_limit",
    date="Sat, 02 Aug 2025 18:10:00 +0900",
    quote="■□■PayPayカードからのお知らせ■□■\n利用日時 2025/08/02 17時04分\n利用先 Visa加盟店\n利用金額 65,982円",
    signature="PayPayカード株式会社",
    html=True,
)
P(
    "p005_epos_shiharai_teishi",
    "エポスカード",
    EPOS,
    "エポスカード <support@uer354.com>",
    "「エポスNet」お支払いが停止されました。",
    "https://expose-spam-emails.com/?p=90",
    ["subject", "from", "body excerpt"],
    "epos-net-seigen",
    "card_limit",
    quote="ご利用を一部制限させていただき、。",
    greeting="ご本人様",
    signature="エポスカード",
)
P(
    "p006_epos_ichibu_seigen",
    "エポスカード",
    EPOS,
    "エポスカード <epos-net@hotmail.com>",
    "「エポスNet」ご利用を一部制限させていただき、ご連絡させていただきました。",
    "https://chappie001.com/?p=511",
    ["subject", "from domain"],
    "epos-net-seigen",
    "card_limit",
    notes="The page shows only the domain @hotmail.com; the local part is a placeholder.",
    signature="エポスカード",
)
P(
    "p007_epos_riyou_kakunin",
    "エポスカード",
    EPOS,
    f"EPOS <{NOT_SHOWN}>",
    "【重要なお知らせ】エポスカードご利用 確認のお願い",
    "https://sumahosupportline.com/scam-email-epos-card/",
    ["subject", "from display name"],
    "epos-kaigai-torihiki",
    "card_limit",
    notes="Page: mail says an overseas transaction led to a restriction, with a link to confirm it (URL not shown).",
    signature="エポスカード",
)
P(
    "p008_epos_seigen_oshira",
    "エポスカード",
    EPOS,
    f"エポスカード <{NOT_SHOWN}>",
    "当社サイトご利用制限のお知ら。",
    "https://geinoumaru.xyz/?p=15155",
    ["subject"],
    "epos-site-seigen",
    "account_lock",
    signature="エポスカード",
)
P(
    "p009_amex_kakokishoji",
    "アメリカン・エキスプレス",
    AMEX,
    "AMERICAN EXPRESS <lddyumkmn@kakokishoji.co.jp>",
    "[AMERICAN EXPRESS] 請求金額確定のご案内お客様のアカウントに関する重要なお知らせ",
    "https://funshitsu.com/amex-billing-confirmation-spam-kakokishoji",
    ["subject", "from address", "body excerpt"],
    "amex-seikyu-kakutei",
    "billing",
    html=True,
    link_text="「オンライン・サービス」へログイン",
    quote="【AMERICAN EXPRESS】ご請求金額確定のご案内",
    signature="【配信元】\nアメリカン・エキスプレス・インターナショナル,Inc.\n"
    "Copyright (c) 2025 American Express International, Inc. All Rights Reserved.",
    notes="Subject as shown minus a garbled encoded word; display name is our placeholder (page showed address only).",
)

# --- tax / government ---------------------------------------------------------------------------
P(
    "p010_nta_creema",
    "国税庁",
    NTA,
    f"e-Tax <{NOT_SHOWN}>",
    "e-Tax税務署からの【未払い税金のお知らせ】",
    "https://iroiroknowledge.com/652.html",
    ["subject", "urls"],
    "nta-mibarai-zeikin",
    "tax",
    urls=["https://chpgkjgbleilroowfqiaajmlw.com"],
    link_text="お支払いへ⇒",
    notes="Page shows only the sender domain '@creema.jpm' (not used as address: local part unknown).",
    signature="国税庁",
)
P(
    "p011_nta_smbctb",
    "国税庁",
    NTA,
    "e-Tax税務署 <info@faq.smbctb.co.jp>",
    "e-Tax税務署からの【未払い税金のお知らせ】",
    "https://torezufan.com/archives/55873",
    ["subject", "from domain"],
    "nta-mibarai-zeikin",
    "tax",
    greeting="あなた",
    notes="Page shows only the domain @faq.smbctb.co.jp; local part is a placeholder.",
    signature="国税庁",
)
P(
    "p012_nta_folksworks",
    "国税庁",
    NTA,
    f"税務署 <{NOT_SHOWN}>",
    "税務署からの【未払い税金のお知らせ】",
    "https://folksworks.com/b.folksworks.com/wp/other/post-6092",
    ["subject"],
    "nta-mibarai-zeikin",
    "tax",
    notes="Link displayed https://www.nta.go.jp but pointed elsewhere (target not reported): displayed text only.",
    body_urls=["https://www.nta.go.jp"],
    signature="国税庁",
)
P(
    "p013_nta_kanpu",
    "国税庁",
    NTA,
    f"e-Tax <{NOT_SHOWN}>",
    "国税還付金の電子発行を開始しました。",
    "https://dx.kusayan.com/archives/3912",
    ["subject (first line)", "body excerpt"],
    "nta-kanpu-account",
    "refund",
    date="Tue, 30 Jan 2024 21:25:00 +0900",
    quote="E-Tax の個人納税アカウントを持つことを全員に義務付けています",
    notes="Link was masked on the page (www.e-tax.nta.go.jp.******.cn): omitted.",
    signature="発行元:国税庁\nCopyright (C) NATIONAL TAX AGENCY ALL Rights Reserved.",
)
P(
    "p014_nta_saishu",
    "国税庁",
    NTA,
    f"e-Tax <{NOT_SHOWN}>",
    "【最終通知】所得税の未納について",
    "https://hosokawa-zei.jp/?p=2434",
    ["body excerpt"],
    "nta-saishu-tsuchi",
    "tax",
    quote="e-Taxをご利用いただきありがとうございます。",
    signature="発行元:国税庁 Copyright (C) NATIONAL TAX AGENCY ALL Rights Reserved.",
)

# --- ETC ----------------------------------------------------------------------------------------
P(
    "p015_etc_keizoku",
    "ETC利用照会サービス",
    ETC,
    f"ETC利用照会サービス事務局 <{NOT_SHOWN}>",
    "【重要】ETC利用照会サービス ご利用継続のお願い",
    "https://web-lib.jp/0570565511_etc",
    ["subject", "from display name", "body excerpt"],
    "etc-kaiyaku-150",
    "etc",
    quote="最終ログインから120日が経過しています",
    link_text="ETC利用照会サービス 公式サイトはこちら",
    signature="ETC利用照会サービス事務局\n0570-565-511",
)
P(
    "p016_etc_kaiyaku_yokoku",
    "ETC利用照会サービス",
    ETC,
    f"ETC利用照会サービス事務局 <{NOT_SHOWN}>",
    "解約予告のお知らせ",
    "https://neta7.com/?p=16933",
    ["subject", "from display name"],
    "etc-kaiyaku-150",
    "etc",
    signature="ETC利用照会サービス事務局",
)
P(
    "p017_etc_oshirase",
    "ETC利用照会サービス",
    ETC,
    f"ETC利用照会サービス <{NOT_SHOWN}>",
    "ETC利用照会サービスのお知らせ",
    "https://tsukalife.com/etc-card",
    ["subject"],
    "etc-oshirase",
    "etc",
    notes="Page shows the sender only as 'Mail@noreply'.",
    signature="ETC利用照会サービス",
)

# --- delivery -----------------------------------------------------------------------------------
P(
    "p018_yamato_haiso_shippai",
    "ヤマト運輸",
    YAMATO,
    f"ヤマト運輸 <{NOT_SHOWN}>",
    "【重要】荷物の配送に失敗しました",
    "https://www.misanblog.com/yamato-spam-email/",
    ["subject", "link text"],
    "yamato-haiso-shippai",
    "delivery",
    link_text="荷物の配送状況を確認するーヤマト運輸",
    signature="ヤマト運輸",
)
P(
    "p019_yamato_haitatsu_dekinakatta",
    "ヤマト運輸",
    YAMATO,
    f"ヤマト運輸株式会社 <{NOT_SHOWN}>",
    "荷物が配達できなかったお知らせ【ヤマト運輸株式会社】",
    "https://consulnews.jp/312",
    ["subject"],
    "yamato-jusho-ayamari-2024",
    "delivery",
    signature="ヤマト運輸株式会社",
)
P(
    "p020_yamato_jusho",
    "ヤマト運輸",
    YAMATO,
    f"ヤマト運輸 <{NOT_SHOWN}>",
    "住所が間違っています",
    "https://you-hall.jp/?p=1045",
    ["subject", "body excerpt"],
    "yamato-jusho-ayamari-2024",
    "delivery",
    quote="送り状番号 5491-81818-7203",
    signature="ヤマト運輸",
)

AMAZON = ["amazon.co.jp", "amazon.com", "amazon.jp"]
RAKUTEN = ["rakuten.co.jp", "rakuten.com"]
JCB = ["jcb.co.jp", "jcb.jp"]
MUFG = ["bk.mufg.jp", "mufg.jp"]

# --- e-commerce ---------------------------------------------------------------------------------
for n, addr in enumerate(
    [
        "amzonjp517@pavipal-reminderaccountstatus.com",
        "amzonco-jp530@martoiaa.com",
        "amzonco-jp518@martoiaa.com",
        "amzoncojp525@martoiaa.com",
    ],
    start=21,
):
    P(
        f"p{n:03d}_amazon_shiharai_teishi_{addr.split('@')[1].split('.')[0]}",
        "Amazon",
        AMAZON,
        f"Amazon.co.jp Suport <{addr}>",
        "お支払いが停止されました。",
        "https://kigyo-daise-kou.com/spam-amazon/",
        ["subject", "from"],
        "amazon-shiharai-teishi",
        "payment_fail",
        link_text="支払い方法を更新する",
        html=True,
        signature="Amazon.co.jp",
    )
P(
    "p025_amazon_zannen",
    "Amazon",
    AMAZON,
    f"Amazon <{NOT_SHOWN}>",
    "とても残念です! Amazonアカウントに異常があります。",
    "https://tentakak.blogspot.com/2021/06/amazon.html",
    ["subject", "link text"],
    "amazon-zannen",
    "account_lock",
    link_text="所有者の証明",
    signature="Amazon",
)
P(
    "p026_amazon_prime",
    "Amazon",
    AMAZON,
    f"Amazon <{NOT_SHOWN}>",
    "【Amazon】プライムの使用が一時的にできません",
    "https://spambuster.jp/?p=2739",
    ["subject", "from display name", "date", "body excerpt"],
    "amazon-prime-teishi",
    "payment_fail",
    date="Thu, 30 Oct 2025 06:57:00 +0900",
    quote="お支払い方法の更新のお願い - Amazonプライム",
    link_text="お支払い方法を更新する",
    html=True,
    signature="Amazon.co.jp",
)
P(
    "p027_amazon_riyou_seigen",
    "Amazon",
    AMAZON,
    f"Amazon.co.jp <{NOT_SHOWN}>",
    "Amazonアカウントを利用制限しています。",
    "https://www.periens.com/entry/2019/08/27/223151",
    ["subject", "body excerpt", "link text"],
    "amazon-prime-card-2019",
    "payment_fail",
    date="Tue, 27 Aug 2019 20:00:00 +0900",
    quote="お客様のAmazonプライム会員資格は、2019/08/10に更新を迎えます。",
    link_text="支払方法の情報を更新する",
    signature="Amazon.co.jpカスタマーサービス",
)
P(
    "p028_rakuten_cookiespost",
    "楽天",
    RAKUTEN,
    f"楽天 <{NOT_SHOWN}>",
    "【楽天】カードご利用の確認",
    "https://pcwalk.kss-j.com/?p=157",
    ["link host"],
    "rakuten-cookiespost",
    "order",
    urls=["http://rakuten.co.jp-cookiespost.jscss.info/"],
    link_text="楽天ログイン",
    html=True,
    notes="Page shows the link host only (rakuten.co.jp-cookiespost.jscss.info...); path truncated.",
    signature="楽天株式会社",
)

# --- JCB ----------------------------------------------------------------------------------------
P(
    "p029_jcb_gilt",
    "JCB",
    JCB,
    "JCB <info@gilt.jp>",
    "◆重要:サービス利用料金の引き落とし日",
    "https://iroiroknowledge.com/708.html",
    ["subject", "from domain", "urls", "link text"],
    "jcb-hikiotoshi",
    "order",
    urls=["https://wejcbsdg.cyou/"],
    link_text="こちらでキャンセル",
    notes="Page shows only the domain @gilt.jp; local part is a placeholder.",
    signature="JCB",
)
P(
    "p030_jcb_seigen",
    "JCB",
    JCB,
    "JCBカード <info@wtit838ho2.com>",
    "JCBカードが制限されている旨のお知らせ",
    "https://iroiroknowledge.com/446.html",
    ["from domain", "body excerpt"],
    "jcb-seigen-haikei",
    "card_limit",
    greeting="拝啓",
    quote="弊社のシステムによるモニタリングの結果、セキュリティ上の懸念",
    signature="敬具\nJCB",
    notes="Subject is the page's description of the mail; local part of the address is a placeholder.",
)
P(
    "p031_jcb_jintaichain",
    "JCB",
    JCB,
    f"MyJCB <{NOT_SHOWN}>",
    "MyJCB ご利用制限解除のお願い",
    "https://tks48.hateblo.jp/entry/2020/03/22/210926",
    ["body excerpt", "link text"],
    "jcb-jintaichain",
    "card_limit",
    quote="変更をご WEBサービスよりお申込みください。",
    link_text="MyJCBログインはこちら",
    signature="MyJCB",
    notes="Link host described only as 'Jintaichain…': omitted.",
)

# --- banks --------------------------------------------------------------------------------------
P(
    "p032_mufg_torihiki_mokuteki",
    "三菱UFJ銀行",
    MUFG,
    f"三菱UFJ銀行 <{NOT_SHOWN}>",
    "【三菱UFJ銀行】【重要】お取引目的等のご確認のお願い no:9313041546160111312154",
    "https://add.sunflow-oods.com/2024/06/mufgbank",
    ["subject"],
    "mufg-torihiki-mokuteki",
    "info_update",
    signature="株式会社三菱UFJ銀行",
)
P(
    "p033_mufg_kjnorth",
    "三菱UFJ銀行",
    MUFG,
    "三菱UFJ銀行 <mail_info_m1ax_MUFG_028111@kj-north.jp>",
    "(三菱UFJ銀行)お取引目的等のご確認のお願い",
    "https://belleginza.jp/?p=4155",
    ["subject", "from", "link text"],
    "mufg-torihiki-mokuteki",
    "info_update",
    link_text="▼ご取引目的確認",
    signature="株式会社三菱UFJ銀行",
)
P(
    "p034_mufg_account_seigen",
    "三菱UFJ銀行",
    MUFG,
    f"三菱UFJ銀行 <{NOT_SHOWN}>",
    "アカウント制限のお知らせ",
    "https://takada-kyoku.jp/301.html",
    ["subject (first line)", "body excerpt", "link text"],
    "mufg-account-seigen",
    "login_alert",
    quote="・ログイン日時: 2024/12/05\n・IPアドレス: 216.123.125.257",
    link_text="本人確認を行う",
    signature="株式会社三菱UFJ銀行",
)

YUCHO = ["jp-bank.japanpost.jp"]
JRE = ["jreast.co.jp", "eki-net.com"]
AEONC = ["aeon.co.jp", "aeonfinancial.co.jp"]
KDDI = ["au.com", "kddi.com"]

P(
    "p035_yucho_touketsu",
    "ゆうちょ銀行",
    YUCHO,
    f"ゆうちょ銀行 <{NOT_SHOWN}>",
    "【ゆうちょ銀行】【重要】お客様の口座が凍結されました_",
    "https://carbestone.com/mailsagiyucho-5282",
    ["subject"],
    "yucho-touketsu",
    "account_lock",
    signature="株式会社ゆうちょ銀行",
)
P(
    "p036_yucho_touroku_henkou",
    "ゆうちょ銀行",
    YUCHO,
    "ゆうちょ銀行システム <info@jp-bank.japanpost.jp>",
    "登録変更完了のお知らせ",
    "https://eziromem.hatenablog.com/entry/20160509/1462766200",
    ["subject", "from address", "from display name"],
    "yucho-touroku-henkou-2016",
    "login_alert",
    date="Mon, 09 May 2016 10:00:00 +0900",
    signature="ゆうちょ銀行",
    notes="Forged From at the bank's own domain (the bank's real notice address is information@...).",
)
P(
    "p037_yucho_card_seigen",
    "ゆうちょ銀行",
    YUCHO,
    "株式会社ゆうちょ銀行 <info@jp-bank.japanpost.jp>",
    "【ゆうちょ銀行】カードご利用確認のお願い",
    "https://sagi-boushi.net/column/2022/11/08/%E3%82%86%E3%81%86%E3%81%A1%E3%82%87%E9%8A%80%E8%A1%8C%E3%80%8A%E3%82%AB%E3%83%BC%E3%83%89%E5%88%A9%E7%94%A8%E5%88%B6%E9%99%90%E3%80%8B%E3%83%A1%E3%83%BC%E3%83%AB%E3%81%AB%E6%B3%A8%E6%84%8F/",
    ["from display name", "from address"],
    "yucho-card-seigen-2022",
    "card_limit",
    signature="株式会社ゆうちょ銀行",
)
P(
    "p038_yucho_kakutei",
    "ゆうちょ銀行",
    YUCHO,
    f"ゆうちょ銀行 <{NOT_SHOWN}>",
    "【ゆうちょ銀行】お支払い金額確定のご案内",
    "https://singlekurashi.com/?p=8510",
    ["subject", "body excerpt"],
    "yucho-kakutei",
    "card_limit",
    link_text="ご利用確認はこちら",
    html=True,
    signature="■発行者■\n株式会社ゆうちょ銀行\nCopyright (C) JAPAN POST BANK Card Co., Ltd.",
)

for n, (addr, subj) in enumerate(
    [
        ("member@babehlala.com", "えきねっとアカウントの自動退会処理について"),
        ("member@mail.yahoo.co.jp", "【緊急の連絡 】お客様のお支払い方法が承認されません。"),
        ("member@server-1070785-1.localdomain", "【重要】会員情報変更および退会に関するお知らせメ-ル"),
        ("member@x162-43-9-77.localdomain", "えきねっとアカウントの自動退会処理について"),
    ],
    start=39,
):
    P(
        f"p{n:03d}_ekinet_taikai_{n}",
        "えきねっと(JR東日本)",
        JRE,
        f"えきねっと <{addr}>",
        subj,
        "https://vivre-belle-heureux.com/eki-net-automatic-unsubscription",
        ["subject", "from domain"],
        "ekinet-jidou-taikai",
        "account_lock",
        signature="えきねっと(JR東日本)",
        notes="Page lists the sender domains only; the local part is a placeholder.",
    )
for n, subj in enumerate(
    [
        "【重要】えきねっとアカウントの自動退会処理について",
        "【えきねっと】アカウントの自動退会処理について",
        "アカウントの自動退会処理について【えきねっと】",
    ],
    start=43,
):
    P(
        f"p{n:03d}_ekinet_gori_{n}",
        "えきねっと(JR東日本)",
        JRE,
        f"えきねっと <{NOT_SHOWN}>",
        subj,
        "https://gori3353.club/2022/05/26/ekinet-spam/",
        ["subject"],
        "ekinet-jidou-taikai",
        "account_lock",
        date="Thu, 26 May 2022 08:00:00 +0900",
        signature="えきねっと(JR東日本)",
    )
P(
    "p046_ekinet_ekl_net",
    "えきねっと(JR東日本)",
    JRE,
    "JR東日本 <server@ekl-net.co.jp>",
    "【重要】えきねっとアカウントの自動退会処理について",
    "https://komimini.jp/lifestyle/fishing_mail2/",
    ["subject", "from", "body excerpt"],
    "ekinet-jidou-taikai",
    "account_lock",
    quote="「えきねっと」は 2023年11月15日にサービスをリニューアルいたしました。",
    signature="えきねっと(JR東日本)",
    notes="Gmail showed 'via rt3c.icu'; no header text given, so no Received/Sender header added.",
)
P(
    "p047_ekinet_bone",
    "えきねっと(JR東日本)",
    JRE,
    f"eki-net <{NOT_SHOWN}>",
    "【重要】えきねっとアカウントの自動退会処理について",
    "https://bone.tokyo/ekinet-scam-mail",
    ["subject", "from display name"],
    "ekinet-jidou-taikai",
    "account_lock",
    signature="JR東日本",
)
P(
    "p048_ekinet_ashitakirei",
    "えきねっと(JR東日本)",
    JRE,
    f"えきねっと <{NOT_SHOWN}>",
    "「えきねっと」アカウントの自動退会処理について",
    "https://www.ashitakirei.xyz/entry/2022/05/30/124517",
    ["body excerpt"],
    "ekinet-jidou-taikai",
    "account_lock",
    date="Mon, 30 May 2022 09:00:00 +0900",
    quote="「えきねっと」は 2022 年 5 月 30 日にサービスをリニューアルいたしました。",
    signature="えきねっと",
)

for n, dom in enumerate(["newss0.wi54a.jp", "newss0.hunmen.jp", "newss0.geri53.jp", "newss0.xnrrju5.jp"], start=49):
    P(
        f"p{n:03d}_aeon_meisai_{dom.split('.')[1]}",
        "イオンカード",
        AEONC,
        f"イオンカード <info@{dom}>",
        "【イオンカード】お客様のカードご利用明細の内容をお知らせいたします",
        "https://icosatox.hatenablog.com/entry/2024/03/26/055623",
        ["subject", "from domain"],
        "aeon-riyou-meisai",
        "card_limit",
        date="Tue, 26 Mar 2024 05:00:00 +0900",
        signature="イオンカード",
        notes="Page lists sender domains only; local part is a placeholder.",
    )
P(
    "p053_aeon_meisai_sunflow",
    "イオンカード",
    AEONC,
    f"イオンカード <{NOT_SHOWN}>",
    "【イオンカード】お客様のカードご利用明細の内容をお知らせいたします",
    "https://add.sunflow-oods.com/2024/06/aeoncard-mail",
    ["subject"],
    "aeon-riyou-meisai",
    "card_limit",
    signature="イオンカード",
)
P(
    "p054_aeon_kessai_kanryou",
    "イオンカード",
    AEONC,
    "自動メール通知 <infoemaile143@o2hau.com>",
    "【イオンカード】決済完了のお知らせ",
    "https://papamamaouen-yudetamago.com/?p=5668",
    ["subject", "from", "body excerpt"],
    "aeon-kessai-kanryou",
    "order",
    date="Wed, 15 May 2024 10:00:00 +0900",
    quote="イオンカードクラシック※会員",
    signature="発行者:株式会社イオン銀行",
)
P(
    "p055_aeon_fushin_torihiki",
    "イオンカード",
    AEONC,
    "イオンカード <info@giwrweq.cn>",
    "イオンカードに不審な取引が検出されたため",
    "https://neo-koikoro.com/707",
    ["subject", "from domain"],
    "aeon-fushin-torihiki",
    "card_limit",
    signature="イオンカード",
    notes="Local part of the sender is a placeholder (page shows @giwrweq.cn).",
)

P(
    "p056_au_ezweb_sainintei",
    "au(KDDI)",
    KDDI,
    "au <noreply@au.com>",
    "EZwebのメールアカウントを再認証してください",
    "https://error-daizenn.hatenablog.com/entry/2025/11/01/022007",
    ["subject", "from address"],
    "au-ezweb-sainintei",
    "mailbox",
    date="Sat, 01 Nov 2025 01:00:00 +0900",
    signature="KDDI株式会社",
    notes="Forged From at the brand's own domain.",
)
P(
    "p057_au_id_lock",
    "au(KDDI)",
    KDDI,
    f"au IDサポート <{NOT_SHOWN}>",
    "RE: アラート : サービス解約というメールです – あなたのIDはロックされています。 【ID: 5210937712】",
    "https://sagi-boushi.net/column/2021/06/30/au%E3%83%BBkddi%E3%82%92%E8%A3%85%E3%81%A3%E3%81%9F%E8%A9%90%E6%AC%BA%E3%83%A1%E3%83%BC%E3%83%AB%E3%83%BBsms%E3%81%AE%E7%89%B9%E5%BE%B4/",
    ["subject", "from display name"],
    "au-id-lock-2021",
    "account_lock",
    signature="au IDサポート",
)
P(
    "p058_kddi_riyou_teishi",
    "au(KDDI)",
    KDDI,
    f"KDDI <{NOT_SHOWN}>",
    "【KDDI重要なお知らせ】サービスは利用停止される場合がございますので必ずご確認下さい。",
    "https://sumatoko-life.com/aukddi-meiwakumail/",
    ["subject"],
    "kddi-denki-mibarai",
    "utility",
    quote="未払金は20000円",
    signature="KDDI",
)
P(
    "p059_au_idadmin",
    "au(KDDI)",
    KDDI,
    "au <confirm@idadmin.co.jp>",
    "【au ID】アカウント利用制限のお知らせ",
    "https://services.awaisora.com/2026/01/03/84c6b9fd-94b3-48e6-8742-8f92728f8b9e",
    ["from address"],
    "au-idadmin",
    "account_lock",
    signature="au",
)
P(
    "p060_aupay_sabisu",
    "au(KDDI)",
    KDDI,
    f"au PAY <{NOT_SHOWN}>",
    "【au ID】ごサービス通知",
    "https://fraudnavi.com/2021/11/16/%e3%80%90au-id%e3%80%91%e3%81%94%e3%82%b5%e3%83%bc%e3%83%93%e3%82%b9%e9%80%9a%e7%9f%a5%e3%80%80%e3%83%95%e3%82%a3%e3%83%83%e3%82%b7%e3%83%b3%e3%82%b0%e8%a9%90%e6%ac%ba%e3%83%a1%e3%83%bc%e3%83%ab",
    ["subject"],
    "aupay-sabisu-tsuchi",
    "account_lock",
    signature="au PAY",
)

DOCOMO = ["docomo.ne.jp", "nttdocomo.co.jp"]
SOFTBANK = ["softbank.jp", "softbank.ne.jp", "softbank.co.jp"]
TEPCO = ["tepco.co.jp"]
SBISEC = ["sbisec.co.jp"]

for n, subj in enumerate(["NTTカード重要なお知らせ", "NTTdocomo重要なお知らせ"], start=61):
    P(
        f"p{n:03d}_docomo_nttcard_{n}",
        "NTTドコモ",
        DOCOMO,
        f"NTTドコモ <{NOT_SHOWN}>",
        subj,
        "https://www.docomo.ne.jp/info/spam_mail/column/20170509/",
        ["subject", "body excerpt"],
        "docomo-nttcard",
        "card_limit",
        quote="ご本人の利用かどうかを確認させていただきたいお引取がありましたので",
        signature="NTTドコモ",
    )
P(
    "p063_docomo_daccount_seigen",
    "NTTドコモ",
    DOCOMO,
    f"ドコモ <{NOT_SHOWN}>",
    "dアカウントの一時的な利用停止について",
    "https://nlab.itmedia.co.jp/cont/articles/3323222/amp",
    ["body (described)"],
    "docomo-daccount-seigen",
    "account_lock",
    signature="株式会社NTTドコモ",
    notes="HTML mail whose displayed URL was docomo's own; the real target was not reported, so no link is included.",
)

P(
    "p064_softbank_packet_appleid",
    "ソフトバンク",
    SOFTBANK,
    "SoftBank <e-Tax@id.apple.com>",
    "パケット通信料に関するお知らせ",
    [
        "https://kshop.work/contents/column/?p=49789",
        "https://neta7.com/18029.html",
        "https://sbapp.net/appnews/iphone/security/pakettotsuushinnryou-147168",
    ],
    ["from", "subject", "body excerpt"],
    "softbank-packet-40000",
    "carrier",
    date="Sat, 12 Aug 2023 10:00:00 +0900",
    quote="<ソフトバンクより>\n現在ご利用中のパケット通信料が、40,000円を超えましたのでお知らせします。",
    signature="ソフトバンク",
    notes="Links were masked on the pages (c.mb.softbank.jp/r?●●●): omitted.",
)
P(
    "p065_softbank_denwa_ryoukin",
    "ソフトバンク",
    SOFTBANK,
    f"ソフトバンク <{NOT_SHOWN}>",
    "ソフトバンクより電話料金の支払いに関するお知らせ",
    "https://neta7.com/?p=16581",
    ["subject"],
    "softbank-ryoukin-shiharai",
    "carrier",
    signature="ソフトバンク株式会社",
)
P(
    "p066_softbank_keitai_ryoukin",
    "ソフトバンク",
    SOFTBANK,
    f"ソフトバンク <{NOT_SHOWN}>",
    "ソフトバンクより携帯電話料金の支払いに関するお知らせ",
    "https://www.apple-life.net/entry/softbank-login-pass/",
    ["subject", "link text", "signature"],
    "softbank-ryoukin-shiharai",
    "carrier",
    link_text="ログインする",
    signature="※配信元情報\nソフトバンク(株)\n東京都港区海岸1-7-1",
)
P(
    "p067_softbank_mibarai",
    "ソフトバンク",
    SOFTBANK,
    f"ソフトバンク株式会社 <{NOT_SHOWN}>",
    "【重要なお知らせ】 My SoftBank未払い料金お支払いのお願い",
    "https://singlekurashi.com/?p=10647",
    ["subject", "link text", "signature"],
    "softbank-mysoftbank-reset",
    "carrier",
    link_text="■ My SoftBank設定ページ",
    signature="■発行者■\nソフトバンク株式会社\n© SoftBank Corp. All Rights Reserved.",
)
P(
    "p068_softbank_point",
    "ソフトバンク",
    SOFTBANK,
    "SoftBank <info@uhrmann-utilitas.com>",
    "SoftBankご利用のお客様へ ",
    "https://iroiroknowledge.com/914.html",
    ["subject", "from domain", "body excerpt"],
    "softbank-point-1000",
    "points",
    quote="ポイントポイント有効期限",
    signature="SoftBank",
    notes="Local part of the sender is a placeholder (page shows @uhrmann-utilitas.com).",
)

for n, (subj, src) in enumerate(
    [
        ("未払い料金のご案内【お支払い方法未承認の電気料金】", "https://sumaoji.com/?p=17436"),
        ("お支払い確認のお知らせ【未払い電気料金の支払い方法】****", "https://sumaoji.com/857-42-16982"),
        ("電気料金未払いのお知らせ【お支払い方法の承認がされません】****", "https://sumaoji.com/857-42-16982"),
        ("未払いの電気料金について【お支払い方法が確認できません****", "https://sumaoji.com/?p=17371"),
        ("電気料金の未払いについて【お支払い方法が承認されていません】", "https://sumaoji.com/857-86-17444"),
        ("お支払いに関する重要なお知らせ【未払いの電気料金について】", "https://sumaoji.com/857-86-17444"),
        ("お客様への重要な通知【未払い電気料金のお支払い方法】", "https://sumaoji.com/857-77-17354"),
    ],
    start=69,
):
    P(
        f"p{n:03d}_tepco_mibarai_{n}",
        "東京電力エナジーパートナー",
        TEPCO,
        f"東京電力エナジーパートナー <{NOT_SHOWN}>",
        subj,
        src,
        ["subject"],
        "tepco-mibarai-2025",
        "utility",
        date="Thu, 16 Oct 2025 12:00:00 +0900",
        signature="東京電力エナジーパートナー株式会社",
    )

P(
    "p076_sbisec_riyou_jouken",
    "SBI証券",
    SBISEC,
    f"SBI証券 <{NOT_SHOWN}>",
    "【重要】オンラインサービスご利用条件の変更について(要確認)",
    "https://pinkmarch.net/sbi-phishing-email",
    ["subject", "urls", "link text"],
    "sbisec-riyou-jouken",
    "securities",
    urls=["https://sec-sbi05.com"],
    link_text="▼ご確認はこちら:",
    signature="株式会社SBI証券",
)
P(
    "p077_sbisec_device",
    "SBI証券",
    SBISEC,
    "SBI証券 <fgovbtdah@sbisec37.spinetennessee.com>",
    "【SBI証券】デバイス認証手順変更のお知らせ",
    "https://www.meiwakumail-archive.jp/2025/08/18/1350",
    ["from", "urls", "link text", "date"],
    "sbisec-device-ninsho",
    "securities",
    urls=["https://betting-88.com/visitor"],
    link_text="ログインして情報を確認する",
    date="Mon, 18 Aug 2025 02:53:00 +0900",
    html=True,
    signature="株式会社SBI証券",
)
P(
    "p078_sbisec_security",
    "SBI証券",
    SBISEC,
    "SBI証券株式会社 <no-reply@drysdaledirectexpress.com>",
    "【大切なお知らせ】セキュリティ強化に伴う設定変更のお願い",
    "https://ninizyounoiroiro.com/?p=1192",
    ["from", "subject (heading)"],
    "sbisec-anzen-kijun",
    "securities",
    link_text="▼設定変更はこちら",
    signature="株式会社SBI証券",
)
P(
    "p079_sbisec_yakan_pts",
    "SBI証券",
    SBISEC,
    f"SBI証券 <{NOT_SHOWN}>",
    "夜間取引頻繁に伴う確認のお願い — SBI証券",
    "https://ao-bleu8833.com/?p=200",
    ["subject", "body excerpt"],
    "sbisec-yakan-pts",
    "securities",
    quote="※本リンクは暗号化済みです。",
    signature="株式会社SBI証券",
)
P(
    "p080_sbisec_homecare",
    "SBI証券",
    SBISEC,
    "SBI証券 <no-reply@homecarebyrvna.com>",
    "【SBI証券】重要なお知らせ",
    "https://otoku.awaisora.com/10a054cb-c4dd-4644-ad04-4491dd2ae316",
    ["from"],
    "sbisec-homecare",
    "securities",
    signature="株式会社SBI証券",
)

XSERVER = ["xserver.ne.jp", "xserver.co.jp"]
SAKURA = ["sakura.ad.jp"]

P(
    "p081_xserver_tebanasu",
    "エックスサーバー",
    XSERVER,
    "Xserver <info@example.jp>",
    "【確認】example.jp をこのまま手放してもよろしいですか?",
    "https://www.shinjoho.com/phishing/xserver%e3%81%8b%e3%82%89%e3%81%ae-%e3%80%90%e7%a2%ba%e8%aa%8d%e3%80%91%ef%bc%9c%e3%83%89%e3%83%a1%e3%82%a4%e3%83%b3%e5%90%8d%ef%bc%9e-%e3%82%92%e3%81%93%e3%81%ae%e3%81%be%e3%81%be%e6%89%8b%e6%94%be",
    ["subject (domain placeholder)", "link text", "signature"],
    "xserver-tebanasu-2025",
    "domain",
    date="Fri, 12 Dec 2025 09:00:00 +0900",
    link_text="▼ 削除処理を停止し、ドメインを保護する",
    quote="Xserver インフォメーションセンターです。",
    signature="Xserver Inc.",
    notes="Page: From forged as an address at the recipient's own domain (placeholder example.jp), sent via Google.",
)
P(
    "p082_xserver_support_site",
    "エックスサーバー",
    XSERVER,
    "Xserver Inc. <support@xserver.site>",
    "XSERVER請求書のお支払いについて",
    "https://www.xserver.ne.jp/information_detail.php?view_id=6612",
    ["from", "body excerpt"],
    "xserver-seikyusho-2021",
    "payment_fail",
    date="Sat, 16 Jan 2021 09:00:00 +0900",
    greeting="お客様各位、",
    quote="現時点では、最新のXSERVER請求書の支払いを処理できませんでした。",
    signature="敬具、\nXSERVERIncチーム",
    notes="The displayed URL was xserver.ne.jp's own login page while the link pointed to a fake site (not given).",
)
P(
    "p083_xserver_mailbox_upgrade",
    "エックスサーバー",
    XSERVER,
    f"エックスサーバー <{NOT_SHOWN}>",
    "【エックスサーバー】メールボックス容量上限のお知らせ",
    "https://hp-clef.com/?p=20978",
    ["link text", "urls (landing host)", "signature"],
    "xserver-mailbox-upgrade",
    "mailbox",
    urls=["https://xserver-jp-webmail.nina-roy.com/"],
    link_text="メールボックスをアップグレードする",
    html=True,
    greeting="お客様各位",
    signature="エックスサーバー株式会社\nサポートセンター\nhttps://www.xserver.ne.jp/",
    notes="The page shows the fake webmail host reached after redirects; the path is truncated there.",
)
P(
    "p084_xserver_domain_kigen",
    "エックスサーバー",
    XSERVER,
    "@Xserver <support@xserver.ne.jp>",
    "example.jp:ドメイン名の有効期限が切れています",
    "https://hashibasena.net/phishing-mail",
    ["from address", "subject (domain placeholder)"],
    "xserver-domain-kigen",
    "domain",
    signature="エックスサーバー",
    notes="Forged From at the brand's own domain.",
)
for n, subj in enumerate(
    ["サービスが停止されました", "サーバーアカウント凍結予定", "不審なログイン試行をブロックしました"], start=85
):
    P(
        f"p{n:03d}_xserver_affilabo_{n}",
        "エックスサーバー",
        XSERVER,
        f"エックスサーバー <{NOT_SHOWN}>",
        subj,
        "https://affilabo.com/wordpress/99091",
        ["subject"],
        "xserver-affilabo-list",
        "account_lock",
        signature="エックスサーバー株式会社",
    )
P(
    "p088_sakura_saiseikyu",
    "さくらインターネット",
    SAKURA,
    f"さくらインターネット <{NOT_SHOWN}>",
    "[さくらインターネット]《再請求》ドメイン更新費用のお知らせ",
    "https://m602dev.xii.jp/blog/tech/cse/?p=737",
    ["subject", "body excerpt"],
    "sakura-saiseikyu-2026",
    "domain",
    date="Mon, 09 Feb 2026 10:00:00 +0900",
    quote="■支払い方法 ■\nPayPay",
    signature="さくらインターネット株式会社",
    notes="Sender (wcs@livethe*****life.jp) and PayPay link were masked on the page: placeholder / omitted.",
)
for n, subj in enumerate(
    [
        "更新通知が必要 example.jp",
        "「さくらリスト」サービス提供終了のお知らせ (example.jp) !",
        "リマインダー: ドメイン example.jp メール アカウントの有効期限が切れます",
    ],
    start=89,
):
    P(
        f"p{n:03d}_sakura_help_{n}",
        "さくらインターネット",
        SAKURA,
        f"さくらインターネット <{NOT_SHOWN}>",
        subj,
        "https://help.sakura.ad.jp/notification/n-510/",
        ["subject (masked domain replaced by example.jp)"],
        f"sakura-help-2023-{n}",
        "domain",
        date="Mon, 08 May 2023 10:00:00 +0900",
        signature="さくらインターネット",
    )

SAGAWA = ["sagawa-exp.co.jp", "sg-hldgs.co.jp"]
JPOST = ["post.japanpost.jp", "japanpost.jp"]
PAYPAY = ["paypay.ne.jp", "paypay-corp.co.jp"]
MERCARI = ["mercari.com", "mercari.jp"]

P(
    "p092_sagawa_royal",
    "佐川急便",
    SAGAWA,
    f"佐川急便 <{NOT_SHOWN}>",
    "佐川ROYALメール便",
    "https://rocketnews24.com/2012/07/07/228245/",
    ["subject", "body excerpt"],
    "sagawa-royal-2012",
    "delivery",
    date="Sat, 07 Jul 2012 10:00:00 +0900",
    quote="現在、お客様宛のメール配送便をお預かりしております。",
    signature="佐川急便",
)
for n, subj in enumerate(
    [
        "【佐川急便】再配達のご案内",
        "再配達のご依頼はこちら|佐川急便",
        "ご不在連絡票に記載されている!Web再配達受付サービス!",
    ],
    start=93,
):
    P(
        f"p{n:03d}_sagawa_saihaitatsu_{n}",
        "佐川急便",
        SAGAWA,
        f"佐川急便 <{NOT_SHOWN}>",
        subj,
        "https://sumaoji.com/?p=17366",
        ["subject"],
        "sagawa-saihaitatsu-2025",
        "delivery",
        date="Wed, 15 Oct 2025 10:00:00 +0900",
        signature="佐川急便株式会社",
    )
P(
    "p096_sagawa_haisou_oshirase",
    "佐川急便",
    SAGAWA,
    f"佐川急便 <{NOT_SHOWN}>",
    "配送のお知らせ",
    "https://sumaoji.com/?p=17526",
    ["subject"],
    "sagawa-haisou-oshirase",
    "delivery",
    date="Wed, 05 Nov 2025 10:00:00 +0900",
    signature="佐川急便",
)
P(
    "p097_sagawa_haitatsu_koushin",
    "佐川急便",
    SAGAWA,
    f"佐川急便 <{NOT_SHOWN}>",
    "重要: 佐川急便 配達状況の更新.",
    "https://tamatebako-omniverse.com/?p=245",
    ["subject"],
    "sagawa-haitatsu-koushin",
    "delivery",
    signature="佐川急便",
)
P(
    "p098_jpost_kozutsumi",
    "日本郵便",
    JPOST,
    f"JAPAN POST <{NOT_SHOWN}>",
    "番号 xxxxxxxx の下で小包の配達",
    [
        "https://www.sourcenext.com/product/security/blog/article/2016/03/japan-post/",
        "http://www.teguchi.info/it/10943/",
    ],
    ["subject", "body excerpt", "signature"],
    "jpost-kozutsumi-2016",
    "delivery",
    date="Mon, 15 Feb 2016 10:00:00 +0900",
    greeting="拝啓",
    quote="このメールに添付されている委託運送状を印刷して、\n最寄りの JAPANPOST 取り扱い郵便局までお問い合わせください。",
    signature="敬具\nPost Japan Co., Ltd.",
    notes="The mail carried an attachment (not reproduced: not shown).",
)
P(
    "p099_jpost_ems",
    "日本郵便",
    JPOST,
    f"郵便局 Japan Post <{NOT_SHOWN}>",
    "RE:[EMS_370962]",
    "http://sarattodaratto.com/post-53",
    ["subject", "from display name", "signature"],
    "jpost-kozutsumi-2016",
    "delivery",
    greeting="拝啓",
    signature="敬具\nEMS(国際スピード郵便) – 郵便局 – 日本郵政",
    notes="A .docx attachment was reported; not reproduced (content not shown).",
)
P(
    "p100_jpost_fumei",
    "日本郵便",
    JPOST,
    f"日本郵便 <{NOT_SHOWN}>",
    "【日本郵便】配送先不明のお知らせ",
    "https://shinnyu1-guide.com/?p=1930",
    ["body excerpt"],
    "jpost-fumei",
    "delivery",
    quote="配送先が不明瞭のため、お荷物を配達できませんでした",
    signature="日本郵便",
)

P(
    "p101_paypay_tanmatsu",
    "PayPay",
    PAYPAY,
    f"PayPay <{NOT_SHOWN}>",
    "【PayPay】アカウントの異なる端末からのアクセス",
    "https://zaiteku-cookie.com/etc-phishing-mail6/",
    ["subject (start)", "signature"],
    "paypay-tanmatsu-2020",
    "account_lock",
    date="Sat, 18 Apr 2020 11:25:00 +0900",
    signature="PayPayお問い合わせ窓口(ユーザー窓口)\n■PayPay株式会社\n■https://paypay.ne.jp",
    notes="Subject truncated on the page after 'アカウントの異なる端末か'; completed in our words.",
)
P(
    "p102_paypay_5000_sokuji",
    "PayPay",
    PAYPAY,
    f"PayPay <{NOT_SHOWN}>",
    "PayPay利用で即時GET!5,000円分特典+注目のキャンペーン開催中",
    "https://sumaoji.com/?p=17454",
    ["subject"],
    "paypay-5000-tokuten",
    "prize",
    date="Thu, 23 Oct 2025 10:00:00 +0900",
    signature="PayPay",
)
P(
    "p103_paypay_5000_wadai",
    "PayPay",
    PAYPAY,
    "PayPay <shirotastone@kegge.com>",
    "いま話題のPayPay特典5,000円+豪華キャンペーンがセットで",
    "https://sumaoji.com/26-17377",
    ["subject", "from"],
    "paypay-5000-tokuten",
    "prize",
    date="Wed, 15 Oct 2025 10:00:00 +0900",
    signature="PayPay",
)
P(
    "p104_paypay_5000_bonus",
    "PayPay",
    PAYPAY,
    f"PayPay <{NOT_SHOWN}>",
    "今すぐ受け取れる!5,000円分のPayPayボーナスとおトクなキャンペーン情報",
    "https://sumaoji.com/26-17377",
    ["subject"],
    "paypay-5000-tokuten",
    "prize",
    date="Mon, 09 Dec 2024 10:00:00 +0900",
    signature="PayPay",
)
P(
    "p105_paypay_mirenkei",
    "PayPay",
    PAYPAY,
    f"PayPay <{NOT_SHOWN}>",
    "保有未連携PayPayポイントのお知らせ",
    "https://services.awaisora.com/2026/01/11/cf939f74-9bfc-4813-9b2c-4591cc6b3ce4",
    ["subject"],
    "paypay-mirenkei-point",
    "points",
    signature="PayPay株式会社",
)
P(
    "p106_mercari_saininsho",
    "メルカリ",
    MERCARI,
    "メルカリ <no-reply@n-reply-contact-888a8-mercari-A202a12.co.jp>",
    "アカウント再認証のお知らせ – ご注意ください。",
    "https://iroiroknowledge.com/181.html",
    ["subject", "from domain", "link host", "link text"],
    "mercari-saininsho",
    "account_lock",
    urls=["https://whisperden.com/"],
    link_text="ご利用確認はこちら",
    signature="株式会社メルカリ",
    notes="Local part of the sender and the link path are placeholders (the page gives domain/host only).",
)
P(
    "p107_mercari_jimukyoku",
    "メルカリ",
    MERCARI,
    f"メルカリ事務局 <{NOT_SHOWN}>",
    "【重要なお知らせ】メルカリ事務局からのご利用確認のお願い",
    "https://iro-navi.com/105.html",
    ["subject"],
    "mercari-jimukyoku",
    "info_update",
    signature="メルカリ事務局",
    notes="Page says the sender was a free-mail address (not given).",
)
P(
    "p108_mercari_bfetco",
    "メルカリ",
    MERCARI,
    "メルカリ <mere@bfetco.com>",
    "【メルカリ】アカウントに関する重要なお知らせ",
    "https://services.awaisora.com/?p=130006",
    ["from"],
    "mercari-bfetco",
    "account_lock",
    signature="メルカリ",
)

MIZUHO = ["mizuhobank.co.jp", "mizuho-fg.co.jp"]
SAISON = ["saisoncard.co.jp"]
RSEC = ["rakuten-sec.co.jp"]
NHK = ["nhk.or.jp", "nhk.jp"]

P(
    "p109_mizuho_kouza_kakunin",
    "みずほ銀行",
    MIZUHO,
    "みずほ銀行 <betzen3474102@251412670.t-sender-sib.com>",
    "みずほ銀行より、お客様の口座情報確認手続きのお知らせ",
    "https://tasddd.com/success_11092",
    ["subject", "from", "body excerpt"],
    "mizuho-kouza-kakunin-2024",
    "info_update",
    date="Mon, 15 Apr 2024 10:00:00 +0900",
    greeting="拝啓、お客様",
    quote="この度、当行は反洗浄活動の一環として、お客様の口座情報を再度確認する",
    signature="みずほ銀行",
)
P(
    "p110_mizuho_furikomi_teishi",
    "みずほ銀行",
    MIZUHO,
    f"みずほ銀行 <{NOT_SHOWN}>",
    "<みずほ銀行からのご連絡>振込・振替の一時利用停止のお知らせ",
    "https://momosiri.nagoya/35508",
    ["subject"],
    "mizuho-furikomi-teishi-2022",
    "account_lock",
    date="Fri, 23 Sep 2022 10:00:00 +0900",
    signature="みずほ銀行",
)
P(
    "p111_mizuho_maff",
    "みずほ銀行",
    MIZUHO,
    "みずほ銀行 <hisan-chis@maff.go.jp>",
    "みずほ銀行からの重要なお知らせ(必ずご確認ください)",
    "https://embox2.com/mizuho-bank-sagi",
    ["subject", "from"],
    "mizuho-juyo-oshirase",
    "login_alert",
    signature="みずほ銀行",
    notes="Page: forged From at an unrelated government domain; the link host contained 'mizuhobank' (not given).",
)
P(
    "p112_mizuho_nicos_onestep",
    "みずほ銀行",
    MIZUHO,
    "みずほ銀行 <event@onestep-miyazaki.com>",
    "【最終警告】NlCOSカードからの緊急の連絡",
    "https://meiwakumeru-siru.netsbizlife.com/mizuhoginko-otorihikimokutekitonogokakuninnonegai",
    ["subject", "from", "urls", "link text"],
    "mizuho-nicos-mismatch",
    "card_limit",
    urls=["https://murrayss.org/sampson.php"],
    link_text="▼ご本人確認",
    html=True,
    signature="みずほ銀行",
    notes="Subject names NICOS while the sender name and page title say みずほ銀行 (as reported).",
)
P(
    "p113_mizuho_kouza_jouhou",
    "みずほ銀行",
    MIZUHO,
    f"みずほ銀行 <{NOT_SHOWN}>",
    "(みずほ銀行)口座情報",
    "https://zerolife.net/mizuho-mail",
    ["subject", "urls", "body excerpt"],
    "mizuho-kouza-jouhou-2019",
    "account_lock",
    date="Thu, 12 Dec 2019 10:00:00 +0900",
    urls=["https://www.mizuhobank-bin.com"],
    quote="あなたのみずほ銀行口座にはリスクが検出されましたので、口座の資金安全を確保するために、一時的にこの口座を制限します。",
    signature="みずほ銀行",
)

for n, (subj, src, camp) in enumerate(
    [
        ("Saisonカードご利用者様へ", "https://soryane-ze.com/2589.html", "saison-shiharai-kakutei"),
        ("次回の支払い金額が確定しました", "https://soryane-ze.com/2589.html", "saison-shiharai-kakutei"),
        (
            "重要通知 セゾンカード情報の更新をお願いいたします",
            "https://sumaoji.com/74589-4-16255",
            "saison-jouhou-koushin",
        ),
        (
            "【SAISON CARD】異常によるクレジットセゾンカードご利用一時停止のお知らせ",
            "https://expose-spam-emails.com/saison-card-unusual-credit-saison-card-is-suspended",
            "saison-ichiji-teishi",
        ),
        (
            "「 セゾンカード 」お客様のカードご利用明細の内容をお知らせいたします。",
            "https://315rifare.com/855.html",
            "saison-riyou-meisai",
        ),
    ],
    start=114,
):
    P(
        f"p{n:03d}_saison_{n}",
        "セゾンカード",
        SAISON,
        f"セゾンカード <{NOT_SHOWN}>",
        subj,
        src,
        ["subject"],
        camp,
        "billing" if "確定" in subj or "Saison" in subj else "card_limit",
        signature="株式会社クレディセゾン",
    )
P(
    "p119_saison_anzen_apple",
    "セゾンカード",
    SAISON,
    "セゾンカード <user@id.apple.com>",
    "セゾンカード:アカウント安全確認",
    "https://smari-log.com/phishingmail-saison/",
    ["subject", "from domain", "greeting"],
    "saison-anzen-kakunin",
    "account_lock",
    greeting="セゾンカードユーザー様へ",
    signature="セゾンカード",
    notes="Page: sender at @id.apple.com with part of the recipient's own address as local part (placeholder 'user').",
)

P(
    "p120_rakutensec_anzen_kyouka",
    "楽天証券",
    RSEC,
    "楽天証券 <service@rakuten-sec.co.jp>",
    "【重要なお知らせ】アカウントの安全強化とお客様情報のご更新のお願い(24時間以内)",
    "https://syanoa.net/635.html",
    ["from", "subject", "link text"],
    "rakutensec-anzen-kyouka",
    "securities",
    link_text="■ご利用確認はこちら",
    html=True,
    signature="楽天証券株式会社",
    notes="Forged From at the brand's own domain; link target not reported.",
)
for n, subj in enumerate(
    ["【楽天証券】アカウント保全のために設定確認をお願いします", "【重要】楽天証券アカウント情報の確認のお願い"],
    start=121,
):
    P(
        f"p{n:03d}_rakutensec_{n}",
        "楽天証券",
        RSEC,
        f"楽天証券 <{NOT_SHOWN}>",
        subj,
        "https://rocket-boys.co.jp/security-measures-lab/rakuten-securities-phishing-email-example-alert/",
        ["subject"],
        "rakutensec-2025-04",
        "securities",
        date="Tue, 15 Apr 2025 10:00:00 +0900",
        signature="楽天証券株式会社",
    )

P(
    "p123_nhk_kigen_majika",
    "NHK",
    NHK,
    f"NHK <{NOT_SHOWN}>",
    "[重要]NHK受信料のお支払いについて(期限間近)",
    "https://news.livedoor.com/article/detail/29520051/",
    ["subject", "body excerpt"],
    "nhk-jushinryo-2025",
    "utility",
    date="Fri, 05 Sep 2025 10:00:00 +0900",
    quote="受信料のお支払いがまだ確認できておりません",
    signature="日本放送協会",
)
P(
    "p124_nhkplus_yoshin",
    "NHK",
    NHK,
    f"NHKプラス <{NOT_SHOWN}>",
    "【NHKプラス】放送受信料のお支払いについて",
    "https://kurashinista.jp/articles/detail/108386",
    ["body excerpt", "signature"],
    "nhkplus-yoshin",
    "payment_fail",
    quote="与信失敗により、お客様の放送受信料につきましては、ご利用料金のお支払いの確認が取れておりませんので。",
    link_text="▶ お支払い情報の確認/設定はこちら",
    signature="日本放送協会 放送局営業推進部",
    notes="The page's navi-dial number was partly masked: omitted.",
)

NENKIN = ["nenkin.go.jp"]
MHLW = ["mhlw.go.jp"]
TGAS = ["tokyo-gas.co.jp"]
ORICO = ["orico.co.jp"]

P(
    "p125_nenkin_haraimodoshi",
    "日本年金機構",
    NENKIN,
    f"日本年金機構 年金払戻管理局 <{NOT_SHOWN}>",
    "【日本年金機構】年金の払戻しに関するお知らせ",
    [
        "https://www.nenkin.go.jp/oshirase/gochui/20200609.html",
        "http://40.74.122.252/index.cgi/speech/https://www.nenkin.go.jp/oshirase/gochui/20200609.html",
    ],
    ["from display name (department named on the brand page)"],
    "nenkin-haraimodoshi",
    "refund",
    signature="日本年金機構 払戻返金部門",
    notes="Brand page (example 1): mails using the logo and non-existent departments ask the reader to reply with "
    "name and account number to receive a pension remainder. No link.",
)
P(
    "p126_mhlw_kokuho",
    "厚生労働省",
    MHLW,
    f"厚生労働省 <{NOT_SHOWN}>",
    "【厚生労働省】重要なお知らせ、必ずお読みください",
    "https://singlekurashi.com/?p=11513",
    ["subject", "body excerpt", "signature"],
    "mhlw-kokuho-mino-2023",
    "tax",
    date="Thu, 18 May 2023 10:00:00 +0900",
    quote="督促状で指定した期限までに未納の国民健康保険料が納付されない場合\n財産の差押えを行います\n[ 未払い金額 ] 40,000 円 (税込)",
    signature="〒100-8916 東京都千代田区霞が関1-2-2\nCopyright © Ministry of Health, Labour and Welfare, All Rights Reserved.",
)

P(
    "p127_tokyogas_shonin",
    "東京ガス",
    TGAS,
    "東京ガス <mizusawameimori@fzect.com>",
    "【myTOKYOGAS】ご請求料金確定のお知らせ お客様のお支払い方法が承認されません",
    "https://sumaoji.com/55-2-17511",
    ["subject", "from (one of the listed senders)"],
    "tokyogas-mytokyogas-2025",
    "payment_fail",
    signature="東京ガス",
)
P(
    "p128_tokyogas_scrix",
    "東京ガス",
    TGAS,
    "東京ガス <kazutokuhara1216@scrix.com>",
    "【myTOKYOGAS】ご請求料金確定のお知らせ(自動配信メール)",
    ["https://sumaoji.com/55-2-17511", "https://sumaoji.com/?p=16985"],
    ["subject", "from (one of the listed senders)"],
    "tokyogas-mytokyogas-2025",
    "payment_fail",
    signature="東京ガス",
)
for n, subj in enumerate(
    ["ガス料金に関する重要なお知らせ", "【myTOKYOGAS】よりご利用料金のご請求です", "東京ガス ご利用料金のお知らせ"],
    start=129,
):
    P(
        f"p{n:03d}_tokyogas_{n}",
        "東京ガス",
        TGAS,
        f"東京ガス <{NOT_SHOWN}>",
        subj,
        "https://sumaoji.com/?p=16985",
        ["subject"],
        "tokyogas-mytokyogas-2025",
        "utility",
        date="Fri, 18 Jul 2025 10:00:00 +0900",
        signature="東京ガス",
    )
P(
    "p132_tokyogas_honjitsu",
    "東京ガス",
    TGAS,
    f"東京ガス <{NOT_SHOWN}>",
    "本月ご請求金額確定のお知らせ",
    "https://www.ikumou.jp/?p=1612",
    ["subject", "body excerpt", "link text"],
    "tokyogas-honzuki",
    "payment_fail",
    quote="平素より東京ガスをご利用いただき、誠にありがとうございます。",
    link_text="支払い情報を更新",
    signature="東京ガス",
)

P(
    "p133_orico_yzijie",
    "オリコ",
    ORICO,
    "Oricoカード株式会社 <kowhlqxh@orico.co.jp>",
    "【Orico】ログイン情報のご確認",
    "https://jankmail.millions-of-love-calls.com/?p=115",
    ["from", "urls"],
    "orico-yzijie",
    "info_update",
    urls=["https://my.orico.co.jp.yzijie.com/"],
    signature="株式会社オリエントコーポレーション",
    notes="Forged From at the brand's own domain with a look-alike link host (subject not given: own words).",
)
P(
    "p134_orico_torihiki",
    "オリコ",
    ORICO,
    f"e-orico <{NOT_SHOWN}>",
    "【ORICO CARD】お取引のご確認",
    "https://daini-no-jinsei.jp/2022/10/18/network/net-literacy/e-orico%E9%A8%99%E3%82%8B%E8%A9%90%E6%AC%BA%E3%83%A1%E3%83%BC%E3%83%AB%E3%81%8C%E6%9D%A5%E3%81%9F%E3%80%81%E4%BB%8A%E5%BA%A6%E3%81%AF%E3%80%90orico-card%E3%80%91%E3%81%8A%E5%8F%96%E5%BC%95%E3%81%AE/",
    ["subject", "from display name"],
    "orico-torihiki-2022",
    "card_limit",
    date="Tue, 18 Oct 2022 10:00:00 +0900",
    signature="株式会社オリエントコーポレーション",
    notes="Page: the From header carried a display name only; address placeholder.",
)

RESONA = ["resonabank.co.jp", "resona-gr.co.jp"]
RBANK = ["rakuten-bank.co.jp"]
YAHOO = ["yahoo.co.jp"]
LINE = ["line.me", "linecorp.com", "lycorp.co.jp"]
VIEW = ["viewsnet.jp"]
ANA = ["ana.co.jp"]
JAL = ["jal.co.jp", "jal.com"]

P(
    "p135_resona_teishi",
    "りそな銀行",
    RESONA,
    "りそな銀行 <info@rah3eparr.com>",
    "【重要】【りそな銀行】利用停止のお知らせ",
    "https://iroiroknowledge.com/692.html",
    ["subject", "from domain"],
    "resona-riyou-teishi",
    "account_lock",
    signature="株式会社りそな銀行",
    notes="Local part of the sender is a placeholder (page shows @rah3eparr.com).",
)
for n, subj in enumerate(
    ["【りそな銀行カード】ご利用制限のお知らせ", "【重要】りそな銀行カードご利用確認のお願い"], start=136
):
    P(
        f"p{n:03d}_resona_card_{n}",
        "りそな銀行",
        RESONA,
        "R E S O N A <admin@sxlfly.com>",
        subj,
        "https://www.fraudnavi.com/2026/01/21/%e3%83%95%e3%82%a3%e3%83%83%e3%82%b7%e3%83%b3%e3%82%b0%e8%a9%90%e6%ac%ba%e3%83%a1%e3%83%bc%e3%83%ab%e3%80%80%e3%80%90%e3%82%8a%e3%81%9d%e3%81%aa%e9%8a%80%e8%a1%8c%e3%82%ab%e3%83%bc%e3%83%89%e3%80%91/?amp=1",
        ["subject", "from"],
        "resona-card-seigen-2026",
        "card_limit",
        date="Wed, 21 Jan 2026 10:00:00 +0900",
        signature="株式会社りそな銀行",
    )
P(
    "p138_resona_seigen_tsuchi",
    "りそな銀行",
    RESONA,
    f"りそな銀行 <{NOT_SHOWN}>",
    "【自動メール配信】りそな银行からの制限通知",
    "https://news.cardmics.com/alert/risonabank/",
    ["subject", "body excerpt"],
    "resona-seigen-2023",
    "login_alert",
    date="Wed, 09 Aug 2023 10:00:00 +0900",
    quote="2023年8月9日午前3時16分に当社サイトのご利用(WEB、スマートフォン共通)を一時制限させていただきました。",
    link_text="◆本人確認をご希望の方は、以下のボタンをクリックしてご本人様確認を行ってください。",
    signature="りそな銀行",
)
P(
    "p139_rakutenbank_kaitou",
    "楽天銀行",
    RBANK,
    f"楽天銀行 <{NOT_SHOWN}>",
    "【楽天銀行】必ずご回答ください/お客さま情報等の確認について",
    "https://caso-gallery.jp/rakuten-bank/?amp=1",
    ["subject", "body excerpt"],
    "rakutenbank-kaitou",
    "info_update",
    quote="いつも楽天銀行(旧イーバンク銀行)をご利用いただきありがとうございます。",
    signature="楽天銀行株式会社",
)
for n, (subj, lure) in enumerate(
    [
        ("アカウントの利用停止のお知らせ", "account_lock"),
        ("(再送)Yahoo! JAPAN ID 利用停止のお知らせ", "account_lock"),
        ("Yahoo!JAPAN お客様情報の確認", "info_update"),
        ("Yahoo!JAPAN ご利用料金のお支払いについて", "payment_fail"),
    ],
    start=140,
):
    P(
        f"p{n:03d}_yahoo_{n}",
        "ヤフー",
        YAHOO,
        f"Yahoo! JAPAN <{NOT_SHOWN}>",
        subj,
        "https://security.yahoo.co.jp/news/0028.html",
        ["subject (brand's warning page)"],
        f"yahoo-{lure}-{n}",
        lure,
        signature="Yahoo! JAPAN",
        notes="Subjects listed on the brand's own warning page; the page says its real mail comes from @mail.yahoo.co.jp.",
    )
P(
    "p144_line_softbank",
    "LINE",
    LINE,
    "LINE <line-info@i.softbank.com>",
    "【重要】LINEアカウント停止予定のお知らせ",
    "https://gintachan.com/line-accout-suspension-mail-scam",
    ["subject", "from domain"],
    "line-teishi-2025",
    "account_lock",
    date="Wed, 03 Sep 2025 10:00:00 +0900",
    quote="2025年9月3日をもちましてアカウントを一時的に停止させていただきます。",
    signature="LINEヤフー株式会社",
    notes="Local part of the sender is a placeholder (page shows the domain only).",
)
P(
    "p145_line_isoftbank",
    "LINE",
    LINE,
    "LINE <line-support@i.softbank.jp>",
    "LINEアカウント利用停止のお知らせ",
    "https://expose-spam-emails.com/notice-of-suspension-of-line-account",
    ["subject", "from domain"],
    "line-teishi-2025",
    "account_lock",
    signature="LINE",
    notes="Local part of the sender is a placeholder (page shows @i.softbank.jp).",
)
P(
    "p146_viewcard_ryuushutsu",
    "ビューカード",
    VIEW,
    f"ビューカード <{NOT_SHOWN}>",
    "【緊急】VIEW’s NETお客様の個人情報流出の恐れ",
    "https://tobashi-shakkin.com/?p=35911",
    ["subject"],
    "viewcard-ryuushutsu",
    "account_lock",
    signature="株式会社ビューカード",
)
P(
    "p147_ana_kasan_which",
    "ANA",
    ANA,
    "ANAマイレージクラブ <vvlpr@gul26zyw.fs26ckorq.com>",
    "【重要】ANAマイレージクラブ:マイル加算手続きのご案内",
    "https://which-buy.hatenablog.com/entry/ANA_Mileage_Club",
    ["subject", "from", "body excerpt"],
    "ana-mile-kasan",
    "points",
    quote="未加算マイル:4.942マイル",
    body_urls=["https://cam.ana.co.jp/amcmember/hl6x5qLCH/oC4YxgBk/"],
    signature="ANAマイレージクラブ",
    notes="The page gives the URL as shown in the mail (an ana.co.jp look); its real target is not reported.",
)
P(
    "p148_ana_kasan_checkreform",
    "ANA",
    ANA,
    f"ANA <{NOT_SHOWN}>",
    "マイル加算のお知らせ",
    "https://checkreform.jp/?p=404",
    ["subject"],
    "ana-mile-kasan",
    "points",
    signature="ANAマイレージクラブ",
)
P(
    "p149_ana_kigen_goy",
    "ANA",
    ANA,
    "ANAマイレージクラブ <xk3jq9@goy.com>",
    "マイルご利用期限終了間近",
    "https://www.shinjoho.com/phishing/ana%e3%83%9e%e3%82%a4%e3%83%ac%e3%83%bc%e3%82%b8%e3%82%af%e3%83%a9%e3%83%96%e3%81%8b%e3%82%89%e3%81%ae-%e3%83%9e%e3%82%a4%e3%83%ab%e3%81%94%e5%88%a9%e7%94%a8%e6%9c%9f%e9%99%90%e7%b5%82%e4%ba%86",
    ["subject", "from display name", "from domain"],
    "ana-mile-kigen",
    "points",
    signature="ANAマイレージクラブ",
    notes="Page shows the local part as a random string: placeholder.",
)
P(
    "p150_ana_jimukyoku",
    "ANA",
    ANA,
    f"ANAマイレージ事務局 <{NOT_SHOWN}>",
    "ANAマイレージ事務局【ご注意】マイル加算手続きの起源について",
    "https://trip.awaisora.com/2025/06/23/cacfe1a3-e494-4433-9dcc-4dc09a4f935e",
    ["subject"],
    "ana-mile-kasan",
    "points",
    date="Mon, 23 Jun 2025 10:00:00 +0900",
    signature="ANAマイレージクラブ",
)
P(
    "p151_jal_almile",
    "JAL",
    JAL,
    f"JALマイレージバンク <{NOT_SHOWN}>",
    "【通知】ALマイルの有効期限についての重要なお知らせ",
    "https://sumaoji.com/8574-2-16974",
    ["subject"],
    "jal-almile-2025",
    "points",
    date="Thu, 02 Oct 2025 10:00:00 +0900",
    link_text="マイルを今すぐ利用する",
    signature="JALマイレージバンク",
)

# --- mails whose headers a page published (headers verbatim; bodies were not shown: our words) -------------
POCKET = ["pocketcard.co.jp"]
APLUS = ["aplus.co.jp"]
OUTLOOK_EXPRESS = [
    ("X-Priority", "3"),
    ("X-MSMail-Priority", "Normal"),
    ("X-Mailer", "Microsoft Outlook Express 6.00.2900.5512"),
    ("X-MimeOLE", "Produced By Microsoft MimeOLE V10.0.17763.1"),
]
P(
    "p152_pocketcard_headers",
    "ポケットカード",
    POCKET,
    "pocketカード株式会社 <wlgix@pocketcard.co.jp>",
    "＜重要＞【POCKETCARD】ご利用確認のお願い",
    "https://pastebin.com/CwiPgUD1",
    ["headers (Return-Path, Received, Message-ID, From, Subject, Date, X-Mailer)"],
    "pocketcard-riyou-kakunin-2020",
    "card_limit",
    headers=[
        ("Return-Path", "<wlgix@pocketcard.co.jp>"),
        (
            "Received",
            "from pocketcard.co.jp (v160-251-0-187.5t62.static.cnode.io [160.251.0.187])\n"
            " by www310.sakura.ne.jp (8.15.2/8.15.2) with ESMTP id 0B5BHPR7084743\n"
            " for <XXXX@XXXXXXXXXX>; Sat, 5 Dec 2020 20:17:25 +0900 (JST)\n"
            " (envelope-from wlgix@pocketcard.co.jp)",
        ),
    ],
    raw_from="=?utf-8?B?cG9ja2V044Kr44O844OJ5qCq5byP5Lya56S+?= <wlgix@pocketcard.co.jp>",
    raw_subject="=?utf-8?B?77yc6YeN6KaB77ye44CQUE9DS0VUQ0FSROOAkeOBlOWIqeeUqOeiug==?=\n =?utf-8?B?6KqN44Gu44GK6aGY44GE?=",
    message_id="<96A713BFA09B4F93A5A0586DEA890E06@pocketcard.co.jp>",
    date="Sat, 5 Dec 2020 20:17:20 +0900",
    extra=OUTLOOK_EXPRESS,
    signature="ポケットカード株式会社",
    notes="Forged From at the brand's own domain, relayed from a VPS; the original was multipart/alternative (body not published).",
)
for n, (paste, rp, recv_host, ip, qid, when, mid, date, subj, raw_subj) in enumerate(
    [
        (
            "Jp8DQrWW",
            "igvhehxq@aplus.co.jp",
            "v150-95-220-44.0tbu.static.cnode.io",
            "150.95.220.44",
            "0ALBIh02014307",
            "Sat, 21 Nov 2020 20:18:43 +0900 (JST)",
            "<3009F54C5B18BD299B99ADC24B22787C@aplus.co.jp>",
            "Sat, 21 Nov 2020 20:18:36 +0900",
            "【NETstationAPLUS】本人認証サービス登録完了のお知らせ",
            "=?utf-8?B?44CQTkVUc3RhdGlvbkFQTFVT44CR5pys5Lq66KqN?=\n =?utf-8?B?6Ki844K144O844OT44K555m76Yyy5a6M5LqG44Gu44GK55+l44KJ44Gb?=",
        ),
        (
            "D7X0Yw2z",
            "klkrvh@aplus.co.jp",
            "v160-251-2-12.mwqa.static.cnode.io",
            "160.251.2.12",
            "0AJDUwV8038066",
            "Thu, 19 Nov 2020 22:30:58 +0900 (JST)",
            "<F428974663BC5C9154F6F6D179EE97C7@aplus.co.jp>",
            "Thu, 19 Nov 2020 22:30:52 +0900",
            "【NETstationAPLUS】新生銀行カード利用確認",
            "=?utf-8?B?44CQTkVUc3RhdGlvbkFQTFVT44CR5paw55Sf6YqA?=\n =?utf-8?B?6KGM44Kr44O844OJ5Yip55So56K66KqN?=",
        ),
    ],
    start=153,
):
    P(
        f"p{n:03d}_aplus_headers_{n}",
        "アプラス",
        APLUS,
        f"新生銀行カード <{rp}>",
        subj,
        f"https://pastebin.com/{paste}",
        ["headers (Return-Path, Received, Message-ID, From, Subject, Date, X-Mailer)"],
        "aplus-netstation-2020",
        "card_limit",
        headers=[
            ("Return-Path", f"<{rp}>"),
            (
                "Received",
                f"from aplus.co.jp ({recv_host} [{ip}])\n"
                f" by www310.sakura.ne.jp (8.15.2/8.15.2) with ESMTP id {qid}\n"
                f" for <XXXX@XXXXXXXXX>; {when}\n"
                f" (envelope-from {rp})",
            ),
        ],
        raw_from=f"=?utf-8?B?5paw55Sf6YqA6KGM44Kr44O844OJ?= <{rp}>",
        raw_subject=raw_subj,
        message_id=mid,
        date=date,
        extra=OUTLOOK_EXPRESS,
        brand_in_text="新生銀行カード(アプラス)",
        signature="株式会社アプラス",
        notes="Forged From at the brand's own domain, relayed from a VPS; body not published (our words).",
    )
P(
    "p155_myjcb_headers_gb2312",
    "JCB",
    JCB,
    '"MyJCB" <support@my.jcb.co.jp>',
    "カードご利用内容の確認のお願い",
    "https://pastebin.com/e7bHqhLt",
    ["headers (Return-Path, Received, Message-ID, From, Subject, Date, X-mailer)"],
    "myjcb-gb2312-2020",
    "card_limit",
    headers=[
        ("Return-Path", "<support@my.jcb.co.jp>"),
        (
            "Received",
            "from my.jcb.co.jp ([152.32.147.229])\n"
            " by www310.sakura.ne.jp (8.15.2/8.15.2) with ESMTP id 0BC9SSb8005864\n"
            " for <XXXX@XXXXXXX>; Sat, 12 Dec 2020 18:28:29 +0900 (JST)\n"
            " (envelope-from support@my.jcb.co.jp)",
        ),
    ],
    raw_from='"MyJCB" <support@my.jcb.co.jp>',
    raw_subject="=?gb2312?B?paupYKXJpLTA+9PDxNrI3aTOtF/VSqTOpKruiqSkIDEyLzE=?=\n =?gb2312?B?Mi8yMDIwIDU6Mjg6MjkgUE0=?=",
    message_id="<20201212172829856152@my.jcb.co.jp>",
    date="Sat, 12 Dec 2020 17:28:17 +0800",
    extra=[("X-mailer", "Dzuscu 2")],
    signature="MyJCB",
    notes="Subject is Japanese encoded as gb2312 (decodes with lost characters), as published; the body was "
    "gb2312 8bit, rebuilt here in UTF-8 (not published).",
)
P(
    "p156_epos_softbank_headers",
    "エポスカード",
    EPOS,
    "エポスカード株式会社 <EPOS_Net.cardsif-gas.mail05ve@g.softbank.co.jp>",
    "【エポスカード】ご利用確認のお願い",
    "http://spam-mail-wonderland.com/meiwaku-mail-check.html",
    ["from", "headers (Return-Path, Received, Received-SPF as published, with the page's example.com)"],
    "epos-softbank-2025",
    "card_limit",
    headers=[
        ("Return-Path", "<EPOS_Net.cardsif-gas.mail05ve@g.softbank.co.jp>"),
        ("Received", "from unknown (HELO C202504100040236.local) (202.95.7.64)"),
        ("Received-SPF", "softfail (example.com does not designate 202.95.7.64 as permitted sender)"),
    ],
    signature="株式会社エポスカード",
    notes="Subject not shown on the page (our words). The page's Received-SPF names example.com (its own redaction).",
)
P(
    "p157_ja_bank_daiwahouse",
    "JAバンク",
    ["jabank.org"],
    "JAネットバンク <d-family@daiwahouse.jp>",
    "【JAネットバンク】ご本人確認のお願い",
    "https://varontosystems.com/soc_analyst_blog26",
    ["from", "headers (Return-Path, X-Z-PassedDKIMSig)", "urls (from the receiver's X-Z-SRV header)"],
    "jabank-daiwahouse-2025",
    "info_update",
    headers=[
        ("Return-Path", "<info@guichizhaopin.com>"),
        ("X-Z-PassedDKIMSig", "guichizhaopin.com"),
    ],
    urls=["https://jpja-theviews04.com/ja/verification?origin=04"],
    date="Sat, 20 Sep 2025 03:26:32 +0900",
    signature="JAネットバンク",
    notes="Page: SPF and DKIM pass for the bounce domain, DMARC fails for the From domain; the receiver's "
    "Authentication-Results line was not published, so none is included. Subject not shown (our words).",
)
P(
    "p158_smbccard_self_serviy",
    "三井住友カード",
    SMBCC,
    "user@example.jp",
    "【三井住友カード】ご利用確認のお願い",
    "https://www.kinryo.net/?p=2518",
    ["from (the recipient's own address)", "link host"],
    "smbccard-self-sender",
    "card_limit",
    urls=["http://amacon.serviy-jp.cc/"],
    link_text="ご利用確認はこちら",
    html=True,
    signature="三井住友カード",
    notes="Page: From equals the recipient's own address; the Received line (be-bell@munemasa.jp via 175.41.18.74) "
    "was shown only as an image, so no Received header is added. Subject not shown (our words).",
)
P(
    "p159_smbccard_juyo_self",
    "三井住友カード",
    SMBCC,
    "user@example.jp",
    "三井住友カード【重要】",
    "https://aaa-fp.com/?p=1042",
    ["subject", "from (the recipient's own address)"],
    "smbccard-self-sender",
    "card_limit",
    signature="三井住友カード株式会社",
    notes="Page: sent through a server at kyodo-senpaku.co.jp (shown as an image only: no header added).",
)
P(
    "p160_etc_gmail_qr_headers",
    "ETC利用照会サービス",
    ETC,
    "ＥＴＣ利用照会サービス <iqxyom@gmail.com>",
    "ETCに支払情報が変更",
    "https://gist.github.com/ozuma/4b26cf8ebc611bc44626ee20a4088a23",
    ["headers (Return-Path, Received, Date, From, Subject, Message-ID, X-mailer)"],
    "etc-gmail-qr-2022",
    "etc",
    headers=[
        ("Return-Path", "<iqxyom@gmail.com>"),
        (
            "Received",
            "from gmail.com ([175.165.163.226])\n"
            " by www310.sakura.ne.jp (8.15.2/8.15.2) with ESMTP id 2BRHdMIf053496\n"
            " for <XXXXXXX@XXXXXXX.sakura.ne.jp>; Wed, 28 Dec 2022 02:39:22 +0900 (JST)\n"
            " (envelope-from iqxyom@gmail.com)",
        ),
    ],
    raw_from="=?utf-8?B?77yl77y077yj5Yip55So54Wn5Lya44K144O844OT44K5IA==?= <iqxyom@gmail.com>",
    raw_subject="=?utf-8?B?RVRD44Gr5pSv5omV5oOF5aCx44GM5aSJ5pu0?=",
    message_id="<20221228013907271834@gmail.com>",
    date="Wed, 28 Dec 2022 01:39:02 +0800",
    extra=[("X-mailer", "Foxmail 6, 13, 102, 15 [cn]")],
    signature="ETC利用照会サービス",
    notes="The original was multipart/related carrying a QR-code image (not published): the image is not "
    "reproduced, the body is our words. A Gmail address claims to be a .com host in Received (as published).",
)
