"""The Sendmail milter protocol (version 6, as Postfix and Sendmail speak it) on asyncio.

Why written here rather than taken from a library (see docs/milter.md): pymilter wraps
Sendmail's libmilter, which owns SIGHUP (it stops the milter on it, where an administrator
expects a reload) and ships only as a C source distribution needing libmilter-dev and a
compiler; purepythonmilter is a single 0.0.1 alpha release whose hooks carry no per-message
state and whose sessions end after a fixed 30 s idle time. The protocol itself is small: a
length-prefixed packet per command, one reply per command the MTA waits for, and the message
modifications sent before the final reply to end-of-message.

A `Session` reads packets from one MTA connection, keeps the envelope, macros, headers and
body of the current message (the body only up to `max_body_bytes`; the rest is counted and
dropped), and at end-of-message awaits `handler(message)` for the list of `Action`s to send.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

VERSION = 6
_QUICKACK: int | None = getattr(socket, "TCP_QUICKACK", None)
"""Linux only; elsewhere the MTA's delayed-ACK wait stays."""

# Actions the milter may take (SMFIF_*).
SMFIF_ADDHDRS = 0x01
SMFIF_CHGHDRS = 0x10
SMFIF_QUARANTINE = 0x20

# Protocol steps (SMFIP_*): steps the MTA need not send, and replies it need not wait for.
SMFIP_NOHELO = 0x02
SMFIP_NOUNKNOWN = 0x100
SMFIP_NODATA = 0x200
SMFIP_NR_CONN = 0x1000
SMFIP_NR_MAIL = 0x4000
SMFIP_NR_RCPT = 0x8000
SMFIP_NR_HDR = 0x80
SMFIP_NR_EOH = 0x40000
SMFIP_NR_BODY = 0x80000

_SKIP_STEPS = SMFIP_NOHELO | SMFIP_NOUNKNOWN | SMFIP_NODATA
_NO_REPLY = SMFIP_NR_CONN | SMFIP_NR_MAIL | SMFIP_NR_RCPT | SMFIP_NR_HDR | SMFIP_NR_EOH | SMFIP_NR_BODY

MAX_PACKET = 64 * 1024 * 1024
"""A packet longer than this is a broken peer (Postfix sends body chunks of at most 64 KiB)."""


class ProtocolError(Exception):
    pass


@dataclass
class Message:
    """What the MTA told about one message."""

    macros: dict[str, str] = field(default_factory=dict)
    client_address: str = ""
    sender: str = ""
    recipients: list[str] = field(default_factory=list)
    headers: list[tuple[str, bytes]] = field(default_factory=list)
    body: bytearray = field(default_factory=bytearray)
    body_size: int = 0
    """Bytes of body the MTA sent, including those dropped beyond the limit."""
    header_size: int = 0

    @property
    def size(self) -> int:
        return self.header_size + self.body_size

    @property
    def queue_id(self) -> str:
        return self.macros.get("i", "")

    def raw(self) -> bytes:
        """The message as RFC 5322 bytes (CRLF line ends), body as kept."""
        out = bytearray()
        for name, value in self.headers:
            value = value.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            out += name.encode("ascii", "replace") + b":" + (b"" if value[:1] in (b" ", b"\t") else b" ") + value
            out += b"\r\n"
        out += b"\r\n"
        out += self.body
        return bytes(out)


@dataclass(frozen=True)
class Action:
    """One reply to end-of-message: a modification, or the final disposition."""

    kind: str
    """add_header | insert_header | change_header | quarantine | accept | continue | tempfail | reply"""
    name: str = ""
    value: str = ""
    index: int = 0

    def encode(self) -> tuple[bytes, bytes]:
        if self.kind == "add_header":
            return b"h", _z(self.name) + _z(self.value)
        if self.kind == "insert_header":
            return b"i", struct.pack("!I", self.index) + _z(self.name) + _z(self.value)
        if self.kind == "change_header":
            return b"m", struct.pack("!I", self.index) + _z(self.name) + _z(self.value)
        if self.kind == "quarantine":
            return b"q", _z(self.value)
        if self.kind == "accept":
            return b"a", b""
        if self.kind == "continue":
            return b"c", b""
        if self.kind == "tempfail":
            return b"t", b""
        if self.kind == "reply":  # an SMTP reply: 4xx tempfails, 5xx rejects
            return b"y", _z(self.value.replace("%", "%%"))
        raise ValueError(self.kind)

    @property
    def final(self) -> bool:
        return self.kind in ("accept", "continue", "tempfail", "reply")


def _z(text: str) -> bytes:
    return text.encode("utf-8") + b"\0"


Handler = Callable[[Message], Awaitable[list[Action]]]


class Session:
    """One MTA connection: read commands, answer them, hand each message to `handler`."""

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        handler: Handler,
        max_body_bytes: int,
        idle_timeout: float = 3600.0,
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.handler = handler
        self.max_body_bytes = max_body_bytes
        self.idle_timeout = idle_timeout
        self.protocol = 0
        self.message = Message()
        self.connect_macros: dict[str, str] = {}

    async def _read(self) -> tuple[bytes, bytes] | None:
        try:
            head = await asyncio.wait_for(self.reader.readexactly(4), self.idle_timeout)
        except (asyncio.IncompleteReadError, ConnectionError, TimeoutError):
            return None
        (length,) = struct.unpack("!I", head)
        if not 1 <= length <= MAX_PACKET:
            raise ProtocolError(f"bad packet length {length}")
        data = await self.reader.readexactly(length)
        self._ack_now()
        return data[:1], data[1:]

    def _ack_now(self) -> None:
        """Acknowledge what was read at once. The MTA sends a command's macros and the command
        itself as two small writes; with Nagle's algorithm on its side the second waits for the
        first's ACK, which Linux delays up to 40 ms when the reader has nothing to send back —
        that wait, several times per message, was most of the latency the milter added."""
        sock = self.writer.get_extra_info("socket")
        if _QUICKACK is None or sock is None or sock.family not in (socket.AF_INET, socket.AF_INET6):
            return
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)  # Linux resets it: set after every read

    def _send(self, cmd: bytes, data: bytes = b"") -> None:
        self.writer.write(struct.pack("!I", len(data) + 1) + cmd + data)

    def _reply(self, no_reply_flag: int) -> None:
        if not self.protocol & no_reply_flag:
            self._send(b"c")

    async def run(self) -> None:
        try:
            while True:
                packet = await self._read()
                if packet is None:
                    return
                if not await self._dispatch(*packet):
                    return
                await self.writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            return
        finally:
            self.writer.close()

    async def _dispatch(self, cmd: bytes, data: bytes) -> bool:
        if cmd == b"O":
            version, actions, protocol = struct.unpack("!III", data[:12])
            if version < 2:
                raise ProtocolError(f"milter protocol version {version} unsupported")
            self.protocol = protocol & (_SKIP_STEPS | _NO_REPLY)
            wanted = (SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_QUARANTINE) & actions
            self._send(b"O", struct.pack("!III", min(version, VERSION), wanted, self.protocol))
        elif cmd == b"D":
            stage, pairs = data[:1], data[1:].split(b"\0")
            macros = {
                pairs[i].decode("utf-8", "replace").strip("{}"): pairs[i + 1].decode("utf-8", "replace")
                for i in range(0, len(pairs) - 1, 2)
            }
            if stage == b"C":
                self.connect_macros.update(macros)
            self.message.macros.update(macros)
        elif cmd == b"C":
            _host, _, rest = data.partition(b"\0")
            family = rest[:1]
            address = rest[3:].split(b"\0")[0].decode("ascii", "replace") if family in (b"4", b"6") else ""
            self.connect_macros["_address"] = address
            self.message = Message(macros=dict(self.connect_macros), client_address=address)
            self._reply(SMFIP_NR_CONN)
        elif cmd == b"M":
            self.message = Message(
                macros={**self.connect_macros, **self.message.macros},
                client_address=self.connect_macros.get("_address", ""),
                sender=_address(data),
            )
            self._reply(SMFIP_NR_MAIL)
        elif cmd == b"R":
            self.message.recipients.append(_address(data))
            self._reply(SMFIP_NR_RCPT)
        elif cmd == b"L":
            name, _, rest = data.partition(b"\0")
            value = rest[:-1] if rest.endswith(b"\0") else rest
            self.message.header_size += len(name) + len(value) + 4
            self.message.headers.append((name.decode("ascii", "replace"), value))
            self._reply(SMFIP_NR_HDR)
        elif cmd == b"N":
            self._reply(SMFIP_NR_EOH)
        elif cmd == b"B":
            self._body(data)
            self._reply(SMFIP_NR_BODY)
        elif cmd == b"E":
            self._body(data)
            message, self.message = self.message, Message(macros=dict(self.connect_macros))
            replies = bytearray()  # modifications and the verdict in one write: one segment, no Nagle wait
            for action in await self.handler(message):
                cmd, payload = action.encode()
                replies += struct.pack("!I", len(payload) + 1) + cmd + payload
            self.writer.write(bytes(replies))
        elif cmd == b"A":
            self.message = Message(macros=dict(self.connect_macros))
        elif cmd == b"K":  # quit, but a new connection will follow on this socket
            self.connect_macros = {}
            self.message = Message()
        elif cmd == b"Q":
            return False
        elif cmd in (b"H", b"T", b"U"):
            self._send(b"c")
        else:
            raise ProtocolError(f"unknown milter command {cmd!r}")
        return True

    def _body(self, data: bytes) -> None:
        self.message.body_size += len(data)
        room = self.max_body_bytes - len(self.message.body)
        if room > 0:
            self.message.body += data[:room]


def _address(data: bytes) -> str:
    first = data.split(b"\0", 1)[0].decode("utf-8", "replace").strip()
    return first[1:-1] if first.startswith("<") and first.endswith(">") else first
