"""`mailautopsy extract` and the web app's attachments zip (issue 19 item 2): one implementation,
safe names, a manifest, the encrypted zip."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
import pyzipper
from helpers import build_mail

from mailautopsy.cli import main
from mailautopsy.extract import extracted_files, safe_name
from mailautopsy.web.files import protected_attachments

EXE = b"MZ\x90\x00" + b"\x00" * 200
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name)  # ZipInfo keeps hostile names as written
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()


INNER = _zip([("../evil.txt", b"climb out\n"), ("/etc/cron.d/abs.exe", EXE)])
OUTER = _zip([("inner.zip", INNER), ("invoice.pdf.exe", EXE), ("report.pdf", PDF)])


def _mail() -> bytes:
    return build_mail(
        subject="Invoice",
        attachments=[
            ("invoice.zip", OUTER, "application/zip"),
            ("..\\..\\Windows\\CON", b"plain words\n", "text/plain"),
            (".hidden.html", b"<html><form><input type=password></form></html>", "text/html"),
        ],
    )


def test_nested_zip_every_member_with_manifest(tmp_path: Path) -> None:
    raw = _mail()
    src = tmp_path / "mail.eml"
    src.write_bytes(raw)
    out = tmp_path / "out"
    assert main(["extract", str(src), "-o", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entries = manifest["files"]
    assert manifest["message_sha256"] == hashlib.sha256(raw).hexdigest()
    declared = [e["declared_name"] for e in entries]
    assert declared == [
        "invoice.zip",
        "inner.zip",
        "../evil.txt",
        "/etc/cron.d/abs.exe",
        "invoice.pdf.exe",
        "report.pdf",
        "..\\..\\Windows\\CON",
        ".hidden.html",
    ]
    by_name = {e["declared_name"]: e for e in entries}
    assert by_name["inner.zip"]["parent"] == 0 and by_name["../evil.txt"]["parent"] == 1
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == len(entries) + 1  # every file and the manifest
    for e in entries:
        data = (out / e["name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == e["sha256"] and len(data) == e["size"]
        assert e["name"].startswith(f"{e['index']:03d}-")
        assert e["sniffed_type"] and "declared_type" in e
    assert by_name["invoice.pdf.exe"]["name"] == "004-invoice_pdf_exe.exe_"
    assert by_name["/etc/cron.d/abs.exe"]["name"] == "003-abs_exe.exe_"
    assert by_name["../evil.txt"]["name"] == "002-evil_txt.txt"
    assert by_name["..\\..\\Windows\\CON"]["name"] == "006-CON.txt"
    assert by_name[".hidden.html"]["name"] == "007-hidden_html.html_"
    assert by_name["report.pdf"]["name"] == "005-report_pdf.pdf_"
    assert not (tmp_path / "evil.txt").exists() and not any(p.is_dir() for p in out.iterdir())


@pytest.mark.parametrize(
    "hostile",
    ["../../etc/passwd", "/abs/path.exe", "C:\\Windows\\system32\\x.dll", "a\x00b.exe", "CON", "NUL.txt", "..", ""],
)
def test_safe_names_stay_inside(hostile: str, tmp_path: Path) -> None:
    name = safe_name(3, hostile, "exe")
    assert name.startswith("003-") and name.endswith(".exe_")
    assert "/" not in name and "\\" not in name and "\x00" not in name and name.count(".") == 1
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


def test_long_and_undecodable_names_fit_a_file_system(tmp_path: Path) -> None:
    for hostile in ("😈" * 300 + ".exe", "bad\udcff\udc80name.pdf", "日本語" * 100):
        name = safe_name(12, hostile, "exe")
        assert len(name.encode("utf-8")) <= 255
        (tmp_path / name).write_bytes(b"x")  # the file system takes it


def test_undecodable_declared_name_in_the_manifest(tmp_path: Path) -> None:
    from mailautopsy.extract import ExtractedFile, manifest, protected_zip, write_folder

    files = [ExtractedFile(0, "000-x.bin", "2", "bad\udcffname", "", "binary", 1, "ab", False, None, data=b"x")]
    info = manifest(files, "m.eml", b"raw")
    write_folder(files, tmp_path / "out", info)
    assert "bad\ufffdname" in (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")
    with pyzipper.AESZipFile(io.BytesIO(protected_zip(files, info))) as zf:
        zf.setpassword(b"infected")
        assert json.loads(zf.read("manifest.json"))["files"][0]["declared_name"] == "bad\ufffdname"


def test_bidi_override_cannot_fake_the_extension() -> None:
    name = safe_name(0, "invoice\u202egpj.exe", "exe")
    assert "\u202e" not in name and name.endswith(".exe_")


def test_encrypted_zip_opens_with_the_password(tmp_path: Path) -> None:
    src = tmp_path / "mail.eml"
    src.write_bytes(_mail())
    target = tmp_path / "samples.zip"
    assert main(["extract", str(src), "-o", str(target), "--zip-password", "infected"]) == 0
    with pyzipper.AESZipFile(target) as zf:
        names = zf.namelist()
        with pytest.raises(RuntimeError):
            zf.read("004-invoice_pdf_exe.exe_")  # no password
        zf.setpassword(b"infected")
        assert zf.read("004-invoice_pdf_exe.exe_") == EXE
        manifest = json.loads(zf.read("manifest.json"))
    assert {e["name"] for e in manifest["files"]} <= set(names)
    assert zf.getinfo("manifest.json").flag_bits & 0x1  # encrypted


def test_web_download_is_the_same_implementation() -> None:
    raw = _mail()
    with pyzipper.AESZipFile(io.BytesIO(protected_attachments(raw))) as zf:
        zf.setpassword(b"infected")
        names = set(zf.namelist())
    assert {f.name for f in extracted_files(raw)} | {"manifest.json", "README.txt"} == names


def test_existing_files_are_never_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "mail.eml"
    src.write_bytes(_mail())
    out = tmp_path / "out"
    assert main(["extract", str(src), "-o", str(out)]) == 0
    assert main(["extract", str(src), "-o", str(out)]) != 0
    assert "exists already" in capsys.readouterr().err


def test_unread_members_are_listed_not_written(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with pyzipper.AESZipFile(buf, "w", encryption=pyzipper.WZ_AES) as zf:
        zf.setpassword(b"secret")
        zf.writestr("payload.exe", EXE)
    files = extracted_files(build_mail(attachments=[("locked.zip", buf.getvalue(), "application/zip")]))
    member = files[1]
    assert member.filename == "payload.exe" and member.name == "" and member.note.startswith("encrypted")
