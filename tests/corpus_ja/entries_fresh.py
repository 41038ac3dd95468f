# ruff: noqa: E501  (data: source URLs and quoted subjects are kept whole)
"""The `fresh` split: mails rebuilt after the detector was tuned, from pages the corpus had not used.

Same rules as entries_phish.py / entries_ham.py (see build.py): what the page showed is verbatim and
listed under `verbatim`, the rest is our own wording; a sender address the page did not show is
`not-shown@sender.invalid`. Every source URL here is new to the corpus (no URL already in
tune/heldout), none is on a held-out host, and every campaign is new (none shared with tune/heldout).
The split exists to measure generalisation: nothing in the detector was changed after reading it.
"""

from __future__ import annotations

from typing import Any

from entries_ham import HAM, H
from entries_phish import (
    AMAZON,
    AMEX,
    DOCOMO,
    JCB,
    JPOST,
    JRE,
    KDDI,
    NOT_SHOWN,
    NTA,
    PAYPAY,
    PHISH,
    RAKUTEN,
    SAISON,
    SAKURA,
    SMBCC,
    TGAS,
    YAMATO,
    YUCHO,
    P,
)

FRESH_PHISH: list[dict[str, Any]] = []
FRESH_HAM: list[dict[str, Any]] = []


def FP(*args: Any, placeholder_note: str = "", **kw: Any) -> None:
    """P() of entries_phish, kept out of PHISH (whose files must not change) and put in FRESH_PHISH."""
    P(*args, **kw)
    entry = PHISH.pop()
    if placeholder_note:
        entry["placeholders"].append(placeholder_note)
    FRESH_PHISH.append(entry)


def FH(*args: Any, **kw: Any) -> None:
    """H() of entries_ham, kept out of HAM and put in FRESH_HAM."""
    H(*args, **kw)
    FRESH_HAM.append(HAM.pop())


LOCAL_HIDDEN = "From local part (the page hid it; the domain is the page's)"
OWN_ADDRESS = "From address (the page: the recipient's own address; the recipient is a placeholder)"

SMBC = ["smbc.co.jp"]
KAGOYA = ["kagoya.jp", "kagoya.com"]
NOMURA = ["nomura.co.jp"]
SOUMU = ["soumu.go.jp"]
BITFLYER = ["bitflyer.com", "bitflyer.jp"]
APPLE = ["apple.com", "icloud.com"]
OCN = ["ocn.ne.jp", "ocn.jp"]
MUUMUU = ["muumuu-domain.com"]
LOLIPOP = ["lolipop.jp"]
PAYPAYBANK = ["paypay-bank.co.jp"]

# --- banks ------------------------------------------------------------------------------------
FP(
    "f001_smbc_juyo_oshirase",
    "三井住友銀行",
    SMBC,
    f"三井住友銀行 <{NOT_SHOWN}>",
    "【三井住友銀行】重要なお知らせ",
    "https://it-fan.net/spammail-20220810",
    ["subject", "body excerpt"],
    "smbc-kouza-seigen-2022",
    "account_lock",
    quote="■□■三井住友銀行からのお知らせ■□■",
    link_text="▼ご利用確認はこちら",
    signature="発行:株式会社 三井住友銀行",
    notes="The page shows the body (account use partly restricted until confirmed) but no link target and no sender address.",
)
FP(
    "f002_smbc_furikomi_uketsuke",
    "三井住友銀行",
    SMBC,
    f"三井住友銀行 <{NOT_SHOWN}>",
    "【三井住友銀行】振込受付完了のお知らせ",
    "http://takahitokikuchi.poitan.net/2016/07/06/%E4%B8%89%E4%BA%95%E4%BD%8F%E5%8F%8B%E9%8A%80%E8%A1%8C%E3%81%8B%E3%82%89%E3%81%AE%E3%80%8C%E6%8C%AF%E8%BE%BC%E5%8F%97%E4%BB%98%E5%AE%8C%E4%BA%86%E3%81%AE%E3%81%8A%E7%9F%A5%E3%82%89%E3%81%9B%E3%80%8D/",
    ["subject"],
    "smbc-furikomi-uketsuke-2016",
    "transfer",
    notes="The page: every link pointed at the bank's own domain (not reproduced: the URLs are not quoted), the lowest Received came from 164.89.39.63 (a US address; the header line itself is not quoted, so none is added); the author suspects a malicious attachment (none here).",
)
FP(
    "f003_yucho_onetime_url",
    "ゆうちょ銀行",
    YUCHO,
    f"ゆうちょ銀行 <{NOT_SHOWN}>",
    "「ゆうちょ銀行」ご利用環境確認用ワンタイムURLのお知らせ",
    "https://news.cardmics.com/alert/jpbank/",
    ["subject"],
    "yucho-onetime-url",
    "info_update",
    notes="Subject from the list of phishing subjects the bank published (quoted by the page); body in our words.",
)
FP(
    "f004_jpbankcard_honnin_ninsho",
    "ゆうちょ銀行",
    YUCHO,
    f"JP BANK カード <{NOT_SHOWN}>",
    "【JP BANK カード】本人認証について",
    "https://news.cardmics.com/alert/jpbank/",
    ["subject"],
    "yucho-onetime-url",
    "card_limit",
    brand_in_text="JP BANK カード",
)
FP(
    "f005_yucho_kinkyu_juyo",
    "ゆうちょ銀行",
    YUCHO,
    f"ゆうちょ銀行 <{NOT_SHOWN}>",
    "緊急!ゆうちょ銀行 重要なお知らせ",
    "https://huffingtonpost.jp/entry/story_jp_6369e81be4b08f849aae97ac",
    ["subject"],
    "yucho-kinkyu-juyo",
    "account_lock",
)
FP(
    "f006_yucho_riyou_kakunin",
    "ゆうちょ銀行",
    YUCHO,
    f"ゆうちょ銀行 <{NOT_SHOWN}>",
    "【重要なお知らせ】ゆうちょ銀行 ご利用確認のお願い",
    "https://huffingtonpost.jp/entry/story_jp_6369e81be4b08f849aae97ac",
    ["subject"],
    "yucho-kinkyu-juyo",
    "card_limit",
)
# --- securities and crypto --------------------------------------------------------------------
FP(
    "f007_nomura_honnin_ninsho",
    "野村證券",
    NOMURA,
    f"野村證券 <{NOT_SHOWN}>",
    "【野村證券】本人認証未完了のお客様へ|重要な制度変更と補償対応条件のお知らせ",
    "https://www.blog-shizentai.com/entry/spam-email-security-measures-complete2025051002",
    ["subject", "body excerpt", "urls"],
    "nomura-honnin-ninsho-2025-05",
    "securities",
    urls=["https://www.herbalsyifa.com/info?token=eDdrOm5vbmV3XzE3NDY4MzQxNTE"],
    link_text="▶ 本人認証の設定を今すぐ行う",
    quote="【重要】本人認証機能の強制適用について(2025年5月12日より段階的に実施)",
    signature="NOMURA(野村證券)",
    notes="The link is cut after its token (the page's excerpt ends there).",
)
FP(
    "f008_nomura_hitsudoku",
    "野村證券",
    NOMURA,
    f"野村證券 <{NOT_SHOWN}>",
    "【必読】野村證券口座の確認のお願い",
    "https://internet.watch.impress.co.jp/docs/news/2003234.html",
    ["subject", "body excerpt"],
    "nomura-yakkan-2025-04",
    "securities",
    quote="2025年3月1日より改定された「野村證券取引約款」に伴い、オンラインサービスのご利用条件が変更されました。",
    greeting="お客様へ、",
)
FP(
    "f009_nomura_anzen_torihiki",
    "野村證券",
    NOMURA,
    f"NOMURA <{NOT_SHOWN}>",
    "「NOMURA」安全取引のための重要なお知らせ",
    "https://internet.watch.impress.co.jp/docs/news/2003234.html",
    ["subject"],
    "nomura-yakkan-2025-04",
    "securities",
)
FP(
    "f010_bitflayer_login",
    "bitFlyer",
    BITFLYER,
    f"bitFlyer <{NOT_SHOWN}>",
    "【bitFlayer】 ログイン確認メール",
    "http://virtualmoney.jp/I0003196",
    ["subject", "body excerpt"],
    "bitflyer-2018-05",
    "account_lock",
    quote="お使いのbitFlyerアカウントで不審なアクティビティが検出されました。",
    link_text="認証 口座",
    notes="The subject misspells the brand (bitFlayer), as the page points out.",
)
FP(
    "f011_bitflyer_honnin",
    "bitFlyer",
    BITFLYER,
    f'"bitFlyer,Inc." <{NOT_SHOWN}>',
    "bitFlyer,Inc. 重要な変更の際には本人確認",
    "https://cc-man.com/bitflyer-phishing-mail/",
    ["subject"],
    "bitflyer-2018-05",
    "account_lock",
)
FP(
    "f012_bitflyer_smart_ninsho",
    "bitFlyer",
    BITFLYER,
    f"bitFlyer <{NOT_SHOWN}>",
    "【bitFlyer】「スマート認証」",
    "https://netalabo.net/bitflyer-phishing-mail",
    ["subject"],
    "bitflyer-2018-05",
    "login_alert",
)
# --- e-commerce, Apple ------------------------------------------------------------------------
FP(
    "f013_amazon_kaiin_teishi",
    "Amazon",
    AMAZON,
    f"Amazon <{NOT_SHOWN}>",
    "自動配信メール お客様の会員資格は一時的に停止されています",
    "https://siratuta.com/?p=6764",
    ["subject"],
    "amazon-kaiin-shikaku-teishi",
    "account_lock",
)
FP(
    "f014_amazon_prime_koushin",
    "Amazon",
    AMAZON,
    f"Amazon <{NOT_SHOWN}>",
    "Amazonプライム会員資格の更新について",
    "https://blog.goo.ne.jp./frasst/m/202109/1",
    ["body excerpt"],
    "amazon-prime-koushin-2021-09",
    "payment_fail",
    quote="お客様のAmazonプライム会員資格は、2021/09/20に更新を迎えます。",
    notes="The page quotes the body; the author saw sender addresses such as amozon / amazonn (not given in full).",
)
FP(
    "f015_rakuten_chumon_kakunin",
    "楽天",
    RAKUTEN,
    f'"order@rakuten.co.jp" <{NOT_SHOWN}>',
    "【楽天市場】注文内容ご確認",
    "https://naikoteki-demo-iijanai.com/2020/03/rakuten-fishingmail/",
    ["subject", "from"],
    "rakuten-ichiba-chumon-2020",
    "order",
    notes="The display name is the shop's real order address; the page says the actual address was unrelated (not shown).",
)
FP(
    "f016_rakuten_shiharai_jouhou",
    "楽天",
    RAKUTEN,
    "楽天 <no-reply@rakuten.co.jp>",
    "お支払情報が使えません",
    "https://nogyo-rock.com/rakutenkaranooshiharaijohogatsukaemasen-792",
    ["subject", "from"],
    "rakuten-shiharai-jouhou",
    "payment_fail",
    quote="お客様のお支払い方法が承認されません。",
    link_text="更に開く",
    notes="From shows the brand's own domain (spoofed, per the page); display name is ours.",
)
FP(
    "f017_rakuten_info_seigen",
    "楽天",
    RAKUTEN,
    f"楽天info <{NOT_SHOWN}>",
    "ご利用制限のお知らせ",
    "https://kirinukilabo.online/?p=365",
    ["subject", "body excerpt"],
    "rakuten-info-seigen",
    "card_limit",
    quote="━━━━━━━━━━\n【重要】楽天カードから緊急のご連絡\n━━━━━━━━━━",
    link_text="■ご利用確認はこちら",
)
FP(
    "f018_rakutenpay_koushin",
    "楽天",
    RAKUTEN,
    f"楽天ペイ <{NOT_SHOWN}>",
    "【楽天ペイ】アカウント情報の更新のお願い",
    "https://connie3.com/rakutenpay-sagimail/",
    ["body excerpt"],
    "rakutenpay-koushin",
    "account_lock",
    brand_in_text="楽天ペイ",
    link_text="アカウントを更新する",
    notes="The page shows the mail as an image; only the button label is quoted in its text.",
)
FP(
    "f019_apple_sudeni_lock",
    "Apple",
    APPLE,
    f"Apple <{NOT_SHOWN}>",
    "Apple IDはすでにロックされました",
    "https://sbapp.net/appnews/others/security/appleidhasudenilocksaremashita-150827",
    ["body excerpt"],
    "apple-sudeni-lock-2023-11",
    "account_lock",
    quote="Apple IDはすでにロックされました。再度ログインして解除してください。",
    link_text="Apple IDを確認する",
    signature="Appleサポート",
    notes="Subject in our words after the page's title (the page quotes the body).",
)
FP(
    "f020_apple_lock_noreply",
    "Apple",
    APPLE,
    "Apple <noreply@email.apple.com>",
    "Apple IDのロックについて",
    "https://www.itkaigai.com/tips/beware-of-fraudulent-emails.htm",
    ["from", "body excerpt"],
    "apple-sudeni-lock-2023-11",
    "account_lock",
    quote="安全のため、このApple IDはすでにロックされました。",
    notes="The page gives the (spoofed) sender noreply@email.apple.com; the display name and subject are ours.",
)
FP(
    "f021_apple_icloud_web",
    "Apple",
    APPLE,
    f"Apple <{NOT_SHOWN}>",
    "誰かがAppleIDを使ってWebブラウザからiCloudに入った",
    "https://kurashilog.com/article/5830/",
    ["subject"],
    "apple-icloud-webbrowser-2018",
    "login_alert",
    notes="Received on 2018-12-08 per the page (time unknown, so the Date is a placeholder).",
)
FP(
    "f022_apple_lock_riyuu",
    "Apple",
    APPLE,
    f"Apple <{NOT_SHOWN}>",
    "セキュリティ上の理由により、Apple IDがロックされています。",
    "https://aprico-media.com/posts/3811",
    ["subject"],
    "apple-lock-riyuu",
    "account_lock",
    greeting="お客様各位",
)
# --- hosting, mail providers, webmail ---------------------------------------------------------
FP(
    "f023_kagoya_kinkyu_tsuuchi",
    "KAGOYA",
    KAGOYA,
    "KAGOYA JAPAN Inc. <info@kir.jp>",
    "緊急の重要な通知",
    "https://support.design-inc.jp/news/3296/",
    ["subject", "from", "body excerpt"],
    "kagoya-mailbox-2020",
    "mailbox",
    quote="メールボックスのメモリ容量がほとんどいっぱいです\nそのため、5通の受信メールを配信できませんでした",
    placeholder_note=LOCAL_HIDDEN,
)
FP(
    "f024_sakura_ijou_signin",
    "さくらインターネット",
    SAKURA,
    "さくらのメールボックス コントロールパネル <matsuzawa@matsuzawa-y.co.jp>",
    "重要 - 異常なサインイン活動",
    "http://www.ampita.net/2019/06/14/phishing_sakura_matsuzawa-y-co-jp/",
    ["subject", "from", "body excerpt", "urls", "headers (User-Agent)"],
    "sakura-ijou-signin-2019",
    "login_alert",
    urls=["http://secure.sakura-webmail.co/ad.jp/rscontrol/webmail"],
    quote="最近、さくらアカウントへのサインインで異常な何かが検出されました",
    signature="さくらアカウントチーム",
    extra=[("User-Agent", "PHPMailer 5.2.2-rc2")],
)
FP(
    "f025_sakura_important_notification",
    "さくらインターネット",
    SAKURA,
    '"Support" <support@sakura.ne.jp>',
    "IMPORTANT NOTIFICATION",
    "https://help.sakura.ad.jp/hc/ja/articles/360000156542-%E3%81%95%E3%81%8F%E3%82%89%E3%82%A4%E3%83%B3%E3%82%BF%E3%83%BC%E3%83%8D%E3%83%83%E3%83%88%E3%82%92%E9%A8%99%E3%82%8B-%E3%81%AA%E3%82%8A%E3%81%99%E3%81%BE%E3%81%97%E3%83%A1%E3%83%BC%E3%83%AB-%E3%81%AB%E3%81%94%E6%B3%A8%E6%84%8F%E3%81%8F%E3%81%A0%E3%81%95%E3%81%84",
    ["subject", "from", "body excerpt"],
    "sakura-important-notification-2019",
    "account_lock",
    quote="このメッセージは、アカウントの確認が必要なために送信されました。",
    notes="The brand's own page; its real support address is support@sakura.ad.jp, the phishing used sakura.ne.jp.",
)
FP(
    "f026_cone_horyu_message",
    "cone.jp",
    ["cone.jp"],
    f"cone.jp <{NOT_SHOWN}>",
    "保留中のメッセージを回復するための通知",
    "https://cone.jp/2022/10/13/19079/",
    ["subject", "from", "body excerpt"],
    "webmail-horyu-cone-2022",
    "mailbox",
    quote="データベースのシステムがアップグレードされたため、メールボックスをストレージ容量として更新および確認する必要があります",
    notes="The organisation's own warning: display name cone.jp, address unrelated to it (not shown). A webmail lure in the name of the recipient's organisation.",
)
FP(
    "f027_ocn_mailbox_985",
    "OCN",
    OCN,
    "OCNメール事務局 <wMaQJZBnAQ@h.vodafone.ne.jp>",
    "【至急】OCNメールボックスの容量確保と設定確認のお願い。",
    "https://kokisin.com/?p=5481",
    ["subject", "from", "body excerpt"],
    "ocn-mailbox-yoryo-985",
    "mailbox",
    quote="お客様がご利用中の制限容量の 98.5% に達しており",
    notes="The page wrote the address with ■ for @ (restored here).",
)
FP(
    "f028_ocn_mail_upgrade",
    "OCN",
    OCN,
    '"OCN MAIL" <"ocnmail."@vega.ocn.ne.jp>',
    "OCNメールアカウントのアップグレード",
    "https://oshirase.ocn.ne.jp/201602002",
    ["from", "body excerpt"],
    "ocn-mail-upgrade-2016",
    "mailbox",
    raw_from='"OCN MAIL" "ocnmail."@vega.ocn.ne.jp',
    greeting="OCNのお客様各位",
    quote="24時間以内に確認されないならば、我々はあなたの電子メールアカウントを\n一時停止しなければならない。",
    notes="The brand's own page shows the From exactly as written here (an OCN address spoofed with a quoted local part).",
)
FP(
    "f029_ocn_message_seigen",
    "OCN",
    OCN,
    "OCNカスタマーサポート <information@qem22.com>",
    "OCNサーバーのメッセージ制限についてのお知らせ",
    "https://azasu.org/ocnmail-scam/?amp=1",
    ["subject", "from", "body excerpt", "urls"],
    "ocn-message-seigen-2025",
    "mailbox",
    urls=["https://mypage-ocn.uyodr1.top/"],
    link_text="▼ アカウントの利用状況を確認",
    quote="■ 検出された状態\n・未読メッセージが大量に蓄積\n・最終アクティビティ確認:2025年5月12日",
)
FP(
    "f030_muumuu_domain_kigen",
    "ムームードメイン",
    MUUMUU,
    f"muumuu domain <{NOT_SHOWN}>",
    "ドメインの更新期限について",
    "https://onda-tkmk.com/2025/05/13/%e3%83%89%e3%83%a1%e3%82%a4%e3%83%b3%e6%9b%b4%e6%96%b0%e3%83%a1%e3%83%bc%e3%83%ab%e3%81%ab%e3%81%94%e6%b3%a8%e6%84%8f%e3%82%92%e3%80%82%e5%ae%9f%e9%9a%9b%e3%81%ab%e5%b1%8a%e3%81%84%e3%81%9f2%e9%80%9a",
    ["from"],
    "muumuu-domain-kigen-2025",
    "domain",
    notes="Display name from the page; its link (on an .it domain) is shown only as an image.",
)
FP(
    "f031_lolipop_kigen_gire",
    "ロリポップ",
    LOLIPOP,
    f"ロリポップ <{NOT_SHOWN}>",
    "ご契約サービスの有効期限切れのお知らせ",
    "https://onda-tkmk.com/2025/05/13/%e3%83%89%e3%83%a1%e3%82%a4%e3%83%b3%e6%9b%b4%e6%96%b0%e3%83%a1%e3%83%bc%e3%83%ab%e3%81%ab%e3%81%94%e6%b3%a8%e6%84%8f%e3%82%92%e3%80%82%e5%ae%9f%e9%9a%9b%e3%81%ab%e5%b1%8a%e3%81%84%e3%81%9f2%e9%80%9a",
    ["body excerpt"],
    "lolipop-kigen-gire-2025",
    "domain",
    quote="お客様のサービスは数日前に有効期限が切れました。今すぐ更新してください",
    notes="The page's link is on an Amazon S3 bucket whose name it masks (not reproduced).",
)
# --- carriers ---------------------------------------------------------------------------------
FP(
    "f032_kddi_mibaraikin",
    "au(KDDI)",
    KDDI,
    f"KDDI <{NOT_SHOWN}>",
    "【KDDI】利用料金の未払い金があります",
    "https://app-story.net/kddi-there-is-an-unpaid-usage-fee-fraud",
    ["subject", "body excerpt"],
    "kddi-mibaraikin-itunes",
    "carrier",
    quote="お支払期限を過ぎた利用料金があります。ご確認ください。",
    notes="The page: sent by SMS and by e-mail; the fake site asks for payment in iTunes cards.",
)
FP(
    "f033_docomo_tanmatsu_fusei",
    "NTTドコモ",
    DOCOMO,
    f"ドコモ <{NOT_SHOWN}>",
    "【緊急】ご利用端末の不正利用について",
    "https://www.nttdocomo.co.jp/info/spam_mail/column/20170509/",
    ["body excerpt"],
    "docomo-tanmatsu-fusei",
    "account_lock",
    quote="お客様がご利用の端末が第三者によって不正に利用された",
    notes="The brand's own page describes the pattern (urgent notice, then a fake app install); subject ours.",
)
FP(
    "f034_docomo_kaiin_reset",
    "NTTドコモ",
    DOCOMO,
    f"NTTドコモ <{NOT_SHOWN}>",
    "NTTドコモ会員登録 パスワードリセットのお知らせ",
    "http://news.livedoor.com/article/detail/14265467/",
    ["body excerpt"],
    "docomo-kaiin-reset-2018",
    "login_alert",
    quote="NTTドコモ会員登録が第三者によって不正にログインされた",
)
# --- government, tax, transport ---------------------------------------------------------------
FP(
    "f035_etax_shiharai_okure",
    "国税庁",
    NTA,
    NOT_SHOWN,
    "【ご確認のお願い】税金の支払いが遅れています",
    "https://spams.illogs.com/?p=161",
    ["subject", "body excerpt"],
    "etax-zeikin-mino-2025",
    "tax",
    quote="【e-Tax】税金未納に関する重要なお知らせ\n納付期限:2025年11月20日\n最終期限:2025年12月30日(※延長不可)",
    link_text="お支払いへ進む",
    signature="国税庁",
)
FP(
    "f036_etax_zeikin_mino",
    "国税庁",
    NTA,
    f"e-Tax(国税電子申告・納税システム) <{NOT_SHOWN}>",
    "【重要】税金未納に関する重要なお知らせ",
    "https://ashiyakaikei.com/tax-fraudulent-email",
    ["subject", "from", "body excerpt"],
    "etax-zeikin-mino-2025",
    "tax",
    quote="納税確認番号:****82703\n滞納金合計:1180円\n納付期限:2025/03/26(支払期日の延長不可)",
    signature="国税庁",
)
FP(
    "f037_mynapoint_fuyo_kakunin",
    "総務省(マイナポイント事務局)",
    SOUMU,
    f"総務省 マイナポイント事務局 <{NOT_SHOWN}>",
    "マイナポイント付与確認のお願い【総務省 マイナポイント事務局****",
    "https://sumaoji.com/858-17438",
    ["subject"],
    "mynapoint-fuyo-2025-10",
    "refund",
    notes="The subject ends in **** as reported (a per-recipient code masked by the warning).",
)
FP(
    "f038_mynapoint_ichiji_horyu",
    "総務省(マイナポイント事務局)",
    SOUMU,
    f"マイナポイント事務局 <{NOT_SHOWN}>",
    "登録情報の不備によりマイナポイント付与が一時保留となっています",
    "https://sumaoji.com/6955-17464",
    ["subject"],
    "mynapoint-fuyo-2025-10",
    "refund",
)
FP(
    "f039_mynapoint_2023_09",
    "総務省(マイナポイント事務局)",
    SOUMU,
    f"マイナポイント事務局 <{NOT_SHOWN}>",
    "マイナポイントのお受け取りについて",
    "https://newsdig.tbs.co.jp/articles/-/746234?page=3",
    ["body excerpt"],
    "mynapoint-2023-09",
    "refund",
    quote="2,0000ポイント\n2023年09月31日まで",
    link_text="保有ポイントを見る",
    notes="Received on 2023-09-11 per the page; the quote keeps the mail's misplaced comma and impossible date.",
)
FP(
    "f040_ekinet_saison_renewal",
    "えきねっと(JR東日本)",
    JRE,
    "SAISON <user@example.jp>",
    "【重要】えきねっとアカウントの自動退会処理について。メール番号:Ek6177244483-72711098",
    "https://nichi-life.suoh.net/1843.html",
    ["subject", "from", "body excerpt", "urls"],
    "ekinet-security-renewal-2025",
    "account_lock",
    urls=["https://deltapropertysolutionsllc.com/eki"],
    link_text="ログイン",
    quote="2025-03-17にセキュリティシステムを全面的にリニューアルしましたため、7日以上にログインしていない方は",
    signature="発行:株式会社JR東日本ネットステーション",
    placeholder_note=OWN_ADDRESS,
    notes="A 2025 variant (security renewal, 7 days) of the auto-withdrawal lure, sent under the display name SAISON.",
)
# --- delivery ---------------------------------------------------------------------------------
FP(
    "f041_yamato_kuroneko_members",
    "ヤマト運輸",
    YAMATO,
    f"ヤマト運輸 <{NOT_SHOWN}>",
    "【クロネコメンバーズ】お荷物の再配達に関する重要なお知らせ",
    "https://sbapp.net/appnews/iphone/security/kuronekoonimotsusaihaitasu-147733",
    ["subject", "body excerpt"],
    "yamato-kuroneko-members-2023-09",
    "delivery",
    quote="※※※重要なお知らせ※※※\n受付日時:09/01/2023 05:00:00 am",
)
FP(
    "f042_yamato_uketori_shitei",
    "ヤマト運輸",
    YAMATO,
    f"ヤマト運輸 <{NOT_SHOWN}>",
    "お荷物お届けのお知らせ【受け取りの日時や場所をご指定ください】",
    "https://sbapp.net/appnews/iphone/security/onimotsuotodokenoshirase-147783",
    ["subject", "body excerpt"],
    "yamato-uketori-shitei-2023-09",
    "delivery",
    quote="重要なお荷物が届きましたが、荷物に不備があり、受取人との連絡が取れませんでした。",
    link_text="荷物の配送状況を確認する",
)
FP(
    "f043_yamato_fuzai_2024",
    "ヤマト運輸",
    YAMATO,
    f"ヤマト運輸株式会社 <{NOT_SHOWN}>",
    "お荷物お届けのお知らせ【受け取りの日時や場所をご指定ください】",
    "https://sbapp.net/appnews/iphone/security/gofuzainooshirase-156611",
    ["subject", "from", "body excerpt"],
    "yamato-fuzai-2024-05",
    "delivery",
    quote="お荷物お届け時ご不在のお知らせ",
    link_text="再配達を依頼する",
    notes="The page masks the sender address (ynnemrm.○○○.ci), so it is not reproduced.",
)
FP(
    "f044_yamato_goriyou_okyakusama",
    "ヤマト運輸",
    YAMATO,
    f"ヤマト運輸 <{NOT_SHOWN}>",
    "ヤマト運輸ご利用のお客様",
    "https://sumaoji.com/?p=16951",
    ["subject"],
    "yamato-goriyou-2025-10",
    "delivery",
)
# --- more banks -------------------------------------------------------------------------------
FP(
    "f045_paypaybank_kisei",
    "PayPay銀行",
    PAYPAYBANK,
    f"PayPay銀行 <{NOT_SHOWN}>",
    "【PayPay銀行】取引を規制いたしました。",
    "https://www.paypay-bank.co.jp/news/2023/0831.html",
    ["subject"],
    "paypaybank-2023-08",
    "account_lock",
    notes="Subject from the bank's own list of phishing subjects.",
)
FP(
    "f046_paypaybank_riyou_teishi",
    "PayPay銀行",
    PAYPAYBANK,
    f"PayPay銀行 <{NOT_SHOWN}>",
    "【PayPay銀行】取引サービスが利用停止のお知らせ",
    "https://www.paypay-bank.co.jp/news/2023/0831.html",
    ["subject"],
    "paypaybank-2023-08",
    "account_lock",
)
FP(
    "f047_paypaybank_kouza_ijou",
    "PayPay銀行",
    PAYPAYBANK,
    f"PayPay銀行 <{NOT_SHOWN}>",
    "お客様の口座について",
    "https://news.cardmics.com/alert/paypaybank/",
    ["body excerpt"],
    "paypaybank-kouza-ijou",
    "refund",
    quote="こんにちは、お客様の口座が異常のため、お客様の口座に振り込む際に、入金することが完了できません、。",
    link_text="▽お手続きはこちら",
)
FP(
    "f048_paypaybank_oshirase",
    "PayPay銀行",
    PAYPAYBANK,
    f"PayPay銀行 <{NOT_SHOWN}>",
    "【重要】PayPay銀行からのお知らせ",
    "https://sdesignlabo.com/column/spam-paypay/",
    ["subject", "body excerpt"],
    "paypaybank-security-upgrade",
    "info_update",
    quote="当社では、フィッシング(※)による不正出金被害防止のため、この度、セキュリティシステムの大幅なアップグレードを実施しており",
    notes="The page replaced the link with https://paypay.hogehoge.com (not reproduced).",
)
FP(
    "f049_paypaybank_honnin_kakunin",
    "PayPay銀行",
    PAYPAYBANK,
    f"PayPay銀行 <{NOT_SHOWN}>",
    "【重要】不正出金被害防止のための本人確認(PayPay銀行)",
    "https://singlekurashi.com/?p=3723",
    ["subject", "body excerpt"],
    "paypaybank-security-upgrade",
    "info_update",
    quote="つきましては下記へのアクセスの上ご登録された個人情報の確認のご協力をお願い致します。",
    link_text="→続けるにはこちらをクリック",
)
# --- one page, many senders: a blogger's table of phishing mails with their sender addresses -----
AMPITA_2025 = "https://www.ampita.net/?p=15609"
for n, (brand, official, display, addr, subject, campaign, lure, in_text) in enumerate(
    [
        (
            "三井住友カード",
            SMBCC,
            "Vpass",
            "auto-confirm.jizltapawjtvxgkzuscjbg@jiwenhi.cn",
            "一定金額到達のお知らせ【三井住友カード】",
            "smbccard-ittei-kingaku-cn",
            "order",
            "三井住友カード",
        ),
        (
            "Visa",
            ["visa.co.jp", "visa.com"],
            "visajapan",
            "info-ttenggjspqwatxjgfouio@kuflqpk.cn",
            "緊急のお願い:visacardの利用確認にご対応ください",
            "visa-riyou-kakunin-cn",
            "card_limit",
            "Visa",
        ),
        (
            "Amazon",
            AMAZON,
            "Amazon",
            "mail.hyyvoimtvunogvcajnoqy@service.fiaolian.cn",
            "クレジットカードの利用承認が得られていません",
            "amazon-card-shounin-cn",
            "payment_fail",
            "Amazon",
        ),
        (
            "Amazon",
            AMAZON,
            "【自動配信メール】",
            "cyberus@wellmotto.com",
            "【Amazon】プライム会員更新の前にお支払い方法をご確認ください。",
            "amazon-prime-wellmotto",
            "payment_fail",
            "Amazon",
        ),
        (
            "SMBC日興証券",
            ["smbcnikko.co.jp"],
            "S M B C 日興証券",
            "ervice@mail03.portraitcondo.com",
            "【重要】配当金のお知らせ No.659478",
            "smbcnikko-haitoukin",
            "securities",
            "SMBC日興証券",
        ),
        (
            "Apple",
            APPLE,
            "Apple",
            "no_reply@email.apple.com",
            "お支払い方法の更新をお願いします",
            "apple-shiharai-koushin",
            "payment_fail",
            "Apple",
        ),
        (
            "Apple",
            APPLE,
            "iCloud",
            "mail-aflzbkgjaagifilekuoir@ycozoca.cn",
            "Appleよりご注文に関する重要なお知らせ",
            "apple-chumon-cn",
            "order",
            "Apple",
        ),
        (
            "アメリカン・エキスプレス",
            AMEX,
            "American Express",
            "order.itnztoimhafcpsctcnpsu@gfukpszy.cn",
            "【American Express】お急ぎください!年会費無料の特別優待は30日間限定です",
            "amex-nenkaihi-muryou-cn",
            "prize",
            "アメリカン・エキスプレス",
        ),
        (
            "えきねっと(JR東日本)",
            JRE,
            "eki-net",
            "info-vvhfxjblzphkaylyeqyqjdk@uaerkang.cn",
            "カード連携で「えきねっと」利用時のポイント2倍!お得な特典をゲット",
            "ekinet-point-2bai-cn",
            "prize",
            "えきねっと",
        ),
        (
            "東京ガス",
            TGAS,
            "myTOKYOGAS",
            "member-xrphxugyfdrvackvlutug@gfukllgy.cn",
            "【myTOKYOGAS】ご請求料金確定のお知らせ お客様のお支払い方法が承認されません",
            "tokyogas-shounin-cn",
            "utility",
            "東京ガス",
        ),
    ],
    start=50,
):
    FP(
        f"f{n:03d}_ampita_{campaign.replace('-', '_')}",
        brand,
        official,
        f"{display} <{addr}>",
        subject,
        AMPITA_2025,
        ["subject", "from"],
        campaign,
        lure,
        brand_in_text=in_text,
        notes="One row of the page's table (title, display name, address); the body is in our words. "
        "The page shows no link or header for it.",
    )

# === genuine notices (ham) =====================================================================
SMBCC_LIST = "https://it-fan.net/spam-mail-handan"
FH(
    "hf01_smbccard_seikyu_click",
    "三井住友カード",
    SMBCC,
    "三井住友カード <info@contact.vpass.ne.jp>",
    "【三井住友カード】ご請求金額のお知らせ",
    ["https://murakami.pro/bank-mail", SMBCC_LIST],
    ["urls (link text and target)", "from domain (the second page lists the brand's sending domains)"],
    "ham-fresh-smbccard-click",
    "statement",
    html=True,
    urls=[
        "https://click.contact.vpass.ne.jp/?qs=f24f49824d1533e2e12c2785f0fab5f9f57321d52ab1e1fb9cd3c4b1118f60e6337e18ca8603e314634a251ccab2ec7044b3ac7084bffcf0a97b70281a1eb39a"
    ],
    link_text="https://www5.smbc-card.com/member/login.jsp",
    greeting="三井住友カード ねこまる 様",
    signature="三井住友カード株式会社",
    notes="A genuine statement notice whose visible link text (www5.smbc-card.com) differs from its target, the issuer's "
    "click-tracking host click.contact.vpass.ne.jp (first page; its author took it for phishing). contact.vpass.ne.jp is "
    "on the issuer's published list (second page). Local part and subject wording are placeholders.",
)
FH(
    "hf02_yucho_onetime_password",
    "ゆうちょ銀行",
    YUCHO,
    "【ゆうちょ銀行】 <information@jp-bank.japanpost.jp>",
    "【ゆうちょ銀行】ワンタイムパスワードのお知らせ",
    "https://faq.jp-bank.japanpost.jp/faq/show/1?category_id=2&site_domain=default",
    ["from address", "from display name"],
    "ham-fresh-yucho-otp",
    "otp",
    greeting="ゆうちょ 花子 様",
    signature="株式会社ゆうちょ銀行",
    notes="The bank's FAQ: one-time passwords for ゆうちょダイレクト come from 【ゆうちょ銀行】<information@jp-bank.japanpost.jp>.",
)
FH(
    "hf03_jpost_haitatsu_kanryou",
    "日本郵便",
    JPOST,
    "日本郵便 <info@delivery.post.japanpost.jp>",
    "配達完了のお知らせ",
    "http://post.japanpost.jp/oshirase/index.html",
    ["from address"],
    "ham-fresh-jpost-kanryou",
    "delivered",
    signature="日本郵便株式会社",
    notes="The carrier's page: delivery-completed notices come from info@delivery.post.japanpost.jp.",
)
SAISON_FRESH = [*SAISON, "saisonid.com"]
SAISON_SRC = "https://otoku.awaisora.com/924ad1f2-5a12-48bc-9dac-52c2c8eab885"
for n, (addr, subject, lure) in enumerate(
    [
        ("express@mail.saisoncard.co.jp", "受付完了のお知らせ", "gov"),
        ("info@mail2.saisoncard.co.jp", "【セゾンカード】ご利用代金明細のお知らせ", "statement"),
        ("info@cs.saisoncard.co.jp", "【セゾンカード】サービスに関するお知らせ", "news"),
        ("info@saisonid.com", "【セゾンID】ログインのお知らせ", "login"),
    ],
    start=4,
):
    FH(
        f"hf{n:02d}_saison_{addr.split('@')[1].split('.')[0]}",
        "セゾンカード",
        SAISON_FRESH,
        f"クレディセゾン <{addr}>",
        subject,
        SAISON_SRC,
        ["from address" if addr.startswith("express@") else "from domain (page quoting the brand)"],
        f"ham-fresh-saison-{n}",
        lure,
        brand_in_text="セゾンカード",
        body_urls=["https://www.saisoncard.co.jp/"],
        signature="株式会社クレディセゾン",
        notes="The page (after the issuer's list): express@mail.saisoncard.co.jp sends merchant 受付完了 notices; "
        "@mail.saisoncard.co.jp, @mail2.saisoncard.co.jp, @cs.saisoncard.co.jp and @saisonid.com are official sending domains.",
    )
TGAS_SRC = "https://sumaoji.com/?p=17434"
for n, (addr, subject, lure) in enumerate(
    [
        ("info@mail-members.tokyo-gas.co.jp", "【myTOKYOGAS】ご請求料金確定のお知らせ", "bill"),
        ("info@mail.tokyo-gas.co.jp", "東京ガスからのお知らせ", "news"),
        ("info@tokyo-gas.co.jp", "【東京ガス】不審なメールにご注意ください", "security"),
    ],
    start=8,
):
    FH(
        f"hf{n:02d}_tokyogas_{addr.split('@')[1].split('.')[0].replace('-', '_')}",
        "東京ガス",
        TGAS,
        f"東京ガス <{addr}>",
        subject,
        TGAS_SRC,
        ["from domain (page quoting the brand)"],
        f"ham-fresh-tokyogas-{n}",
        lure,
        body_urls=["https://members.tokyo-gas.co.jp/"],
        signature="東京ガス株式会社",
        notes="The page lists the official sending domains tokyo-gas.co.jp, mail.tokyo-gas.co.jp, mail-members.tokyo-gas.co.jp "
        "and says myTOKYOGAS members do receive a genuine bill notice. The link is the brand's site (placeholder).",
    )
for n, domain in enumerate(["bitflyer.com", "bitflyer.jp"], start=11):
    FH(
        f"hf{n:02d}_bitflyer_{domain.split('.')[1]}",
        "bitFlyer",
        BITFLYER,
        f"bitFlyer <info@{domain}>",
        "【bitFlyer】ログインのお知らせ" if n == 11 else "【bitFlyer】お知らせ",
        "https://bitcoinlab.jp/articles/899",
        ["from domain (page quoting the brand)"],
        f"ham-fresh-bitflyer-{n}",
        "login" if n == 11 else "news",
        body_urls=["https://bitflyer.com/ja-jp/"],
        signature="株式会社bitFlyer",
        notes="The page: bitFlyer's notices come from ~@bitflyer.jp and ~@bitflyer.com.",
    )
FH(
    "hf13_jcb_riyou_kakunin",
    "JCB",
    JCB,
    "JCB <security.mail@info.jcb.co.jp>",
    "【JCBカード】カードご利用内容の確認のお願い",
    "https://j-faq.jcb.co.jp/print/faq/488?category_id=168&site_domain=default",
    ["subject", "from address"],
    "ham-fresh-jcb-fusei-kenchi",
    "fraud_check",
    body_urls=["https://my.jcb.co.jp/"],
    signature="株式会社ジェーシービー",
    notes="The issuer's FAQ gives this sender and subject for its fraud-detection mail; it links to a page asking only "
    "for the code JCB sends (placeholder link: the brand's site). Reads like phishing by design.",
)
SHINSEI = ["sbishinseibank.co.jp"]
for n, (addr, subject, lure) in enumerate(
    [
        ("support@sbishinseibank.co.jp", "【SBI新生銀行】重要なお知らせ", "news"),
        ("koho@ml.sbishinseibank.co.jp", "【SBI新生銀行】ニュースリリースのご案内", "news"),
    ],
    start=14,
):
    FH(
        f"hf{n:02d}_sbishinsei_{addr.split('@')[0]}",
        "SBI新生銀行",
        SHINSEI,
        f"SBI新生銀行 <{addr}>",
        subject,
        "https://www.sbishinseibank.co.jp/security/attention/phishing.html",
        ["from address"],
        f"ham-fresh-sbishinsei-{n}",
        lure,
        body_urls=["https://www.sbishinseibank.co.jp/"],
        signature="株式会社SBI新生銀行",
        notes="The bank's page lists its sending addresses: support@ (notices), koho@ml. (news releases).",
    )
RAKUTEN_FAQ = "https://ichiba.faq.rakuten.net/detail/000013315?l-id=parts-announcement-l3-02"
for n, (addr, subject, lure) in enumerate(
    [
        ("info@id.rakuten.co.jp", "【楽天会員】ログインのお知らせ", "login"),
        ("info@emagazine.rakuten.co.jp", "楽天市場ニュース", "news"),
        ("no-reply@account.rakuten.com", "楽天会員情報の変更を受け付けました", "gov"),
    ],
    start=16,
):
    FH(
        f"hf{n:02d}_rakuten_{addr.split('@')[1].split('.')[0]}",
        "楽天",
        RAKUTEN,
        f"楽天 <{addr}>",
        subject,
        RAKUTEN_FAQ,
        ["from domain (brand FAQ)"],
        f"ham-fresh-rakuten-{n}",
        lure,
        brand_in_text="楽天市場",
        body_urls=["https://www.rakuten.co.jp/"],
        signature="楽天グループ株式会社",
        notes="The shop's FAQ lists its sending domains (account.rakuten.com, emagazine.rakuten.co.jp, id.rakuten.co.jp, ...).",
    )
AMAZON_LIST = "https://affilabo.com/pc/19547/"
for n, (addr, subject, lure) in enumerate(
    [
        ("shipment-tracking@amazon.co.jp", "Amazon.co.jp ご注文の商品を発送しました", "delivery"),
        ("order-update@amazon.co.jp", "配達完了: ご注文の商品をお届けしました", "delivered"),
        ("account-update@amazon.co.jp", "Amazon.co.jp アカウント情報の変更", "login"),
    ],
    start=19,
):
    FH(
        f"hf{n:02d}_amazon_{addr.split('@')[0].replace('-', '_')}",
        "Amazon",
        AMAZON,
        f"Amazon.co.jp <{addr}>",
        subject,
        AMAZON_LIST,
        ["from address (page's list of addresses seen since 2017)"],
        f"ham-fresh-amazon-{n}",
        lure,
        body_urls=["https://www.amazon.co.jp/gp/css/order-history"],
        signature="Amazon.co.jp",
    )
FH(
    "hf22_paypay_password_reset",
    "PayPay",
    PAYPAY,
    "PayPay <notice@paypay-corp.co.jp>",
    "【PayPay】パスワードリセットのお知らせ",
    "https://xxchuchoterxx.hatenablog.com/entry/PayPayPW",
    ["subject", "from address"],
    "ham-fresh-paypay-reset",
    "login",
    signature="PayPay株式会社",
    notes="The page: notices with this subject came in 2025 from notice@paypay-corp.co.jp, an address PayPay uses "
    "for password-reset notices (triggered by others' reset attempts). No link here.",
)
FH(
    "hf23_yamato_otodoke_yotei",
    "ヤマト運輸",
    YAMATO,
    "ヤマト運輸 <mail@kuronekoyamato.co.jp>",
    "お荷物お届けのお知らせ",
    "https://sumaoji.com/?p=16951",
    ["from domain (page quoting the brand)"],
    "ham-fresh-yamato-yotei",
    "delivery",
    body_urls=["https://www.kuronekoyamato.co.jp/"],
    signature="ヤマト運輸株式会社",
    notes="The page lists @kuronekoyamato.co.jp as the carrier's sending domain.",
)
FH(
    "hf24_ocn_infomail",
    "OCN",
    OCN,
    "OCN <notice@infomail.ocn.ne.jp>",
    "【OCN】ご契約内容に関するお知らせ",
    "https://lifestyle.assist-all.co.jp/notice-infomail-ocn-ne-jp-verification-and-safety-check",
    ["from address"],
    "ham-fresh-ocn-infomail",
    "news",
    body_urls=["https://www.ocn.ne.jp/"],
    signature="OCN",
    notes="The page treats notice@infomail.ocn.ne.jp as OCN's notice address and explains how to verify it.",
)
FH(
    "hf25_sakura_support",
    "さくらインターネット",
    SAKURA,
    "さくらインターネット <support@sakura.ad.jp>",
    "【さくらインターネット】ご契約サービス更新のご案内",
    "https://help.sakura.ad.jp/hc/ja/articles/360000156542-%E3%81%95%E3%81%8F%E3%82%89%E3%82%A4%E3%83%B3%E3%82%BF%E3%83%BC%E3%83%8D%E3%83%83%E3%83%88%E3%82%92%E9%A8%99%E3%82%8B-%E3%81%AA%E3%82%8A%E3%81%99%E3%81%BE%E3%81%97%E3%83%A1%E3%83%BC%E3%83%AB-%E3%81%AB%E3%81%94%E6%B3%A8%E6%84%8F%E3%81%8F%E3%81%A0%E3%81%95%E3%81%84",
    ["from address"],
    "ham-fresh-sakura-support",
    "renewal",
    body_urls=["https://secure.sakura.ad.jp/"],
    signature="さくらインターネット株式会社",
    notes="The brand's page: its support address is support@sakura.ad.jp; its control panels live under https://secure.sakura.ad.jp/.",
)
# --- pages that published header lines or raw header values ----------------------------------
RESONA = ["resonabank.co.jp", "resona-gr.co.jp"]
MUFG_ = ["bk.mufg.jp", "mufg.jp"]
NETBK = ["netbk.co.jp"]
FP(
    "f060_rakutencard_received_2017",
    "楽天カード",
    ["rakuten-card.co.jp"],
    f"楽天カード <{NOT_SHOWN}>",
    "【楽天カード】ご請求金額確定のお知らせ",
    "http://www.signalysis.co.jp/blogs/tech/2017/10/18/171018/",
    ["headers (Received, as shown)"],
    "rakutencard-received-2017-10",
    "billing",
    date="Wed, 18 Oct 2017 09:19:24 +0700",
    headers=[
        (
            "Received",
            "from [118.69.37.240] (unknown [118.69.37.240])\n"
            " by naisho.net (Postfix) with ESMTP id 575899C0411\n"
            " for <naisho>; Wed, 18 Oct 2017 11:22:10 +0900 (JST)",
        ),
        (
            "Received",
            "from [] (helo=mail.rakuten-card.co.jp)\n"
            " by  with esmtpa (Exim 4.69) id 1MMIU5-7373hs-RE\n"
            " for <naisho>; Wed, 18 Oct 2017 09:19:24 +0700",
        ),
    ],
    link_text="詳しくはこちら",
    placeholder_note="Received: the page's redaction 内緒 written as naisho (header values are ASCII); Date set to the sender-side Received time",
    notes="The page shows both Received lines (118.69.37.240, Vietnam; HELO claims mail.rakuten-card.co.jp); the body billed 29,770円 "
    "from an account at a bank the author does not use. Subject and sender address not shown.",
)
FP(
    "f061_rakutencard_anchor_mismatch",
    "楽天カード",
    ["rakuten-card.co.jp"],
    "楽天カード <support@mail.rakuten-card.co.jp>",
    "【楽天カード】お客様情報の確認のお願い",
    "https://dr-seo.net/2018/02/07/%e6%a5%bd%e5%a4%a9%e3%82%ab%e3%83%bc%e3%83%89%e3%81%8b%e3%82%89%e3%81%ae%e6%80%aa%e3%81%97%e3%81%84%e3%83%a1%e3%83%bc%e3%83%ab%e5%86%8d%e3%81%b3",
    ["from", "urls (link text and target)"],
    "rakutencard-anchor-2018-02",
    "info_update",
    html=True,
    urls=["http://cz.marinhypnotherapy.com"],
    link_text="https://www.rakuten-card.co.jp/e-navi/members/information/customer/index46346",
    notes="The page quotes the anchor: its text is a rakuten-card.co.jp URL (shown with a line-break space, removed here), "
    "its href another host; From is the brand's own domain. Display name and subject ours.",
)
FP(
    "f062_rakuten_chumon_henkou",
    "楽天",
    RAKUTEN,
    f"楽天 <{NOT_SHOWN}>",
    "【楽天市場】ご注文情報の確認",
    "http://qpbgm.sblo.jp/article/188505297.html",
    ["body excerpt"],
    "rakuten-chumon-henkou-2021-03",
    "order",
    quote="[注文番号] 578145-20210319-445\n[店舗受付日時] 2021/03/19 6:16:30\n[お支払い方法] クレジットカード決済",
    link_text="楽天ログイン >",
    signature="楽天カード株式会社",
)
FP(
    "f063_rakutencard_atson",
    "楽天カード",
    ["rakuten-card.co.jp"],
    "楽天カード <Rakuten-card.co.jp@ppscan8s01.v501.atson.jp>",
    "【楽天カード】カードご利用の確認",
    "http://qpbgm.sblo.jp/article/188505297.html",
    ["from"],
    "rakutencard-atson-2021",
    "card_limit",
    notes="An earlier mail on the same page; only its sender address is given (local part spells the brand's domain).",
)
FP(
    "f064_resona_gb2312",
    "りそな銀行",
    RESONA,
    "【りそな銀行】 <mp@resona-gr.co.jp>",
    "本人認証サービス",
    "https://blog.tmtms.net/entry/2016/02/21/mojibake2",
    ["subject", "from", "headers (raw From and Subject)"],
    "resona-honnin-ninsho-2016",
    "info_update",
    raw_from="=?GB2312?B?ob6k6qS9pMrjedDQob8=?= <mp@resona-gr.co.jp>",
    raw_subject="=?GB2312?B?sb7Iy9VK1F6ltalgpdOluQ==?=",
    date="Sun, 21 Feb 2016 10:00:00 +0900",
    placeholder_note="Date (day of the page's post; time ours)",
    notes="Raw From/Subject as the page shows them: labelled GB2312 but really GBK, so strict GB2312 decoding breaks "
    "(【りそな銀行】 / 本人認証サービス decode only as GBK).",
)
FP(
    "f065_mufg_foxmail",
    "三菱UFJ銀行",
    MUFG_,
    f"三菱東京UFJ銀行 <{NOT_SHOWN}>",
    "本人認証サービス",
    "https://iroiro-memo.hatenablog.com/entry/20150128/1422456523",
    ["subject", "body excerpt", "headers (X-Mailer)"],
    "mufg-honnin-ninsho-2015",
    "info_update",
    brand_in_text="三菱東京UFJ銀行",
    greeting="こんにちは!",
    extra=[("X-Mailer", "Foxmail 4.2 [cn]")],
    date="Mon, 26 Jan 2015 10:00:00 +0900",
    placeholder_note="Date (day from the page; time ours)",
    notes="The page shows X-Mailer: Foxmail 4.2 [cn] and Content-Type text/html; charset=GB2312 (this rebuild is UTF-8).",
)
FP(
    "f066_netbk_kyumin",
    "住信SBIネット銀行",
    NETBK,
    f"住信SBIネット銀行 <{NOT_SHOWN}>",
    "【住信SBIネット銀行】アカウントの確認",
    "https://itnews.jp/?p=9659",
    ["body excerpt", "headers (X-Mailer)", "urls (host only)"],
    "netbk-kyumin-kiok-ren",
    "account_lock",
    quote="お客様はアカウントが凍結?休眠されないように",
    urls=["http://www.netbk.co.jp.kiok.ren/"],
    extra=[("X-Mailer", "Microsoft Outlook Express 6.00.2900.5512")],
    notes="The page gives the link host www.netbk.co.jp.kiok.ren (scheme and path ours), smtp.mailfrom=163.com, "
    "client-ip=172.87.28.169, helo=hcxxsjiwg.com (fragments, so no Authentication-Results line is built from them).",
)
FP(
    "f067_mynapoint_apple_sender",
    "総務省(マイナポイント事務局)",
    SOUMU,
    "マイナポイント第2弾 <numbercard-4045@id.apple.com>",
    "期限迫る!マイナポイント第2弾で20,000円分のポイントがもらえる!",
    "http://www.lifewithunix.jp/notes/2023/09/19/phishing-message-as-myna_point_2nd-2023-09-19/",
    ["subject", "from", "body excerpt"],
    "mynapoint-apple-sender-2023-09",
    "refund",
    quote="┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓\n急務:20,000円のマイナポイントの有効期限が近づいています!\n┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
    date="Tue, 19 Sep 2023 10:00:00 +0900",
    placeholder_note="Date (day of the page; time ours)",
    notes="A government lure sent from an address on Apple's domain (id.apple.com), as the page shows.",
)
FP(
    "f068_amazon_haitatsu_dodengyo",
    "Amazon",
    AMAZON,
    "Amazon.co.jp <nhdfbunbozne@dodengyo.jp>",
    "ご注文商品の配達が完了しました",
    "https://www.sagi110.com/shinchyan-checker/amazon-narisumashi-mail-check",
    ["subject", "from", "urls (host only)"],
    "amazon-haitatsu-dodengyo",
    "order",
    urls=["https://peachfactz.com/"],
    link_text="注文番号を確認",
    notes="The page: SPF softfail, DKIM none, X-Spam-Status: Yes (not complete header lines, so none added); the button "
    "led to peachfactz.com (path ours).",
)
FP(
    "f069_smbccard_torihiki_fuseiritsu",
    "三井住友カード",
    SMBCC,
    "三井住友カード <kuvtngz@kankoro.com>",
    "【三井住友カード】お取引不成立のお知らせ",
    "https://expose-spam-emails.com/?p=661",
    ["subject", "from"],
    "smbccard-torihiki-fuseiritsu",
    "payment_fail",
)
FP(
    "f070_rakuten_chumon_jidou",
    "楽天",
    RAKUTEN,
    f"楽天市場 <{NOT_SHOWN}>",
    "【楽天市場】注文内容ご確認(自動配信メール)",
    "https://yakunitatuyo.info/rakutenmailsagi/",
    ["subject"],
    "rakuten-ichiba-chumon-2020",
    "order",
)
FP(
    "f071_sakura_webmail_2019",
    "さくらインターネット",
    SAKURA,
    f"さくらインターネット <{NOT_SHOWN}>",
    "【さくらインターネット】アカウントの確認",
    "https://support-az.com/2019/10/11/%e3%81%95%e3%81%8f%e3%82%89%e3%82%a4%e3%83%b3%e3%82%bf%e3%83%bc%e3%83%8d%e3%83%83%e3%83%88%e3%82%92%e9%a8%99%e3%82%8b%e3%83%a1%e3%83%bc%e3%83%ab%e3%81%ab%e3%81%94%e6%b3%a8%e6%84%8f",
    ["urls (as written on the page, scheme ours)"],
    "sakura-webmail-2019-10",
    "mailbox",
    urls=["http://sakurawebmail.co/ad.jp"],
    notes="The page shows the mail as an image and writes its link as sakurawebmail.co/ad.jp.",
)
FP(
    "f072_rakuten_card_jouhou_koushin",
    "楽天",
    RAKUTEN,
    f"楽天市場 <{NOT_SHOWN}>",
    "【重要】カード情報更新のお知らせ",
    "https://p-man.org/rakuten_card_sagi.html",
    ["subject", "body excerpt"],
    "rakuten-card-jouhou-koushin",
    "payment_fail",
    quote="楽天会員のカード情報を更新できませんでした。",
    link_text="楽天市場ログイン",
    greeting="楽天市場のお客様",
)
FP(
    "f073_rakutencard_google_play",
    "楽天カード",
    ["rakuten-card.co.jp"],
    f"Rakuten.co.jp <{NOT_SHOWN}>",
    "カード利用のお知らせ(本人ご利用分)",
    "https://chiilabo.com/2021-07/phishing-mail-fake-credit-card-statement",
    ["subject", "from"],
    "rakutencard-google-play-2021-07",
    "order",
    quote="155943円\nGOOGLE PLAY JAPA",
    notes="Display name from the page; its address (with capitals) is shown only as an image.",
)
# --- utilities and more hosting -----------------------------------------------------------------
TOKYO_WATER = ["waterworks.metro.tokyo.lg.jp"]
XSERVER = ["xserver.ne.jp", "xserver.co.jp"]
FP(
    "f074_xserver_storage_5pct",
    "エックスサーバー",
    XSERVER,
    f"Xserver <{NOT_SHOWN}>",
    "メールボックスのストレージ容量が少ない",
    "https://rupinasu0317heart.com/1624.html",
    ["subject", "body excerpt"],
    "xserver-storage-5pct",
    "mailbox",
    greeting="ユーザーの皆様、",
    quote="現在のメールボックスの残りの容量は5%未満ですが、これは通常の使用に影響しますが、メールボックスの容量にアップグレードすることをお勧めします。",
    link_text="ログインする",
)
FP(
    "f075_tokyo_suido_mino_tsuuchi",
    "東京都水道局",
    TOKYO_WATER,
    f"東京都水道局 <{NOT_SHOWN}>",
    "水道料金の未納通知です",
    "https://www.itmedia.co.jp/mobile/articles/2312/14/news194.html",
    ["subject", "body excerpt"],
    "tokyo-suido-mino-2023-12",
    "utility",
    quote="お客様のアカウントには未払いの水道料金があり、サービスの中断を避けるため、できるだけ早くこの請求書を処理するようお願い申し上げます",
)
FP(
    "f076_tokyo_suido_entai",
    "東京都水道局",
    TOKYO_WATER,
    f"東京都水道局 <{NOT_SHOWN}>",
    "重要:水道料金の延滞が生じています",
    "https://weekly.ascii.jp/elem/000/004/177/4177232",
    ["subject"],
    "tokyo-suido-mino-2023-12",
    "utility",
)
FP(
    "f077_tokyo_suido_kyusui_teishi",
    "東京都水道局",
    TOKYO_WATER,
    f"東京都水道局 <{NOT_SHOWN}>",
    "【至急】給水停止などの予告",
    "https://j-cast.com/2022/03/10432756.html",
    ["subject", "body excerpt"],
    "tokyo-suido-kyusui-teishi-2022-03",
    "utility",
    quote="お支払い確認できない場合、やむを得ず給水の停止や支払監促の申立て等の措置を講ずることになります",
    notes="Subject as the heading of the mail in the bureau's screenshot, per the page.",
)
FP(
    "f078_tokyo_suido_seikyu_kakutei",
    "東京都水道局",
    TOKYO_WATER,
    f"東京都水道局 <{NOT_SHOWN}>",
    "請求料金確定のお知らせ",
    "https://power-hikaku.info/column/tokyowater/",
    ["subject"],
    "tokyo-suido-seikyu-2024-04",
    "billing",
    date="Sun, 14 Apr 2024 10:00:00 +0900",
    body_urls=["https://www.waterworks.metro.tokyo.lg.jp/"],
    placeholder_note="Date (day from the page; time ours)",
    notes="The page: the end of the mail carried the app's terms and a link to the bureau's real site (its URL not given; "
    "the bureau's home page stands in for it).",
)
FP(
    "f079_tokyo_suido_kyusui_teishi_mae",
    "東京都水道局",
    TOKYO_WATER,
    f"東京水道局 <{NOT_SHOWN}>",
    "給水停止前通知:未納の料金があります",
    "https://www.mano-kitchen-cafe.jp/%E6%9D%B1%E4%BA%AC%E6%B0%B4%E9%81%93%E5%B1%80%E7%B5%A6%E6%B0%B4%E5%81%9C%E6%AD%A2%E5%89%8D%E9%80%9A%E7%9F%A5%EF%BC%9A%E6%9C%AA%E7%B4%8D%E3%81%AE%E6%96%99%E9%87%91%E3%81%8C%E3%81%82%E3%82%8A%E3%81%BE/",
    ["subject"],
    "tokyo-suido-kyusui-teishi-mae",
    "utility",
    notes="The subject is quoted in the page's title; the body only described.",
)
