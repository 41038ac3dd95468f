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
    DOCOMO,
    JCB,
    JRE,
    KDDI,
    NOT_SHOWN,
    NTA,
    PHISH,
    RAKUTEN,
    SAKURA,
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
