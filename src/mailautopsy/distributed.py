"""Scanning past one machine on a Dask distributed cluster: `scan PATHS --dask ADDRESS`.

The client (this process) lists the input as it streams it — files and Maildir entries by name,
an mbox by scanning it for its `From ` separators a line at a time (a 2 GB mbox is never loaded)
— and groups the messages, in input order, into tasks of up to 32; a run of an mbox's messages
is one byte range of the file, cut at its separators. Workers read their task's bytes from the
same paths (shared storage: NFS, a mounted bucket …), analyse each message exactly as the local
scan does (`scan.result_of`, the same settings, the config file's text shipped with the task,
knowledge loaded once per worker process) and return compact results: the JSON lines compressed,
and their summaries. Messages only the client can read (standard input, an IMAP folder) travel
inside their task.

The client keeps a window of tasks in flight and writes the results in input order, so its
memory is bounded by the window and the output is the local scan's, line for line. A worker
killed mid-task: the scheduler runs the task again on another worker; the client accepts a
task's results once, when the task completes, so nothing is lost and nothing is doubled. A task
whose workers keep dying (a message that kills the process) is retried one message at a time,
and a message that still kills its worker gets an incomplete result, as in the local scan.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import logging
import os
import tempfile
import threading
import uuid
import warnings
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import knowledge
from .errors import KnowledgeError, UnavailableError
from .learning import ContentModel
from .parse.sources import Item
from .render.json import dumps
from .scan import Summary, incomplete_result, result_of, summary_of
from .settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from distributed import Client, Future

    from .enrich.investigate import OnlineOptions

TASK_MESSAGES = 32
"""Messages per task: ~0.3 s of work, so the scheduler's ~1 ms per task is noise."""
TASK_BYTES = 8 * 1024 * 1024
"""Bytes per task at most (a few large messages make a task of their own)."""
WINDOW_PER_THREAD = 4
"""Tasks in flight (or finished, waiting for an earlier one) per worker thread."""
CONNECT_SECONDS = 10
_CANCELLED = (asyncio.CancelledError, concurrent.futures.CancelledError)
"""What a future raises when the scheduler is lost (distributed's FutureCancelledError is the second)."""
_LOST = "the Dask workers analysing it were lost (killed or crashed) every time it ran"


class ClusterError(UnavailableError):
    """The Dask scheduler cannot be reached, or was lost, or a task failed on the cluster."""


@dataclass(frozen=True, slots=True)
class Job:
    """What every worker needs to analyse as the local scan does. The config file travels as its
    text (it need not exist on the workers); the content model, a database, as a path that must."""

    settings: Settings = DEFAULT_SETTINGS
    config_text: str | None = None
    model: str | None = None
    online: OnlineOptions | None = None
    cwd: str = ""
    """The client's working directory: relative input paths are read from there on the workers."""
    campaigns: bool = False
    """Summaries carry each mail's campaign member and skeleton (`scan --store`)."""

    @classmethod
    def make(
        cls,
        settings: Settings = DEFAULT_SETTINGS,
        config: Path | None = None,
        model: Path | None = None,
        online: OnlineOptions | None = None,
        campaigns: bool = False,
    ) -> Job:
        text = None
        if config is not None:
            knowledge.load(config)  # a bad file stops the run here, not once per message out there
            try:
                text = Path(config).read_text(encoding="utf-8")
            except OSError as exc:
                raise KnowledgeError(f"{config}: {exc}") from exc
        model_path = str(Path(model).resolve()) if model is not None else None
        return cls(settings, text, model_path, online, os.getcwd(), campaigns)


@dataclass(frozen=True, slots=True)
class Task:
    """One unit of work: messages in input order — files, and runs of an mbox's messages, each run
    one byte range of the file cut at its `From ` lines (offsets found by the client) — or messages
    the client read itself."""

    number: int
    items: tuple[Item, ...]

    def describe(self) -> str:
        """Where the task's messages are: `path bytes A-B` for one range of an mbox."""
        first, last = self.items[0].span, self.items[-1].span
        if first is not None and last is not None and first.mbox and last.mbox and first.path == last.path:
            return f"{first.path} bytes {first.offset}-{last.offset + last.length}"
        return f"{len(self.items)} message(s) from {self.items[0].source} to {self.items[-1].source}"


def tasks(items: Iterable[Item], messages: int = TASK_MESSAGES, size: int = TASK_BYTES) -> Iterator[Task]:
    """The messages in input order, in tasks of at most `messages` messages and about `size` bytes."""
    group: list[Item] = []
    weight = number = 0
    for item in items:
        if group and (len(group) >= messages or weight >= size):
            yield Task(number, tuple(group))
            group, weight, number = [], 0, number + 1
        group.append(item)
        weight += item.size
    if group:
        yield Task(number, tuple(group))


# Worker side ---------------------------------------------------------------------------------

_local = threading.local()
"""Per worker thread: the config file written out and the model opened, per job (SQLite
connections belong to the thread that opened them)."""


def _prepared(job: Job) -> tuple[Path | None, ContentModel | None]:
    cache: dict[tuple[str | None, str | None], tuple[Path | None, ContentModel | None]]
    cache = _local.__dict__.setdefault("jobs", {})
    key = (job.config_text, job.model)
    if key not in cache:
        config = None
        if job.config_text is not None:
            digest = hashlib.sha256(job.config_text.encode("utf-8")).hexdigest()[:24]
            config = Path(tempfile.gettempdir()) / f"mailautopsy-config-{digest}.toml"
            if not config.exists():
                part = config.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
                part.write_text(job.config_text, encoding="utf-8")
                os.replace(part, config)  # knowledge.load caches by path: once per process
        cache[key] = (config, ContentModel.open(Path(job.model), readonly=True) if job.model else None)
    return cache[key]


def _located(item: Item, cwd: str) -> Item:
    """The item with a relative path made absolute against the client's directory (its `source`,
    the name the output shows, stays as the user wrote it)."""
    span = item.span
    if span is None or not cwd or os.path.isabs(span.path):
        return item
    return replace(item, span=replace(span, path=os.path.join(cwd, span.path)))


def run_task(task: Task, job: Job) -> tuple[int, bytes, tuple[Summary, ...]]:
    """On a worker: the task's results as (its number, its JSON lines zlib-compressed, summaries)."""
    config, model = _prepared(job)
    results = [
        result_of(_located(item, job.cwd), job.settings, config, model, job.online, job.campaigns)
        for item in task.items
    ]
    text = "\n".join(line for line, _ in results).encode("utf-8")
    return task.number, zlib.compress(text, 1), tuple(summary for _, summary in results)


def warm(job: Job) -> int:
    """On each worker (`client.run`): load the knowledge and rules, open the model, analyse one
    small message, so that the first task does not pay for it (benchmarks)."""
    config, model = _prepared(job)
    mail = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: warm\r\n\r\nwarm\r\n"
    result_of(Item("warm", mail), job.settings, config, model)
    return os.getpid()


# Client side ---------------------------------------------------------------------------------


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the scheduler at `address` (tcp://host:8786, tls://…; TLS settings from Dask's
    own configuration), or of a new LocalCluster for `local` / `local:N` (N worker processes)."""
    from distributed import Client, LocalCluster

    if address == "local" or address.startswith("local:"):
        count = address.partition(":")[2]
        if count and not count.isdigit():
            raise ClusterError(f"--dask {address}: write local or local:N (N worker processes)")
        workers = int(count) if count else os.cpu_count() or 1
        with warnings.catch_warnings():  # the scheduler's health page moving off a busy port 8787
            warnings.filterwarnings("ignore", "Port .* is already in use", UserWarning)
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        with cluster, Client(cluster, set_as_default=False) as client:
            yield client
        return
    if address.startswith("tls://"):
        from distributed.security import Security

        security: Any = Security()  # Dask's own configuration: ~/.config/dask/*.yaml, DASK_DISTRIBUTED__COMM__TLS__*
        if not (security.tls_ca_file and security.tls_client_cert):
            raise ClusterError(
                f"--dask {address} needs Dask's TLS settings: distributed.comm.tls.ca-file and client.cert/.key "
                "(DASK_DISTRIBUTED__COMM__TLS__CA_FILE, …__TLS__CLIENT__CERT, …__TLS__CLIENT__KEY; docs/distributed.md)"
            )
    try:
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        yield client


def dask_results(
    items: Iterable[Item],
    address: str,
    settings: Settings = DEFAULT_SETTINGS,
    config: Path | None = None,
    model: Path | None = None,
    online: OnlineOptions | None = None,
    task_messages: int = TASK_MESSAGES,
    campaigns: bool = False,
) -> Iterator[tuple[str, Summary]]:
    """(JSON line, summary) per message, in input order, as `scan.scan_results` gives them, the
    analysis done by the workers of the Dask cluster at `address`."""
    job = Job.make(settings, config, model, online, campaigns)
    with connect(address) as client:
        yield from run(client, tasks(items, task_messages), job)


def run(client: Client, stream: Iterator[Task], job: Job) -> Iterator[tuple[str, Summary]]:
    """Every task's results, in task order, with a bounded window of tasks submitted."""
    from distributed import as_completed

    threads = sum(client.nthreads().values())
    window = max(8, WINDOW_PER_THREAD * threads)
    run_id = uuid.uuid4().hex[:12]
    waiting: dict[int, Task] = {}  # submitted, results not yet accepted
    finished: dict[int, list[tuple[str, Summary]]] = {}  # accepted, waiting for an earlier task
    following = 0
    pending = as_completed(loop=client.loop)

    def submit_more() -> None:
        for task in islice(stream, max(0, window - len(waiting) - len(finished))):
            key = f"mailautopsy-scan-{run_id}-{task.number}"
            pending.add(client.submit(run_task, task, job, key=key, retries=0))
            waiting[task.number] = task

    submit_more()
    for future in pending:
        number = int(str(future.key).rsplit("-", 1)[1])
        task = waiting.pop(number, None)
        if task is None:
            continue  # a task that completed twice: its results were accepted the first time
        finished[number] = _outcome(client, future, task, job)
        while following in finished:
            yield from finished.pop(following)
            following += 1
        submit_more()


def _outcome(client: Client, future: Future[Any], task: Task, job: Job) -> list[tuple[str, Summary]]:
    from distributed import KilledWorker

    try:
        number, packed, summaries = future.result()
    except KilledWorker:
        return _one_by_one(client, task, job)
    except (Exception, *_CANCELLED) as exc:
        raise ClusterError(_failure(task, exc)) from exc
    lines = zlib.decompress(packed).decode("utf-8").split("\n")
    sources = [item.source for item in task.items]
    if number != task.number or [s.source for s in summaries] != sources or len(lines) != len(sources):
        raise ClusterError(f"the results of {task.describe()} do not match its messages")
    return list(zip(lines, summaries, strict=True))


def _one_by_one(client: Client, task: Task, job: Job) -> list[tuple[str, Summary]]:
    """A task whose workers kept dying: each message alone, so that only the one that kills its
    worker is lost, and that one gets an incomplete result (never clean, never missing)."""
    from distributed import KilledWorker

    singles = [Task(task.number, (item,)) for item in task.items]
    futures = [client.submit(run_task, single, job, pure=False, retries=0) for single in singles]
    out: list[tuple[str, Summary]] = []
    for single, future in zip(singles, futures, strict=True):
        try:
            _, packed, summaries = future.result()
            out.append((zlib.decompress(packed).decode("utf-8"), summaries[0]))
        except KilledWorker:
            obj = incomplete_result(single.items[0].source, "INTERNAL_ERROR", _LOST)
            out.append((dumps(obj), summary_of(obj)))
        except (Exception, *_CANCELLED) as exc:
            raise ClusterError(_failure(single, exc)) from exc
    return out


def _failure(task: Task, exc: BaseException) -> str:
    if isinstance(exc, (*_CANCELLED, OSError)):  # distributed's CommClosedError is an OSError
        return f"lost the Dask scheduler while {task.describe()} was being analysed ({type(exc).__name__}: {exc})"
    return f"{task.describe()} failed on the Dask cluster: {type(exc).__name__}: {exc}"
