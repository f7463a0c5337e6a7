"""The OpenAPI 3.1 document of ``/api/v1``, built from one Python structure, and its route,
``GET /openapi.json`` (the one route that needs no token).

:data:`ENDPOINTS` lists every operation once: its path, method, summary, parameters,
request body and responses. ``tests/app/test_api.py`` checks that it names exactly the
routes the app serves, and a schemathesis run checks the responses against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import jsonify
from werkzeug.wrappers import Response

from quizapp.api.blueprint import bp
from quizapp.learning.scoring import MAX_DURATION_MS
from quizapp.models import MAX_ID
from quizapp.platform.addresses import external_url

__all__ = ["ENDPOINTS", "Endpoint", "openapi_document"]

VERSION = "1.0.0"


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def obj(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(required),
        "properties": required | (optional or {}),
    }


INTEGER = {"type": "integer"}
NUMBER = {"type": "number"}
STRING = {"type": "string"}
BOOLEAN = {"type": "boolean"}
TIME = {"type": "string", "format": "date-time"}
# Text a client sends: no control character but tab, line feed and carriage return
# (quizapp.platform.boundary refuses them, and lone surrogates, with a 400).
TEXT_PATTERN = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]*$"


def request_obj(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    """A request body: these fields and no others."""
    return obj(required, optional) | {"additionalProperties": False}


ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
GRANULARITY = {
    "enum": ["year", "month", "day", "range", "decade", "century"],
    "description": "What a date gives: a day, a month, a year, a range of two ends, a "
    "decade or a century.",
}
BANK_DATE = {
    "type": "string",
    "description": "YYYY, YYYY-MM or YYYY-MM-DD; a BC year is negative with four digits as "
    "historians number them, with no year zero ('-0044' is 44 BC, not ISO 8601's "
    "astronomical 45 BC); START/END for a range, a decade ('1990/1999') or a century "
    "('-0300/-0201', the 3rd century BC). Days before 15 October 1582 are Julian.",
}

SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": obj(
        {"error": obj({"code": STRING, "message": STRING})},
    ),
    "User": obj(
        {
            "id": INTEGER,
            "email": STRING,
            "display_name": STRING,
            "role": {"enum": ["learner", "teacher"]},
            "desired_retention": NUMBER,
            "new_per_day": INTEGER,
            "reviews_per_day": INTEGER,
            "day_first": BOOLEAN,
        }
    ),
    "Question": obj(
        {
            "id": INTEGER,
            "source_id": INTEGER,
            "kind": {"enum": ["date", "cloze", "choice", "order"]},
            "prompt": STRING,
            "choices": {"type": "array", "items": STRING},
            "items": {
                "type": "array",
                "items": obj({"index": INTEGER, "text": STRING}),
            },
            "granularity": nullable(GRANULARITY),
            "section": STRING,
            "difficulty": NUMBER,
            "retired": BOOLEAN,
        }
    ),
    "QueueItem": {
        "allOf": [
            ref("Question"),
            obj({"card_version": INTEGER, "new": BOOLEAN}),
        ]
    },
    "SessionStatus": obj(
        {"done": INTEGER, "due": INTEGER, "new": INTEGER, "later": INTEGER, "remaining": INTEGER}
    ),
    "Queue": obj({"status": ref("SessionStatus"), "next": nullable(ref("QueueItem"))}),
    "AnswerRequest": request_obj(
        {
            "question_id": ID,
            "card_version": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
            "answer": {"type": "string", "maxLength": 500, "pattern": TEXT_PATTERN},
        },
        {"duration_ms": nullable({"type": "integer", "minimum": 0, "maximum": MAX_DURATION_MS})},
    )
    | {
        "description": "A typed date, the text of the chosen option, or for an order "
        "question the item indices earliest first ('2,0,1')."
    },
    "Review": obj(
        {
            "id": INTEGER,
            "question_id": INTEGER,
            "card_version": INTEGER,
            # null where an assignment's review options hide it from the learner now
            "rating": nullable({"type": "integer", "minimum": 1, "maximum": 4}),
            "override": BOOLEAN,
            "score": nullable(NUMBER),
            "correct": nullable(BOOLEAN),
            "given": STRING,
            "expected": nullable(STRING),
            "feedback": nullable(STRING),
            "duration_ms": nullable(INTEGER),
            "reviewed_at": TIME,
        }
    ),
    "Passage": obj(
        {
            "question_id": INTEGER,
            "source_id": INTEGER,
            "section": STRING,
            "text": STRING,
            "evidence": {"type": "array", "items": INTEGER, "minItems": 2, "maxItems": 2},
            "url": STRING,
        }
    ),
    "Stats": obj(
        {
            "streak": INTEGER,
            "today": ref("SessionStatus"),
            "today_results": obj(
                {"answered": INTEGER, "right": INTEGER, "partial": INTEGER, "wrong": INTEGER}
            ),
            "reviews": INTEGER,
            "correct": INTEGER,
        }
    ),
    "Source": obj({"id": INTEGER, "title": STRING, "file": STRING}),
    "QuestionSet": obj(
        {
            "id": INTEGER,
            "name": STRING,
            "description": STRING,
            "source_id": INTEGER,
            "owner_id": INTEGER,
            "question_ids": {"type": "array", "items": INTEGER},
        }
    ),
    "Assignment": obj(
        {
            "id": INTEGER,
            "class_id": INTEGER,
            "set_id": INTEGER,
            "set_name": STRING,
            "opens_at": TIME,
            "due_at": TIME,
            "max_attempts": INTEGER,
            "questions": INTEGER,
            "attempts": INTEGER,
            "done": BOOLEAN,
            "best_score": nullable(NUMBER),
        }
    ),
    "DocumentUpload": obj(
        {"document": {"type": "string", "format": "binary"}},
    )
    | {
        "description": "A .txt, .md, .html or .pdf file, up to the upload limit "
        "(QUIZAPP_MAX_UPLOAD_MB, 20 MB by default)."
    },
    "Job": obj(
        {
            "id": INTEGER,
            "status": {"enum": ["queued", "running", "done", "failed"]},
            "stage": STRING,
            "progress": {"type": "integer", "minimum": 0, "maximum": 100},
            "message": STRING,
            "attempts": {"type": "integer", "minimum": 0},
            "source_id": nullable(INTEGER),
            "report": nullable({"type": "object"}),
            "summary": nullable({"type": "object"}),
            "filename": STRING,
            "format": STRING,
            "size": INTEGER,
            "created_at": TIME,
            "finished_at": nullable(TIME),
        }
    ),
    "Answer": {
        "type": "object",
        "description": "A question's answer as the bank writes it: a date (date, cloze and "
        "choice questions) or, for an order question, the item indices earliest first.",
        "properties": {
            "date": BANK_DATE,
            "granularity": GRANULARITY,
            "text": STRING,
            "span": nullable({"type": "array", "items": INTEGER, "minItems": 2, "maxItems": 2}),
            "inferred": BOOLEAN,
            "also": obj({"date": BANK_DATE, "granularity": GRANULARITY, "text": STRING})
            | {
                "description": "The same moment as the document also writes it, a right "
                "answer too: the Old Style date of a date given in both calendars, the "
                "year as written of a dual year."
            },
            "order": {"type": "array", "items": INTEGER},
        },
    },
    "ReviewQuestion": {
        "allOf": [
            ref("Question"),
            obj(
                {
                    "bank_id": STRING,
                    "answer": ref("Answer"),
                    "decision": {"enum": ["pending", "accepted", "rejected"]},
                }
            ),
        ]
    },
    "DecisionRequest": request_obj({"decision": {"enum": ["pending", "accepted", "rejected"]}}),
    "ReviewCounts": obj({"pending": INTEGER, "accepted": INTEGER, "rejected": INTEGER}),
    "Decision": obj(
        {
            "question_id": INTEGER,
            "decision": {"enum": ["pending", "accepted", "rejected"]},
            "counts": ref("ReviewCounts"),
        }
    ),
    "Published": obj({"accepted": INTEGER, "counts": ref("ReviewCounts")}),
}


def page_of(name: str) -> dict[str, Any]:
    return obj(
        {
            "items": {"type": "array", "items": ref(name)},
            "page": INTEGER,
            "per_page": INTEGER,
            "total": INTEGER,
            "next": nullable(STRING),
        }
    )


def path_id(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": ID}


PAGINATION = [
    {
        "name": "page",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": 1_000_000},
    },
    {
        "name": "per_page",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": 100},
    },
]
EXPORT = [
    {
        "name": "format",
        "in": "query",
        "schema": {"enum": ["csv", "xml", "gift", "apkg"], "default": "csv"},
    },
    {
        "name": "progress",
        "in": "query",
        "description": "1: with the user's scheduling state (apkg only)",
        "schema": {"enum": ["0", "1"]},
    },
]
EXPORT_CONTENT = {
    media: {"schema": {"type": "string", "format": "binary"}}
    for media in ("text/csv", "application/xml", "text/plain", "application/apkg")
}


def json_content(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def error(description: str) -> dict[str, Any]:
    return {"description": description, "content": json_content(ref("Error"))}


@dataclass(frozen=True)
class Endpoint:
    """One operation of the API."""

    method: str
    path: str
    summary: str
    response: dict[str, Any] | None  # the success body's schema; None for a file
    parameters: list[dict[str, Any]] = field(default_factory=list)
    body: str | None = None  # a component schema's name
    body_media: str = "application/json"
    status: str = "200"  # the success status
    headers: dict[str, Any] = field(default_factory=dict)  # the success headers
    errors: tuple[int, ...] = ()
    public: bool = False
    extra: dict[str, dict[str, Any]] = field(default_factory=dict)

    def operation(self) -> dict[str, Any]:
        ok: dict[str, Any] = {"description": "OK" if self.status == "200" else "Accepted"}
        ok["content"] = json_content(self.response) if self.response else EXPORT_CONTENT
        if self.headers:
            ok["headers"] = self.headers
        responses: dict[str, Any] = {self.status: ok} | self.extra
        codes = set(self.errors)
        if not self.public:
            codes |= {401, 429}
        if self.parameters:
            codes.add(400)
        if any(parameter["in"] == "path" for parameter in self.parameters):
            codes.add(404)
        for code in sorted(codes):
            responses[str(code)] = error(ERROR_TEXT[code])
        operation: dict[str, Any] = {
            "operationId": self.summary.lower().replace(" ", "_").replace("'", ""),
            "summary": self.summary,
            "responses": responses,
        }
        if self.parameters:
            operation["parameters"] = self.parameters
        if self.body:
            operation["requestBody"] = {
                "required": True,
                "content": {self.body_media: {"schema": ref(self.body)}},
            }
        if self.public:
            operation["security"] = []
        return operation


ERROR_TEXT = {
    400: "Bad input; the message says which field and why",
    401: "No valid token",
    403: "The token's scope does not allow this; for documents and jobs also: not a "
    "teacher, or another teacher's",
    404: "Not found, or not yours",
    409: "The card was reviewed since this version",
    413: "The body (or the uploaded file) is too large",
    415: "The body is not JSON (an upload: not multipart/form-data, or a file type "
    "that is not supported)",
    429: "Rate limit reached; see Retry-After",
}

ENDPOINTS: list[Endpoint] = [
    Endpoint("get", "/openapi.json", "This document", {"type": "object"}, public=True),
    Endpoint("get", "/me", "The token's user", ref("User")),
    Endpoint("get", "/queue", "Today's queue", ref("Queue")),
    Endpoint(
        "post",
        "/answers",
        "Submit an answer",
        ref("Review"),
        body="AnswerRequest",
        errors=(400, 403, 404, 409, 413, 415),
        extra={
            "201": {"description": "Recorded", "content": json_content(ref("Review"))},
        },
    ),
    Endpoint("get", "/reviews", "My reviews", page_of("Review"), PAGINATION),
    Endpoint("get", "/reviews/{review_id}", "One review", ref("Review"), [path_id("review_id")]),
    Endpoint(
        "get", "/questions/{question_id}", "A question", ref("Question"), [path_id("question_id")]
    ),
    Endpoint(
        "get",
        "/questions/{question_id}/passage",
        "A question's passage",
        ref("Passage"),
        [path_id("question_id")],
    ),
    Endpoint("get", "/stats", "My statistics", ref("Stats")),
    Endpoint("get", "/sources", "Documents", page_of("Source"), PAGINATION),
    Endpoint(
        "get",
        "/sources/{source_id}/questions",
        "A document's questions",
        page_of("Question"),
        [path_id("source_id"), *PAGINATION],
    ),
    Endpoint(
        "get",
        "/sources/{source_id}/export",
        "Export a document's questions",
        None,
        [path_id("source_id"), *EXPORT],
    ),
    Endpoint(
        "get", "/sets", "Question sets I own or am assigned", page_of("QuestionSet"), PAGINATION
    ),
    Endpoint("get", "/sets/{set_id}", "A question set", ref("QuestionSet"), [path_id("set_id")]),
    Endpoint(
        "get",
        "/sets/{set_id}/export",
        "Export a question set",
        None,
        [path_id("set_id"), *EXPORT],
    ),
    Endpoint("get", "/assignments", "My assignments", page_of("Assignment"), PAGINATION),
    Endpoint(
        "post",
        "/documents",
        "Upload a document",
        ref("Job"),
        body="DocumentUpload",
        body_media="multipart/form-data",
        status="202",
        headers={"Location": {"description": "The job's URL", "schema": STRING}},
        errors=(400, 403, 413, 415),
    ),
    Endpoint(
        "get", "/jobs/{job_id}", "A generation job", ref("Job"), [path_id("job_id")], errors=(403,)
    ),
    Endpoint(
        "get",
        "/documents/{source_id}/questions",
        "My document's questions to review",
        page_of("ReviewQuestion"),
        [path_id("source_id"), *PAGINATION],
        errors=(403,),
    ),
    Endpoint(
        "post",
        "/documents/{source_id}/questions/{question_id}/decision",
        "Decide on a question",
        ref("Decision"),
        [path_id("source_id"), path_id("question_id")],
        body="DecisionRequest",
        errors=(400, 403, 413, 415),
    ),
    Endpoint(
        "post",
        "/documents/{source_id}/publish",
        "Publish my document's pending questions",
        ref("Published"),
        [path_id("source_id")],
        errors=(403,),
    ),
]


def openapi_document(*, server_url: str = "/api/v1") -> dict[str, Any]:
    """The OpenAPI 3.1 document, with ``server_url`` as the API's base."""
    paths: dict[str, dict[str, Any]] = {}
    for endpoint in ENDPOINTS:
        paths.setdefault(endpoint.path, {})[endpoint.method] = endpoint.operation()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "quizapp API",
            "version": VERSION,
            "description": "Daily quiz, answers, questions, statistics, sets, assignments "
            "and exports for the token's user; a teacher's own documents, generation jobs "
            "and review. Every error is "
            '{"error": {"code", "message"}}.',
        },
        "servers": [{"url": server_url}],
        "security": [{"token": []}],
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A personal token from the settings page",
                }
            },
        },
    }


@bp.route("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(server_url=external_url("api.me")[: -len("/me")]))
