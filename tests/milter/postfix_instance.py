"""A private Postfix instance on loopback for the milter tests and benchmark.

Its own config_directory, queue_directory and data_directory under a temporary directory,
SMTP on a free loopback port, `smtpd_milters` pointing at the milter under test, and every
recipient delivered by virtual(8) into one Maildir. Needs Debian's postfix and root (the
master daemon drops privileges to the `postfix` user itself).
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POSTFIX = shutil.which("postfix") or "/usr/sbin/postfix"
DOMAINS = ("example.jp", "example.com", "strict.example", "reject.example")

_MASTER_CF = """\
{smtp_port} inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
smtp      unix  -       -       n       -       -       smtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""


def unavailable() -> str | None:
    """Why a private Postfix cannot run here, or None."""
    if not Path(POSTFIX).exists():
        return "Debian's postfix is not installed (apt-get install postfix)"
    if os.geteuid() != 0:
        return "starting a Postfix instance needs root"
    try:
        pwd.getpwnam("postfix")
    except KeyError:
        return "no postfix user"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostfixInstance:
    def __init__(
        self, milter: int | str | None, default_action: str = "accept", extra: dict[str, str] | None = None
    ) -> None:
        """`milter`: a loopback port, a milter address as Postfix takes it, or None for no milter."""
        self.base = Path(tempfile.mkdtemp(prefix="mailautopsy-postfix-", dir="/tmp"))
        self.base.chmod(0o755)
        self.config = self.base / "etc"
        self.queue = self.base / "queue"
        self.data = self.base / "data"
        self.mail = self.base / "mail"
        self.maildir = self.mail / "inbox"
        self.smtp_port = free_port()
        self.log = self.base / "maillog"
        nobody = pwd.getpwnam("nobody")
        settings = {
            "compatibility_level": "3.6",
            "queue_directory": str(self.queue),
            "data_directory": str(self.data),
            "mail_owner": "postfix",
            "setgid_group": "postdrop",
            "myhostname": "mx.test.example",
            "mydomain": "test.example",
            "myorigin": "test.example",
            "mydestination": "",
            "inet_interfaces": "127.0.0.1",
            "inet_protocols": "ipv4",
            "mynetworks": "127.0.0.0/8",
            "smtpd_recipient_restrictions": "permit_mynetworks, reject",
            "relay_domains": "",
            "virtual_mailbox_domains": " ".join(DOMAINS),
            "virtual_mailbox_base": str(self.mail),
            "virtual_mailbox_maps": "static:inbox/",
            "virtual_uid_maps": f"static:{nobody.pw_uid}",
            "virtual_gid_maps": f"static:{nobody.pw_gid}",
            "virtual_mailbox_limit": "0",
            "message_size_limit": str(60 * 1024 * 1024),
            "smtpd_milters": f"inet:127.0.0.1:{milter}" if isinstance(milter, int) else (milter or ""),
            "milter_default_action": default_action,
            "milter_connect_timeout": "5s",
            "milter_content_timeout": "60s",
            "maillog_file": str(self.log),
            "maillog_file_prefixes": str(self.base),
            "smtputf8_enable": "no",
            "biff": "no",
            "alias_maps": "",
            "alias_database": "",
            "smtpd_client_connection_count_limit": "200",
            "smtpd_client_connection_rate_limit": "0",
            "smtpd_client_message_rate_limit": "0",
            "default_process_limit": "100",
            "in_flow_delay": "0",
            "shlib_directory": "/usr/lib/postfix",
            "daemon_directory": "/usr/lib/postfix/sbin",
            "meta_directory": "/etc/postfix",
            **(extra or {}),
        }
        self.config.mkdir()
        (self.config / "main.cf").write_text("".join(f"{k} = {v}\n" for k, v in settings.items()))
        (self.config / "master.cf").write_text(_MASTER_CF.format(smtp_port=f"127.0.0.1:{self.smtp_port}"))
        # Dynamic map types (Debian splits them into packages) are read from the config directory.
        for name in ("dynamicmaps.cf", "dynamicmaps.cf.d", "postfix-files", "postfix-files.d"):
            src = Path("/etc/postfix") / name
            if src.is_dir():
                shutil.copytree(src, self.config / name)
            elif src.exists():
                shutil.copy(src, self.config / name)
        self.queue.mkdir()
        self.mail.mkdir()
        os.chown(self.mail, nobody.pw_uid, nobody.pw_gid)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*args],
            capture_output=True,
            text=True,
            check=check,
            timeout=120,
            env={**os.environ, "MAIL_CONFIG": str(self.config)},
        )

    def start(self) -> None:
        self._run(POSTFIX, "-c", str(self.config), "start")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.smtp_port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"postfix did not listen on {self.smtp_port}: {self.maillog()[-2000:]}")

    def stop(self) -> None:
        self._run(POSTFIX, "-c", str(self.config), "stop", check=False)

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)

    def maillog(self) -> str:
        try:
            return self.log.read_text(errors="replace")
        except OSError:
            return ""

    def queue_json(self) -> list[dict[str, object]]:
        out = self._run("postqueue", "-c", str(self.config), "-j", check=False).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def held(self) -> list[dict[str, object]]:
        return [q for q in self.queue_json() if q.get("queue_name") == "hold"]

    def held_message(self, queue_id: str) -> bytes:
        return subprocess.run(
            ["postcat", "-c", str(self.config), "-q", "-bh", queue_id], capture_output=True, check=True, timeout=60
        ).stdout

    def delivered(self) -> list[bytes]:
        new = self.maildir / "new"
        if not new.is_dir():
            return []
        return [p.read_bytes() for p in sorted(new.iterdir())]

    def wait_idle(self, timeout: float = 60.0) -> None:
        """Until the active and incoming queues are empty (mail delivered, held or deferred)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            busy = [q for q in self.queue_json() if q.get("queue_name") in ("active", "incoming", "maildrop")]
            if not busy:
                return
            time.sleep(0.1)
        raise TimeoutError("postfix queue did not drain")


class MilterProcess:
    """`mailautopsy milter` as an administrator runs it: a separate process, logging to a file."""

    def __init__(self, config_text: str, port: int | None = None, unix: Path | None = None) -> None:
        self.port = port or free_port()
        self.unix = unix
        self.metrics_port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="mailautopsy-milter-"))
        self.config = self.dir / "milter.toml"
        self.config.write_text(config_text.replace("@METRICS@", f"127.0.0.1:{self.metrics_port}"), encoding="utf-8")
        self.log = self.dir / "milter.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        src = Path(__file__).resolve().parents[2] / "src"
        env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "mailautopsy",
                    "milter",
                    "--listen",
                    self.listen,
                    "--config",
                    str(self.config),
                ],
                stdout=log,
                stderr=log,
                env=env,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"milter exited: {self.log_text()[-2000:]}")
            try:
                if self.unix is not None:
                    with socket.socket(socket.AF_UNIX) as s:
                        s.connect(str(self.unix))
                else:
                    with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                        pass
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"milter did not listen: {self.log_text()[-2000:]}")

    @property
    def listen(self) -> str:
        return f"unix:{self.unix}" if self.unix is not None else f"inet:127.0.0.1:{self.port}"

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(30)

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
