"""Batch scanning: every message under some paths, one result per message, in
parallel, never stopping for one bad message."""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .analyze import analyze, failed_analysis
from .errors import AnalysisTimeout, InputError, time_limit
from .learning import ContentModel
from .parse.sources import iter_path, message_bytes
from .render.json import to_dict
from .settings import DEFAULT_SETTINGS, Settings


@dataclass(frozen=True, slots=True)
class _Job:
    source: str
    data: bytes


_worker_settings: Settings = DEFAULT_SETTINGS
_worker_config: Path | None = None
_worker_model: ContentModel | None = None


def _init(settings: Settings, config: Path | None, model: Path | None = None) -> None:
    global _worker_settings, _worker_config, _worker_model
    _worker_settings, _worker_config = settings, config
    _worker_model = ContentModel.open(model) if model is not None else None


def analyse_one(
    source: str,
    data: bytes,
    settings: Settings = DEFAULT_SETTINGS,
    config: Path | None = None,
    model: ContentModel | None = None,
) -> dict[str, Any]:
    """One JSON result, whatever happens: a message that cannot be read becomes a
    result with a defect."""
    try:
        with time_limit(settings.limits.time_limit_seconds):
            raw = message_bytes(data)
            return to_dict(analyze(raw, source, settings, config, model=model), settings.limits.output_text_chars)
    except InputError as exc:
        return failed_analysis(source, str(exc))
    except AnalysisTimeout:
        return failed_analysis(source, f"timeout: analysis took over {settings.limits.time_limit_seconds} s")
    except Exception as exc:  # never lose the batch for one message
        return failed_analysis(source, f"internal error: {type(exc).__name__}: {exc}")


def _work(job: _Job) -> str:
    return json.dumps(
        analyse_one(job.source, job.data, _worker_settings, _worker_config, _worker_model), ensure_ascii=False
    )


def iter_jobs(paths: Iterable[Path], errors: list[str]) -> Iterator[_Job]:
    for path in paths:
        try:
            for source, data in iter_path(path):
                yield _Job(source, data)
        except InputError as exc:
            errors.append(str(exc))


def scan(
    paths: Iterable[Path],
    workers: int | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    config: Path | None = None,
    errors: list[str] | None = None,
    model: Path | None = None,
) -> Iterator[str]:
    """JSON lines, one per message found under `paths`, in input order; `model`, a content model
    file (learning.py), is opened once in each worker."""
    errors = errors if errors is not None else []
    jobs = iter_jobs(paths, errors)
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        _init(settings, config, model)
        for job in jobs:
            yield _work(job)
        return
    ctx = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    with ctx.Pool(workers, initializer=_init, initargs=(settings, config, model), maxtasksperchild=500) as pool:
        yield from pool.imap(_work, jobs, chunksize=4)
