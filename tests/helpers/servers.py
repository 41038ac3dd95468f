"""Real servers on loopback for the online tests: a DNS server with test zones (dnslib), a DNS
server that never answers, and an HTTP server for RDAP (bootstrap file and domain records,
also malformed and slow ones). Only 127.0.0.1; nothing here reaches the internet."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from dnslib import AAAA, MX, PTR, QTYPE, RCODE, RR, TXT, A, DNSRecord
from dnslib.server import BaseResolver, DNSServer

Zones = dict[str, list[tuple[str, str]]]
"""name → [(type, value)]; MX values as '10 mx.example.test'."""


class _ZoneResolver(BaseResolver):  # type: ignore[misc]
    def __init__(self, zones: Zones, log: list[str], wildcard: Zones | None = None) -> None:
        self.zones = {k.lower().rstrip("."): v for k, v in zones.items()}
        self.log = log
        self.wildcard = wildcard

    def resolve(self, request: DNSRecord, handler: Any) -> DNSRecord:
        reply = request.reply()
        name = str(request.q.qname).lower().rstrip(".")
        qtype = QTYPE[request.q.qtype]
        self.log.append(f"{qtype} {name}")
        records = self.zones.get(name)
        if records is None and self.wildcard is not None:
            records = self.wildcard.get(name.split(".", 1)[0] if name.startswith("_") else "*", [])
        if records is None:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply
        for rtype, value in records:
            if rtype != qtype:
                continue
            if rtype == "A":
                rdata: Any = A(value)
            elif rtype == "AAAA":
                rdata = AAAA(value)
            elif rtype == "MX":
                pref, host = value.split(" ", 1)
                rdata = MX(host, int(pref))
            elif rtype == "PTR":
                rdata = PTR(value)
            else:
                # long TXT values (DKIM keys) split into 255-byte strings, as DNS requires
                rdata = TXT([value[i : i + 255] for i in range(0, len(value), 255)])
            reply.add_answer(RR(request.q.qname, getattr(QTYPE, rtype), rdata=rdata, ttl=300))
        return reply


class DnsTestServer:
    """dnslib server on 127.0.0.1, UDP and TCP, on a free port; `log` records every query."""

    def __init__(self, zones: Zones, wildcard: Zones | None = None) -> None:
        """`wildcard` answers names missing from `zones`: key '*' for ordinary names, '_dmarc'
        or '_domainkey'-style first labels for those (benchmarks use it to answer anything)."""
        self.log: list[str] = []
        resolver = _ZoneResolver(zones, self.log, wildcard)
        # UDP and TCP on one free port: the port the first gets may be taken for the other, so retry.
        for _attempt in range(50):
            self.udp = DNSServer(resolver, address="127.0.0.1", port=0, logger=_Quiet())
            self.port = self.udp.server.server_address[1]
            try:
                self.tcp = DNSServer(resolver, address="127.0.0.1", port=self.port, tcp=True, logger=_Quiet())
                break
            except OSError:
                self.udp.server.server_close()
        else:
            raise OSError("no port free for both UDP and TCP on 127.0.0.1")

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self) -> DnsTestServer:
        self.udp.start_thread()
        self.tcp.start_thread()
        return self

    def __exit__(self, *exc: object) -> None:
        self.udp.stop()
        self.tcp.stop()


class _Quiet:
    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *a, **k: None


class BlackHoleDns:
    """A UDP socket on 127.0.0.1 that reads queries and never answers (the timeout path)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.received = 0

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self) -> BlackHoleDns:
        def swallow() -> None:
            while True:
                try:
                    self.sock.recvfrom(4096)
                except OSError:
                    return
                self.received += 1

        threading.Thread(target=swallow, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()


def rdap_domain(name: str, created: str, registrar: str = "Example Registrar", country: str = "") -> dict[str, Any]:
    """An RDAP domain answer (RFC 9083) as registries send them."""
    registrant: dict[str, Any] = {
        "objectClassName": "entity",
        "roles": ["registrant"],
        "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["adr", {"cc": country}, "text", [""] * 7]]],
    }
    return {
        "objectClassName": "domain",
        "ldhName": name,
        "events": [{"eventAction": "registration", "eventDate": created}],
        "entities": [
            {
                "objectClassName": "entity",
                "roles": ["registrar"],
                "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", registrar]]],
                "entities": [
                    {
                        "objectClassName": "entity",
                        "roles": ["abuse"],
                        "vcardArray": [
                            "vcard",
                            [["version", {}, "text", "4.0"], ["email", {}, "text", "abuse@registrar.test"]],
                        ],
                    }
                ],
            },
            registrant,
        ],
    }


def send(
    handler: BaseHTTPRequestHandler, code: int, body: bytes, kind: str, headers: dict[str, str] | None = None
) -> None:
    """Answer a request; a client that gave up already (the timeout tests) is no error."""
    try:
        handler.send_response(code)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)
    except OSError:
        pass


class LoopbackHttp:
    """A threading HTTP server on 127.0.0.1 (a free port), run while the `with` block lasts."""

    def serve(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]

    def __enter__(self) -> Self:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class RdapTestServer(LoopbackHttp):
    """HTTP on 127.0.0.1: /dns.json (IANA bootstrap format pointing at itself) and
    /rdap/domain/NAME from `domains`; a value 'MALFORMED' answers broken JSON, 'SLOW' waits
    `slow_seconds` first, 'RATELIMIT' answers 429."""

    def __init__(
        self, domains: dict[str, Any], tlds: list[str], slow_seconds: float = 10.0, default: Any = None
    ) -> None:
        server_self = self
        self.requests: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server_self.requests.append(self.path)
                if self.path == "/dns.json":
                    base = f"http://127.0.0.1:{server_self.port}/rdap/"
                    body: Any = {"version": "1.0", "services": [[tlds, [base]]]}
                    return self._send(200, json.dumps(body).encode())
                prefix = "/rdap/domain/"
                name = self.path[len(prefix) :].lower() if self.path.startswith(prefix) else ""
                value = domains.get(name, default(name) if callable(default) else default)
                if value is None:
                    return self._send(404, b'{"errorCode": 404}')
                if value == "MALFORMED":
                    return self._send(200, b'{"objectClassName": "domain", "events": [')
                if value == "RATELIMIT":
                    return self._send(429, b"{}")
                if value == "SLOW":
                    time.sleep(slow_seconds)
                    return self._send(200, b"{}")
                return self._send(200, json.dumps(value).encode())

            def _send(self, code: int, body: bytes) -> None:
                send(self, code, body, "application/rdap+json")

            def log_message(self, *args: object) -> None:
                pass

        self.serve(Handler)

    @property
    def bootstrap(self) -> str:
        return f"http://127.0.0.1:{self.port}/dns.json"


class WhoisTestServer:
    """A WHOIS server (TCP, port 43 protocol) on 127.0.0.1: answers `answers[query]`, 'SLOW' waits
    `slow_seconds` first; unknown queries get a registry's 'No match' line."""

    def __init__(self, answers: dict[str, str], slow_seconds: float = 10.0) -> None:
        import socketserver

        server_self = self
        self.queries: list[str] = []

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                query = self.rfile.readline(1024).decode("ascii", "replace").strip()
                server_self.queries.append(query)
                answer = answers.get(query.removesuffix("/e").lower(), f'No match for "{query}".\r\n')
                if answer == "SLOW":
                    time.sleep(slow_seconds)
                    answer = "No match\r\n"
                with contextlib.suppress(OSError):  # the client gave up (timeout test)
                    self.wfile.write(answer.encode("utf-8"))

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self) -> WhoisTestServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
