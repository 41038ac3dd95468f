"""Analysts' allow- and block-lists: sender addresses, domains and URL prefixes, each with the
reason it was listed, every addition and removal kept (`list_changes`). Analyses submitted
afterwards use them (the worker gives them to checks/lists.py); they export as a config file's
`[lists]` table (what `analyze --config` and `scan --config` read) and import from one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import knowledge
from ...errors import KnowledgeError
from ...knowledge import models
from ...settings import Lists
from ...store.db import ListChange, ListEntry, now
from . import Auth, Forbidden, Invalid, NotFound
from .labels import user_names

NAMES = ("allow", "block")
KINDS: dict[str, Any] = {"sender": models.Email, "domain": models.Domain, "url": models.UrlPrefix}
"""What each kind of entry must be: the config file's types, checked the same way."""
KEY = {(name, kind): f"{name}_{kind}s" for name in NAMES for kind in KINDS}
"""(list, kind) → the config file's key ("allow_senders" …)."""
MAX_VALUE = 1000
MAX_REASON = 2000


def _analyst(auth: Auth) -> None:
    if not auth.analyst:
        raise Forbidden("only analysts edit the allow- and block-lists")


def _checked(kb: knowledge.Knowledge, name: str, kind: str, value: str, reason: str) -> tuple[str, str]:
    if name not in NAMES or kind not in KINDS:
        raise Invalid(f"list must be one of {', '.join(NAMES)} and kind one of {', '.join(KINDS)}")
    value, reason = value.strip(), reason.strip()
    if not reason:
        raise Invalid("say why: a list entry needs a reason (findings show it)")
    if len(value) > MAX_VALUE or len(reason) > MAX_REASON:
        raise Invalid(f"the value is longer than {MAX_VALUE} or the reason than {MAX_REASON} characters")
    try:
        msgspec.convert(value, KINDS[kind], strict=True)
    except msgspec.ValidationError:
        what = {"sender": "an e-mail address", "domain": "a domain (ASCII, punycode)", "url": "an http(s) URL"}
        raise Invalid(f"{value!r} is not {what[kind]}") from None
    value = models.list_value(value)
    if name == "allow" and kind == "domain" and kb.is_freemail(value):
        raise Invalid(f"{value} is a free-mail domain, everyone's: allow-list its addresses one by one")
    return value, reason


def add(db: Session, auth: Auth, kb: knowledge.Knowledge, name: str, kind: str, value: str, reason: str) -> ListEntry:
    """List `value` (a sender address, domain or URL prefix) on the allow- or block-list."""
    _analyst(auth)
    value, reason = _checked(kb, name, kind, value, reason)
    existing = db.scalar(select(ListEntry).where(ListEntry.value == value))
    if existing is not None:
        raise Invalid(f"{value} is already on the {existing.list}-list: remove it first")
    entry = ListEntry(list=name, kind=kind, value=value, reason=reason, user_id=auth.user.id, added_at=now())
    db.add(entry)
    db.add(ListChange(action="add", list=name, kind=kind, value=value, reason=reason, user_id=auth.user.id))
    db.flush()
    return entry


def remove(db: Session, auth: Auth, entry_id: int, reason: str = "") -> None:
    _analyst(auth)
    entry = db.get(ListEntry, entry_id)
    if entry is None:
        raise NotFound("no such list entry")
    change = ListChange(
        action="remove", list=entry.list, kind=entry.kind, value=entry.value, reason=reason.strip()[:MAX_REASON]
    )
    change.user_id = auth.user.id
    db.add(change)
    db.delete(entry)
    db.flush()


def entries(db: Session, auth: Auth) -> list[dict[str, Any]]:
    """Every entry, as the API's `ListEntryOut` and the lists page show them."""
    _analyst(auth)
    rows = db.scalars(select(ListEntry).order_by(ListEntry.list, ListEntry.kind, ListEntry.value)).all()
    names = user_names(db, {r.user_id for r in rows})
    return [
        {"id": r.id, "list": r.list, "kind": r.kind, "value": r.value, "reason": r.reason}
        | {"by": names[r.user_id], "at": r.added_at.isoformat()}
        for r in rows
    ]


def changes(db: Session, auth: Auth, limit: int = 200) -> list[dict[str, Any]]:
    """The audit trail, newest first."""
    _analyst(auth)
    rows = db.scalars(select(ListChange).order_by(ListChange.id.desc()).limit(limit)).all()
    names = user_names(db, {r.user_id for r in rows})
    return [
        {"action": r.action, "list": r.list, "kind": r.kind, "value": r.value, "reason": r.reason}
        | {"by": names[r.user_id], "at": r.changed_at.isoformat()}
        for r in rows
    ]


def current(db: Session) -> Lists:
    """The lists as the analysis reads them (what the worker gives each new analysis)."""
    values: dict[str, list[str]] = {key: [] for key in KEY.values()}
    reasons = []
    for name, kind, value, reason in db.execute(
        select(ListEntry.list, ListEntry.kind, ListEntry.value, ListEntry.reason).order_by(ListEntry.id)
    ):
        values[KEY[(name, kind)]].append(value)
        reasons.append((value, reason))
    return Lists(**{k: tuple(v) for k, v in values.items()}, reasons=tuple(reasons))


def changed_at(db: Session) -> datetime | None:
    """When the lists last changed (an earlier analysis of the same mail is not reused after it)."""
    return db.scalar(select(func.max(ListChange.changed_at)))


def export_toml(db: Session, auth: Auth) -> str:
    """The lists as a config file's `[lists]` table: `analyze --config FILE` uses them."""
    _analyst(auth)
    header = f"mailautopsy allow- and block-lists, exported {now().isoformat(timespec='seconds')}\n"
    header += "Use with: mailautopsy analyze MAIL --config THIS_FILE (docs/config.md)"
    return knowledge.lists_toml(current(db), header)


def import_toml(db: Session, auth: Auth, kb: knowledge.Knowledge, text: str) -> dict[str, int]:
    """Add the entries of a config file's `[lists]` (as exported); entries already listed are
    left as they are. The file is checked as `--config` checks it: any error refuses it whole."""
    _analyst(auth)
    try:
        lists = knowledge.parse_lists("import", text)
    except KnowledgeError as exc:
        raise Invalid(str(exc)) from None
    added = kept = 0
    for (name, kind), key in KEY.items():
        for value in getattr(lists, key):
            if db.scalar(select(ListEntry.id).where(ListEntry.value == value)) is not None:
                kept += 1
                continue
            add(db, auth, kb, name, kind, value, lists.reason(value) or "imported")
            added += 1
    return {"added": added, "already_listed": kept}
