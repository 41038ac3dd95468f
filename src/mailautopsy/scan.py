"""Batch scanning: every message under some paths, one result per message, in parallel, never
stopping for one bad message.

Memory stays bounded whatever the input: mbox files are streamed message by message
(parse/sources.py) and at most a small window of messages is in flight to the workers.
Workers are forked lazily (only for a batch of two or more messages) from a parent that has
already loaded the knowledge and rules, so a small batch does not pay a fresh interpreter per
worker; messages travel in small chunks to cut the per-message hand-over cost.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import rules
from .analyze import SCHEMA_VERSION, Analysis, analyze
from .campaign import CampaignHistory, Member, Skeleton, compact, member_of
from .campaign.skeleton import skeleton
from .deadline import INCOMPLETE, incomplete_finding
from .errors import AnalysisTimeout, InputError, time_limit
from .i18n import messages
from .learning import ContentModel
from .model import Defect
from .parse.sources import Item, iter_path, message_bytes, not_mail_reason
from .render.json import dumps, to_dict
from .settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from .enrich.investigate import OnlineOptions

_CHUNK_MESSAGES = 4
_CHUNK_BYTES = 4 * 1024 * 1024
_WINDOW_PER_WORKER = 3
"""Chunks in flight per worker: enough to keep every worker busy, few enough to bound memory."""
_LOST_AFTER = 40
"""Seconds past a message's last-resort time limit after which its worker is taken for lost."""


@dataclass(frozen=True, slots=True)
class Summary:
    """What `scan` needs of one result without parsing its JSON line again."""

    source: str
    status: str
    verdict: str
    score: int
    brand: str
    incomplete: bool
    truncated: bool
    timeout: bool
    date: str = ""
    sender: str = ""
    """The first From address."""
    subject: str = ""
    top_findings: tuple[str, ...] = ()
    """The ids of the findings that scored most, highest first (at most five)."""
    sha256: str = ""
    """Of the message's bytes as read (what the store and a Dask scan's client key results by)."""
    campaign: tuple[Member, Skeleton] | None = field(default=None, compare=False)
    """With `campaigns` asked for (`scan --store`): what the parent records in the store's
    campaigns, in input order — the mail as a campaign member and its compact skeleton. Not
    compared: two summaries of the same result are equal with or without it."""

    def csv_values(self) -> list[object]:
        """The row of `scan --csv` (columns `CSV_COLUMNS`)."""
        verdict = self.verdict if self.status == "analysed" else ""
        score = self.score if self.status == "analysed" else ""
        return [
            self.source,
            self.status,
            self.date,
            self.sender,
            self.subject,
            verdict,
            score,
            self.brand,
            " ".join(self.top_findings),
        ]


CSV_COLUMNS = ("source", "status", "date", "from", "subject", "verdict", "score", "brand", "top_findings")


_worker_settings: Settings = DEFAULT_SETTINGS
_worker_config: Path | None = None
_worker_model: ContentModel | None = None
_worker_campaigns = False


def _init(settings: Settings, config: Path | None, model: Path | None = None, campaigns: bool = False) -> None:
    global _worker_settings, _worker_config, _worker_model, _worker_campaigns
    _worker_settings, _worker_config, _worker_campaigns = settings, config, campaigns
    _worker_model = ContentModel.open(model, readonly=True) if model is not None else None


def _empty(source: str, status: str, defects: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "status": status,
        "verdict": "clean",
        "score": 0,
        "brand": None,
        "findings": [],
        "extracted": {
            "subject": "",
            "from": [],
            "to": [],
            "reply_to": [],
            "return_path": [],
            "hops": [],
            "links": [],
            "attachments": [],
            "text": "",
        },
        "defects": defects,
        "score_breakdown": [],
    }


def skipped_result(source: str, status: str, code: str, detail: str) -> dict[str, Any]:
    """The result of a file that is not mail (`status` not_mail) or could not be read at all
    (unreadable): verdict `clean` within the schema, but `status` says nothing was analysed."""
    return _empty(source, status, [{"code": code, "detail": detail, "where": ""}])


def incomplete_result(source: str, code: str, detail: str) -> dict[str, Any]:
    """The result of a message whose analysis stopped before any finding came out (the last-resort
    time limit, an internal error): never clean — `suspicious`, with ANALYSIS_INCOMPLETE."""
    defect = Defect(code, detail)
    finding = incomplete_finding([defect], rules.load())
    out = _empty(source, "analysed", [{"code": code, "detail": detail, "where": ""}])
    out["verdict"] = "suspicious"
    if finding is not None:
        out["findings"] = [
            {
                "id": finding.id,
                "severity": finding.severity,
                "confidence": finding.confidence,
                "evidence": [{"kind": e.kind, "value": e.value, "where": e.where} for e in finding.evidence],
                "message": messages(finding),
                "params": finding.params,
            }
        ]
        out["score_breakdown"] = [{"id": INCOMPLETE, "group": finding.group, "points": 0.0}]
    return out


def backstop_seconds(settings: Settings = DEFAULT_SETTINGS, online: OnlineOptions | None = None) -> int:
    """The last-resort wall-clock limit around one message: twice its budget (the per-message
    time limit, plus the online investigation's) and ten seconds."""
    budget = settings.limits.time_limit_seconds
    if online is not None:
        budget += int(online.budget + 4 * online.visit_timeout)
    return 2 * budget + 10


def analyse_one(
    source: str,
    data: bytes,
    settings: Settings = DEFAULT_SETTINGS,
    config: Path | None = None,
    defects: tuple[Defect, ...] = (),
    error: str = "",
    model: ContentModel | None = None,
    online: OnlineOptions | None = None,
    keep: Callable[[Analysis], None] | None = None,
    campaigns: CampaignHistory | None = None,
) -> dict[str, Any]:
    """One JSON result, whatever happens. A file that is not mail or cannot be read gets
    `status` not_mail/unreadable and a defect; an analysis cut short is never clean.
    `online` adds the online investigation (its budget extends the backstop); `keep` is handed
    the full `Analysis` before it is rendered (the web app stores more than the JSON);
    `campaigns`, a campaign index the checks ask whether the mail is new or seen before."""
    if error:
        return skipped_result(source, "unreadable", "UNREADABLE", error)
    # analyze() keeps its own per-stage budget; this alarm is the last resort around all of it.
    backstop = backstop_seconds(settings, online)
    try:
        with time_limit(backstop):
            reason = not_mail_reason(data)
            if reason:
                return skipped_result(source, "not_mail", "NOT_MAIL", reason)
            try:
                raw = message_bytes(data)
            except InputError as exc:
                return skipped_result(source, "unreadable", "UNREADABLE", str(exc))
            result = analyze(
                raw, source, settings, config, online, defects=tuple(defects), model=model, campaigns=campaigns
            )
            if keep is not None:
                keep(result)
            return to_dict(result, settings.limits.output_text_chars)
    except AnalysisTimeout:
        return incomplete_result(source, "TIMEOUT", f"analysis stopped after {backstop} s")
    except Exception as exc:  # never lose the batch for one message
        return incomplete_result(source, "INTERNAL_ERROR", f"{type(exc).__name__}: {exc}"[:300])


def summary_of(obj: dict[str, Any], sha256: str = "") -> Summary:
    ids = {f["id"] for f in obj.get("findings", [])}
    codes = {d["code"] for d in obj.get("defects", [])}
    extracted = obj.get("extracted") or {}
    senders = extracted.get("from") or []
    top = [c["id"] for c in obj.get("score_breakdown", []) if c.get("points", 0) > 0]
    top = top or [f["id"] for f in obj.get("findings", [])]
    return Summary(
        obj["source"],
        obj.get("status", "analysed"),
        obj["verdict"],
        obj["score"],
        obj.get("brand") or "",
        INCOMPLETE in ids,
        "MESSAGE_TRUNCATED" in codes,
        "TIMEOUT" in codes,
        date=extracted.get("date") or "",
        sender=senders[0].get("address", "") if senders else "",
        subject=(extracted.get("subject") or "")[:300],
        top_findings=tuple(dict.fromkeys(top))[:5],
        sha256=sha256,
    )


def result_of(
    item: Item,
    settings: Settings = DEFAULT_SETTINGS,
    config: Path | None = None,
    model: ContentModel | None = None,
    online: OnlineOptions | None = None,
    campaigns: bool = False,
) -> tuple[str, Summary]:
    """One message's JSON line and summary, its bytes read here (in the worker, not the parent):
    the one path from an item to its result, for the local pool and a Dask worker alike.
    `campaigns`: the summary also carries the mail's campaign member and skeleton."""
    item = item.loaded(settings.limits)
    kept: list[Analysis] = []
    keep = kept.append if campaigns else None
    obj = analyse_one(item.source, item.data, settings, config, item.defects, item.error, model, online, keep)
    sha = hashlib.sha256(item.data).hexdigest()
    summary = summary_of(obj, sha)
    if kept and obj.get("status", "analysed") == "analysed":
        result = kept[0]
        member = member_of(sha, result.message, result.verdict, result.brand_label)
        summary = replace(summary, campaign=(member, compact(skeleton(result.message))))
    return dumps(obj), summary


def _one(item: Item) -> tuple[str, Summary]:
    return result_of(item, _worker_settings, _worker_config, _worker_model, campaigns=_worker_campaigns)


def _chunk(items: list[Item]) -> list[tuple[str, Summary]]:
    return [_one(item) for item in items]


def iter_items(paths: Iterable[Path], errors: list[str], settings: Settings = DEFAULT_SETTINGS) -> Iterator[Item]:
    """Every message under `paths`; a path that does not exist is recorded in `errors`."""
    for path in paths:
        try:
            yield from iter_path(path, settings.limits, lazy=True)
        except InputError as exc:
            errors.append(str(exc))


def _chunks(items: Iterator[Item], workers: int) -> Iterator[list[Item]]:
    """Single messages first, so that every worker starts at once on a small batch; then chunks
    of a few messages, which halve the hand-over cost on a large one."""
    chunk: list[Item] = []
    size = 0
    for n, item in enumerate(items):
        chunk.append(item)
        size += item.size
        if n < 4 * workers or len(chunk) >= _CHUNK_MESSAGES or size >= _CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _context() -> Any:
    """fork where the platform has it: workers start in milliseconds with the parent's loaded
    modules, knowledge and rules; forkserver/spawn elsewhere."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def scan_results(
    items: Iterable[Item],
    workers: int | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    config: Path | None = None,
    model: Path | None = None,
    campaigns: bool = False,
) -> Iterator[tuple[str, Summary]]:
    """(JSON line, summary) per message, in input order; `model`, a content model file
    (learning.py), is opened once in each worker."""
    workers = workers or os.cpu_count() or 1
    iterator = iter(items)
    head = list(islice(iterator, 2))
    _init(settings, config, model, campaigns)
    if workers == 1 or len(head) < 2:
        for item in head:
            yield _one(item)
        for item in iterator:
            yield _one(item)
        return
    # The parent analyses the first message itself: that loads the knowledge, rules and every
    # lazily built table once, and the forked workers share them instead of each building its own.
    yield _one(head[0])
    stream = _chunks(chain(head[1:], iterator), workers)
    with _context().Pool(
        workers, initializer=_init, initargs=(settings, config, model, campaigns), maxtasksperchild=200
    ) as pool:
        pending: deque[tuple[Any, list[tuple[str, Item | str]]]] = deque()
        wait = 2 * settings.limits.time_limit_seconds + _LOST_AFTER  # past the worker's own last resort
        for chunk in stream:
            pending.append((pool.apply_async(_chunk, (chunk,)), [(item.source, _witness(item)) for item in chunk]))
            while len(pending) >= workers * _WINDOW_PER_WORKER:
                yield from _collect(*pending.popleft(), wait, settings)
        while pending:
            yield from _collect(*pending.popleft(), wait, settings)


def _witness(item: Item) -> Item | str:
    """What a lost chunk needs of a message: the item when its bytes are still in their file, else
    the SHA-256 of its bytes (the parent keeps no message bytes while workers analyse them)."""
    return item if item.span is not None else hashlib.sha256(item.data).hexdigest()


def _collect(
    result: Any, chunk: list[tuple[str, Item | str]], wait: float, settings: Settings
) -> list[tuple[str, Summary]]:
    """A chunk's results; a worker that died on it (killed, crashed in a C library) costs those
    messages an incomplete result each, never the batch."""
    try:
        out: list[tuple[str, Summary]] = result.get(wait * len(chunk))
        return out
    except multiprocessing.TimeoutError:
        reason = "the worker process analysing it was lost (killed or crashed)"
        return [lost_result(source, witness, reason, settings) for source, witness in chunk]


def lost_result(
    source: str, witness: Item | str, reason: str, settings: Settings = DEFAULT_SETTINGS
) -> tuple[str, Summary]:
    """The result of a message whose analysis was lost with its worker: incomplete, never clean,
    with the SHA-256 of its bytes (`witness`: the hash, or the item to read them again from) so
    that the store keys it like any other."""
    obj = incomplete_result(source, "INTERNAL_ERROR", reason)
    sha = witness if isinstance(witness, str) else hashlib.sha256(witness.loaded(settings.limits).data).hexdigest()
    return dumps(obj), replace(summary_of(obj), sha256=sha)


def scan(
    paths: Iterable[Path],
    workers: int | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    config: Path | None = None,
    errors: list[str] | None = None,
    model: Path | None = None,
) -> Iterator[str]:
    """JSON lines, one per message found under `paths`, in input order."""
    errors = errors if errors is not None else []
    for line, _summary in scan_results(iter_items(paths, errors, settings), workers, settings, config, model):
        yield line
