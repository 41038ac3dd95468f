"""The JSON API's answers as pydantic models: what the OpenAPI description publishes."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..store.db import StoredAnalysis

Status = Literal["queued", "running", "done", "incomplete", "not_mail", "unreadable", "failed"]
Verdict = Literal["phishing", "suspicious", "spam", "clean"]


class OverrideOut(BaseModel):
    verdict: Verdict
    reason: str = Field(description="Why the analyst decided so, as they wrote it.")
    at: str = Field(description="ISO 8601, UTC.")
    by: str | None = Field(default=None, description="The analyst (shown to analysts only).")


class AnalysisSummary(BaseModel):
    """One analysis as the history lists it."""

    model_config = ConfigDict(populate_by_name=True)

    id: str
    status: Status
    progress: str = Field(description='What a running analysis is doing: "online" or "".')
    verdict: Verdict | None = Field(description="None until the analysis is done.")
    score: float | None = Field(description="0-100; None until the analysis is done.")
    brand: str | None = Field(description="The brand the mail claims to be, when it is not clean.")
    subject: str
    from_: str = Field(alias="from", description="The From address.")
    filename: str
    options: list[Literal["online", "visit"]]
    sha256: str = Field(description="Of the message as uploaded.")
    created_at: str = Field(description="ISO 8601, UTC.")
    error: str | None = Field(description="Why a failed analysis failed.")
    decided_by: Literal["analysis", "analyst"] = Field(
        default="analysis", description='"analyst": an analyst overrode the verdict (`override` says why).'
    )
    override: OverrideOut | None = Field(default=None, description="The analyst's decision, when there is one.")
    automatic_verdict: Verdict | None = Field(default=None, description="The verdict the analysis gave.")

    @classmethod
    def of(cls, row: StoredAnalysis, final: dict[str, Any] | None = None) -> AnalysisSummary:
        return cls.model_validate(summary_fields(row, final))


def summary_fields(row: StoredAnalysis, final: dict[str, Any] | None = None) -> dict[str, Any]:
    """A row as the API lists it; `final`: its verdict after the analysts' overrides
    (services/overrides.final_fields); without it, the automatic verdict is the final one."""
    automatic = row.verdict or None
    return {
        "id": row.id,
        "status": row.status,
        "progress": row.progress,
        "verdict": automatic,
        "decided_by": "analysis",
        "override": None,
        "automatic_verdict": automatic,
        "score": row.score if row.status in ("done", "incomplete") else None,
        "brand": row.brand or None,
        "subject": row.subject,
        "from": row.from_address,
        "filename": row.filename,
        "options": [o for o in row.options.split(",") if o],
        "sha256": row.sha256,
        "created_at": row.created_at.isoformat(),
        "error": row.error or None,
    } | (final or {})


class AnalysisDetail(AnalysisSummary):
    result: dict[str, Any] | None = Field(
        description="When done: the analysis as docs/schema.json describes it (the JSON of `mailautopsy --json`).",
        json_schema_extra={"$comment": "docs/schema.json"},
    )


class SubmittedAnalysis(AnalysisSummary):
    duplicate: bool = Field(description="The same message (SHA-256) was analysed before: its result, not a new one.")


class Rejected(BaseModel):
    filename: str
    reason: str


class SubmitResult(BaseModel):
    """The accepted and the rejected messages. When exactly one was accepted its fields are also
    at the top level (a script that posts one mail reads `id` and `verdict` directly)."""

    model_config = ConfigDict(populate_by_name=True)

    analyses: list[SubmittedAnalysis]
    rejected: list[Rejected]
    id: str | None = None
    status: Status | None = None
    progress: str | None = None
    verdict: Verdict | None = None
    score: float | None = None
    brand: str | None = None
    subject: str | None = None
    from_: str | None = Field(default=None, alias="from")
    filename: str | None = None
    options: list[Literal["online", "visit"]] | None = None
    sha256: str | None = None
    created_at: str | None = None
    error: str | None = None
    duplicate: bool | None = None
    decided_by: Literal["analysis", "analyst"] | None = None
    override: OverrideOut | None = None
    automatic_verdict: Verdict | None = None


class AnalysisList(BaseModel):
    total: int = Field(description="How many analyses match (all pages).")
    offset: int
    limit: int
    items: list[AnalysisSummary]


class ErrorDetail(BaseModel):
    detail: str


LabelName = Literal["phishing", "legitimate"]


class LabelRequest(BaseModel):
    label: LabelName = Field(description="The analyst's judgement of the mail.")


class LabelChangeOut(BaseModel):
    old_label: LabelName | None
    new_label: LabelName | None = Field(description="None: the label was cleared.")
    by: str | None = Field(description="The analyst who changed it.")
    at: str = Field(description="ISO 8601, UTC.")
    note: str = Field(description='"" for the page and the API; "import: <who> <when>" from a labels file.')
    applied: bool = Field(description="The deployment's model has learnt this change.")
    outcome: str = Field(description='What the model did: "phish added", "ham relabelled", "forgotten", …')


class LabelState(BaseModel):
    """An analysis's label, and every change to it (newest first)."""

    analysis_id: str
    label: LabelName | None = Field(description="None: not labelled.")
    by: str | None
    at: str | None = Field(description="When the current label was set, ISO 8601, UTC.")
    applied: bool = Field(description="Every change has reached the model (training runs in the background).")
    history: list[LabelChangeOut]


class LabelImportResult(BaseModel):
    lines: int
    matched: int = Field(description="Lines whose mail (SHA-256) is stored here.")
    unknown: int = Field(description="Lines whose mail is not stored here.")
    changed: int = Field(description="Analyses whose label changed.")
    invalid: int = Field(description="Lines that are not a label.")


class ScanResultItem(BaseModel):
    """One result `scan --store` or `analyze --store` kept in this database (docs/store.md)."""

    model_config = ConfigDict(populate_by_name=True)

    id: int
    sha256: str = Field(description="Of the message's bytes as read.")
    source: str = Field(description="A path, path:N (the Nth message of an mbox), or imaps://user@host/FOLDER;UID=n.")
    analysed_at: str = Field(description="ISO 8601, UTC.")
    message_date: str | None = Field(description="The mail's Date, ISO 8601 UTC; None when it has none.")
    from_: str = Field(alias="from", description="The first From address, lower case.")
    subject: str
    status: Literal["analysed", "not_mail", "unreadable"]
    verdict: Verdict | None = Field(description="None when nothing was analysed (status).")
    score: int
    brand: str
    json_url: str = Field(alias="json", description="Where the whole result is: GET /api/scan-results/{id}.")


class ScanResultPage(BaseModel):
    total: int
    offset: int
    items: list[ScanResultItem]


class ScanResultDetail(ScanResultItem):
    result: dict[str, Any] = Field(
        description="The result as docs/schema.json describes it.", json_schema_extra={"$comment": "docs/schema.json"}
    )


class OverrideRequest(BaseModel):
    verdict: Verdict = Field(description="The final verdict reporters see.")
    reason: str = Field(min_length=1, max_length=2000, description="Why (required): the reporter reads it.")


class OverrideChangeOut(BaseModel):
    old_verdict: Verdict | None = Field(description="None: no override before.")
    new_verdict: Verdict | None = Field(description="None: the override was withdrawn.")
    reason: str
    by: str | None
    at: str = Field(description="ISO 8601, UTC.")


class OverrideState(BaseModel):
    """The final verdict of an analysis and who decided it; for analysts, every change (newest first)."""

    analysis_id: str
    verdict: Verdict | None = Field(description="The final verdict: the analyst's when overridden.")
    decided_by: Literal["analysis", "analyst"]
    override: OverrideOut | None
    automatic_verdict: Verdict | None
    history: list[OverrideChangeOut] = Field(description="Empty for reporters.")


ListName = Literal["allow", "block"]
ListKind = Literal["sender", "domain", "url"]


class ListEntryRequest(BaseModel):
    list: ListName
    kind: ListKind = Field(description="sender: an address; domain: a domain and its sub-domains; url: a URL prefix.")
    value: str = Field(min_length=1, max_length=1000)
    reason: str = Field(min_length=1, max_length=2000, description="Why (required): findings show it.")


class _Listed(BaseModel):
    list: ListName
    kind: ListKind
    value: str
    reason: str
    by: str | None = Field(description="The analyst who listed (or removed) it.")
    at: str = Field(description="ISO 8601, UTC.")


class ListEntryOut(_Listed):
    id: int


class ListChangeOut(_Listed):
    action: Literal["add", "remove"]


class ListsState(BaseModel):
    """The allow- and block-lists and their audit trail (newest first, the last 200 changes)."""

    entries: list[ListEntryOut]
    changes: list[ListChangeOut]


class ListImportResult(BaseModel):
    added: int
    already_listed: int
