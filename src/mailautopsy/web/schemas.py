"""The JSON API's answers as pydantic models: what the OpenAPI description publishes."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..store.db import StoredAnalysis

Status = Literal["queued", "running", "done", "incomplete", "not_mail", "unreadable", "failed"]
Verdict = Literal["phishing", "suspicious", "spam", "clean"]


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

    @classmethod
    def of(cls, row: StoredAnalysis) -> AnalysisSummary:
        return cls.model_validate(summary_fields(row))


def summary_fields(row: StoredAnalysis) -> dict[str, Any]:
    return {
        "id": row.id,
        "status": row.status,
        "progress": row.progress,
        "verdict": row.verdict or None,
        "score": row.score if row.status in ("done", "incomplete") else None,
        "brand": row.brand or None,
        "subject": row.subject,
        "from": row.from_address,
        "filename": row.filename,
        "options": [o for o in row.options.split(",") if o],
        "sha256": row.sha256,
        "created_at": row.created_at.isoformat(),
        "error": row.error or None,
    }


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
