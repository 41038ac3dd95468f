"""The milter service: analyse each message as it arrives and stamp, tag, hold or reject it.

Never loses mail: a timeout, an exception or a message over the size limit is accepted with
`X-Mailautopsy-Verdict: unknown` and a logged reason (or tempfailed, when configured so); a
broken milter connection falls back to the MTA's `milter_default_action`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .. import knowledge, rules
from ..analyze import Analysis, analyze
from ..settings import DEFAULT_SETTINGS
from . import config as config_mod
from .config import MilterConfig
from .protocol import Action, Message, Session
from .stamp import already_stamped, is_japanese, stamped

if TYPE_CHECKING:
    from prometheus_client import CollectorRegistry

log = logging.getLogger("mailautopsy.milter")

HEADER_PREFIX = "x-mailautopsy-"
_STAMPED_VERDICTS = ("phishing", "suspicious", "spam")


class Metrics:
    """Prometheus metrics of one service (its own registry, so several services can coexist)."""

    def __init__(self) -> None:
        from prometheus_client import CollectorRegistry, Counter, Histogram

        self.registry: CollectorRegistry = CollectorRegistry()
        self.messages = Counter(
            "mailautopsy_milter_messages",
            "Messages seen, by verdict and action",
            ["verdict", "action"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "mailautopsy_milter_latency_seconds",
            "Time from end-of-message to the milter's answer",
            buckets=(0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30),
            registry=self.registry,
        )
        self.timeouts = Counter("mailautopsy_milter_timeouts", "Analyses that ran out of time", registry=self.registry)
        self.failures = Counter(
            "mailautopsy_milter_failures", "Messages passed unanalysed, by reason", ["reason"], registry=self.registry
        )
        self.reloads = Counter("mailautopsy_milter_reloads", "Configuration reloads (SIGHUP)", registry=self.registry)

    def serve(self, spec: str) -> None:
        from prometheus_client import start_http_server

        host, _, port = spec.rpartition(":")
        start_http_server(int(port), addr=host.strip("[]") or "127.0.0.1", registry=self.registry)


def _header_value(text: str) -> str:
    """A header value the MTA can take: ASCII, or RFC 2047 encoded."""
    if text.isascii():
        return text
    from email.header import Header

    return Header(text, "utf-8").encode(linesep="\n")


def _fold_ids(ids: list[str]) -> str:
    lines: list[str] = []
    line = ""
    for i in ids:
        if line and len(line) + len(i) + 2 > 70:
            lines.append(line + ",")
            line = i
        else:
            line = f"{line}, {i}" if line else i
    lines.append(line)
    return "\n\t".join(lines)


def store_report(cfg: MilterConfig, raw: bytes) -> str:
    """Upload the message to the web app; its report's URL, or "" (logged) when that failed."""
    import json
    import urllib.request

    request = urllib.request.Request(
        f"{cfg.report_url}/api/analyses",
        data=raw,
        method="POST",
        headers={"Authorization": f"Bearer {cfg.report_token}", "Content-Type": "message/rfc822"},
    )
    try:
        with urllib.request.urlopen(request, timeout=cfg.report_timeout) as response:
            answer = json.loads(response.read(1_000_000))
        analysis_id = str(answer["id"])
    except Exception as exc:  # the report is a convenience: the verdict goes on without it
        log.warning("report upload to %s failed: %s: %s", cfg.report_url, type(exc).__name__, str(exc)[:200])
        return ""
    if not analysis_id.replace("-", "").isalnum():
        return ""
    return f"{cfg.report_url}/analyses/{analysis_id}"


class MilterService:
    def __init__(self, cfg: MilterConfig, config_path: Path | None = None, metrics: Metrics | None = None) -> None:
        self.cfg = cfg
        self.config_path = config_path
        self.metrics = metrics or Metrics()
        self.executor = ThreadPoolExecutor(max_workers=cfg.workers, thread_name_prefix="mailautopsy-milter")
        self.slots = asyncio.Semaphore(cfg.workers)
        self.server: asyncio.AbstractServer | None = None
        self.sessions: set[asyncio.Task[None]] = set()

    # --- per message -------------------------------------------------------------------------

    async def handle(self, message: Message) -> list[Action]:
        start = time.monotonic()
        cfg = self.cfg  # one configuration for the whole message, even across a reload
        removals = self._remove_forged(message)
        verdict, score, action, reason, extra = "unknown", 0, "accept", "", ""
        try:
            if message.size > cfg.max_message_bytes:
                reason = f"oversize ({message.size} bytes > {cfg.max_message_bytes})"
                self.metrics.failures.labels("oversize").inc()
                actions = [*removals, Action("add_header", "X-Mailautopsy-Verdict", "unknown")]
                actions.append(Action("add_header", "X-Mailautopsy-Reason", "oversize"))
                return [*actions, Action("accept")]
            try:
                result, link = await asyncio.wait_for(self._analyse(cfg, message.raw()), cfg.timeout_seconds)
            except TimeoutError:
                self.metrics.timeouts.inc()
                self.metrics.failures.labels("timeout").inc()
                reason = f"timeout after {cfg.timeout_seconds:g} s"
                action = cfg.on_failure
                return self._failure(cfg, removals, "timeout")
            verdict, score = result.verdict, result.score.total
            actions, action, extra = self._act(cfg, message, result, link)
            return removals + actions
        except Exception as exc:  # never lose mail over a bug
            reason = f"error {type(exc).__name__}: {exc}"[:300]
            self.metrics.failures.labels("error").inc()
            action = cfg.on_failure
            return self._failure(cfg, removals, "error")
        finally:
            elapsed = time.monotonic() - start
            self.metrics.latency.observe(elapsed)
            self.metrics.messages.labels(verdict, action).inc()
            log.info(
                "queue_id=%s verdict=%s score=%d action=%s ms=%.1f size=%d%s%s",
                message.queue_id or "-",
                verdict,
                score,
                action,
                elapsed * 1000,
                message.size,
                extra,
                f' reason="{reason}"' if reason else "",
            )

    def _failure(self, cfg: MilterConfig, removals: list[Action], why: str) -> list[Action]:
        if cfg.on_failure == "tempfail":
            return [Action("reply", value=cfg.tempfail_reply)]
        return [
            *removals,
            Action("add_header", "X-Mailautopsy-Verdict", "unknown"),
            Action("add_header", "X-Mailautopsy-Reason", why),
            Action("accept"),
        ]

    def _remove_forged(self, message: Message) -> list[Action]:
        """Delete every X-Mailautopsy-* header that came with the message (last occurrence first,
        so the indexes of the ones still to delete do not move)."""
        seen: dict[str, int] = {}
        out: list[Action] = []
        kept: list[tuple[str, bytes]] = []
        for name, value in message.headers:
            key = name.lower()
            if key.startswith(HEADER_PREFIX):
                seen[key] = seen.get(key, 0) + 1
                out.append(Action("change_header", name, "", seen[key]))
            else:
                kept.append((name, value))
        message.headers = kept
        return sorted(out, key=lambda a: -a.index)

    async def _analyse(self, cfg: MilterConfig, raw: bytes) -> tuple[Analysis, str]:
        settings = replace(DEFAULT_SETTINGS, authserv_ids=cfg.authserv_ids)
        online = None
        if cfg.online:  # imported here: an offline milter never loads a network library
            from ..enrich.cache import default_path
            from ..enrich.investigate import OnlineOptions

            online = OnlineOptions(
                resolver=cfg.online_resolver,
                timeout=min(2.0, cfg.online_budget),
                budget=cfg.online_budget,
                cache_path=cfg.online_cache or default_path(),
                visit=False,
            )
        given_up = threading.Event()

        def job() -> tuple[Analysis, str] | None:
            # A message already answered (it timed out while queued) is not analysed after all.
            if given_up.is_set():
                return None
            result = analyze(raw, "milter", settings, cfg.knowledge, online)
            link = ""
            if cfg.report_url and result.verdict in cfg.report_verdicts:
                link = store_report(cfg, raw)
            return result, link

        try:
            async with self.slots:
                result = await asyncio.get_running_loop().run_in_executor(self.executor, job)
        finally:
            given_up.set()
        if result is None:
            raise TimeoutError
        return result

    def _act(
        self, cfg: MilterConfig, message: Message, result: Analysis, link: str = ""
    ) -> tuple[list[Action], str, str]:
        verdict = result.verdict
        ids = sorted({f.id for f in result.findings if f.weight > 0})
        senders = [message.sender] + [a.address for a in result.message.from_]
        allowed = cfg.allowed(*senders)
        decision = cfg.decide(verdict, message.recipients)
        actions = [Action("add_header", "X-Mailautopsy-Verdict", verdict)]
        if verdict != "clean":
            actions.append(Action("add_header", "X-Mailautopsy-Score", str(result.score.total)))
            if result.brand_label:
                actions.append(Action("add_header", "X-Mailautopsy-Brand", _header_value(result.brand_label)))
            if ids:
                actions.append(Action("add_header", "X-Mailautopsy-Findings", _fold_ids(ids)))
        if link:
            actions.append(Action("add_header", "X-Mailautopsy-Report", link))
        if allowed:
            actions.append(Action("add_header", "X-Mailautopsy-Action", "allowlisted"))
            return [*actions, Action("accept")], "allowlisted", f" findings={','.join(ids) or '-'}"
        subject = next((v for n, v in message.headers if n.lower() == "subject"), None)
        if decision.stamp and verdict in _STAMPED_VERDICTS:
            language = decision.language
            if language == "auto":
                language = "ja" if is_japanese(result.message.subject) else "en"
            stamp = cfg.stamp_for(verdict, language)
            if stamp and not (subject is not None and already_stamped(subject, cfg.stamps_of(verdict))):
                value = stamped(subject, stamp)
                if subject is None:
                    actions.append(Action("add_header", "Subject", value))
                else:
                    actions.append(Action("change_header", "Subject", value, 1))
        extra = f" findings={','.join(ids) or '-'}"
        if decision.action == "reject":
            return [Action("reply", value=cfg.reject_reply)], "reject", extra
        if decision.action == "hold":
            actions.append(Action("quarantine", value=f"mailautopsy: {verdict} (score {result.score.total})"))
            return [*actions, Action("accept")], "hold", extra
        return [*actions, Action("accept")], "accept", extra

    # --- service ---------------------------------------------------------------------------------

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.sessions.add(task)
        try:
            await Session(reader, writer, self.handle, self.cfg.max_message_bytes + 1).run()
        except Exception as exc:  # a broken peer costs its connection only
            log.warning("milter session ended: %s: %s", type(exc).__name__, exc)
        finally:
            self.sessions.discard(task)

    async def start(self, listen: str) -> None:
        kind, _, where = listen.partition(":")
        if kind == "unix" or kind == "local":
            path = Path(where)
            if path.is_socket():  # left over by a killed milter
                path.unlink()
            self.server = await asyncio.start_unix_server(self._session, path=where)
            # The MTA runs as another user; who may reach the socket is set by its directory.
            path.chmod(0o666)
        elif kind in ("inet", "inet6"):
            host, _, port = where.rpartition(":")
            if "@" in where:  # sendmail style inet:port@host
                port, _, host = where.partition("@")
            self.server = await asyncio.start_server(self._session, host.strip("[]") or "127.0.0.1", int(port))
        else:
            raise ValueError(f"listen {listen!r}: expected inet:HOST:PORT or unix:PATH")
        log.info("listening on %s", listen)

    def reload(self) -> None:
        """SIGHUP: read the configuration again and drop the cached knowledge and rules."""
        try:
            cfg = config_mod.load(self.config_path)
        except Exception as exc:
            log.error("reload failed, keeping the old configuration: %s", exc)
            return
        knowledge.load.cache_clear()
        knowledge._builtin.cache_clear()
        rules.load.cache_clear()
        try:
            knowledge.load(cfg.knowledge)
            rules.load()
        except Exception as exc:
            log.error("reload of knowledge failed: %s", exc)
        if cfg.workers != self.cfg.workers:
            self.executor = ThreadPoolExecutor(max_workers=cfg.workers, thread_name_prefix="mailautopsy-milter")
            self.slots = asyncio.Semaphore(cfg.workers)
        self.cfg = cfg
        self.metrics.reloads.inc()
        log.info("configuration and knowledge reloaded")

    async def serve_forever(self, listen: str) -> None:
        # Load knowledge and rules before the first mail arrives, not while it waits.
        knowledge.load(self.cfg.knowledge)
        rules.load()
        await self.start(listen)
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGHUP, self.reload)
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_signal_handler(signal.SIGINT, stop.set)
        await stop.wait()
        log.info("stopping")
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()
        if self.sessions:  # let messages being analysed finish
            await asyncio.wait(set(self.sessions), timeout=self.cfg.timeout_seconds + 5)
        self.executor.shutdown(wait=False, cancel_futures=True)


def add_subparser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`mailautopsy milter`: registered by cli.py with one call."""
    m = sub.add_parser("milter", help="run as a milter for Postfix or Sendmail (stamp, tag or hold phishing)")
    m.add_argument("--listen", default=None, help="inet:HOST:PORT or unix:PATH (default from the config)")
    m.add_argument("--config", type=Path, default=None, help="TOML file with a [milter] section")
    m.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    cfg = config_mod.load(args.config)
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s mailautopsy-milter %(message)s")
    service = MilterService(cfg, args.config)
    if cfg.metrics:
        service.metrics.serve(cfg.metrics)
    asyncio.run(service.serve_forever(args.listen or cfg.listen))
    return 0
