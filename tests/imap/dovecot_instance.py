"""A private Dovecot on loopback for the IMAP scan tests.

Its own config, base_dir, state and Maildirs under one directory, IMAPS and IMAP (STARTTLS) on
free loopback ports, a self-signed certificate made here with `cryptography`, and a passwd-file
with the test users. Nothing system-wide is read or changed. Needs Debian's dovecot-imapd and
root (the master process drops privileges itself).
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import os
import pwd
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER = "analyst"
PASSWORD = "s3cret-Pa55-for-tests"
EMPTY_USER = "nobody-here"
OAUTH_USER = "oauth-user"
TOKEN = "ya29.test-bearer-token-for-loopback"
"""The passdb checks an XOAUTH2 token as that user's password: enough to see the mechanism used."""

_CONF = """\
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{base}/cert.pem
ssl_key = <{base}/key.pem
disable_plaintext_auth = yes
auth_mechanisms = plain login xoauth2
imap_logout_format = in=%i out=%o deleted=%{{deleted}} expunged=%{{expunged}} body_count=%{{fetch_body_count}}
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = {uid}
mail_location = maildir:{base}/mail/%u
mail_privileged_group =
namespace inbox {{
  inbox = yes
  separator = .
  prefix =
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={base}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


def unavailable() -> str | None:
    """Why a private Dovecot cannot run here, or None."""
    if not Path(DOVECOT).exists():
        return "Debian's dovecot-imapd is not installed (apt-get install dovecot-imapd)"
    if os.geteuid() != 0:
        return "starting a Dovecot instance needs root"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def self_signed(cert: Path, key: Path) -> None:
    """A certificate for 127.0.0.1 and localhost, its own issuer (the tests trust it as a CA)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mailautopsy test IMAP")])
    now = datetime.datetime.now(datetime.UTC)
    san = x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(san, critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(private, hashes.SHA256())
    )
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    key.chmod(0o600)


class DovecotInstance:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.base.chmod(0o755)
        self.imap_port = free_port()
        self.imaps_port = free_port()
        self.config = base / "dovecot.conf"
        self.cafile = base / "cert.pem"
        self_signed(self.cafile, base / "key.pem")
        nobody = pwd.getpwnam("nobody")
        for sub in ("run", "state", "mail", "home"):
            (base / sub).mkdir()
        for sub in ("mail", "home"):  # the imap processes run as nobody (Dovecot refuses uid 0)
            os.chown(base / sub, nobody.pw_uid, nobody.pw_gid)
        (base / "passwd").write_text(
            f"{USER}:{{PLAIN}}{PASSWORD}::::::\n{EMPTY_USER}:{{PLAIN}}{PASSWORD}::::::\n"
            f"{OAUTH_USER}:{{PLAIN}}{TOKEN}::::::\n"
        )
        self.config.write_text(
            _CONF.format(
                base=base, imap_port=self.imap_port, imaps_port=self.imaps_port, uid=nobody.pw_uid, gid=nobody.pw_gid
            )
        )

    def start(self) -> None:
        # dovecot forks into the background: its output goes to a file, or the pipes would stay open.
        with (self.base / "start.log").open("wb") as out:
            done = subprocess.run([DOVECOT, "-c", str(self.config)], stdout=out, stderr=out, timeout=60, check=False)
        if done.returncode:
            raise RuntimeError(f"dovecot did not start: {(self.base / 'start.log').read_text(errors='replace')}")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.imaps_port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"dovecot did not listen on {self.imaps_port}: {self.log()[-2000:]}")

    def stop(self) -> None:
        subprocess.run(
            [DOVECOT, "-c", str(self.config), "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=60,
            check=False,
        )

    def log(self) -> str:
        try:
            return (self.base / "dovecot.log").read_text(errors="replace")
        except OSError:
            return ""

    def client(self) -> object:
        """A logged-in IMAPClient over IMAPS, trusting the instance's certificate."""
        import ssl

        from imapclient import IMAPClient

        context = ssl.create_default_context(cafile=str(self.cafile))
        client = IMAPClient("127.0.0.1", self.imaps_port, ssl=True, ssl_context=context, timeout=60)
        client.login(USER, PASSWORD)
        return client


class DroppingProxy:
    """A TCP relay to `port` that cuts its first connection after `drop_after` bytes from the
    server (a connection lost in the middle of a FETCH); later connections pass whole, or are cut
    the same way with `every`."""

    def __init__(self, port: int, drop_after: int, every: bool = False) -> None:
        self.upstream = port
        self.drop_after = drop_after
        self.every = every
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            server = socket.create_connection(("127.0.0.1", self.upstream))
            limit = self.drop_after if self.connections == 1 or self.every else None
            threading.Thread(target=self._pump, args=(client, server, None), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, limit), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket, limit: int | None) -> None:
        sent = 0
        try:
            while limit is None or sent < limit:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        for sock in (src, dst):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self) -> None:
        self.listener.close()
