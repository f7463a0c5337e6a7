"""Property-based tests of the API against its OpenAPI document (schemathesis).

Schemathesis generates requests from ``/api/v1/openapi.json`` (valid ones, and invalid
ones for each parameter and body) and checks every response: no 5xx, a status code
and content type the document declares, and a body that matches the declared schema.
Bounded to a few dozen examples per operation so that the run takes well under a
minute. The upload is not fuzzed (a file schemathesis makes up could be read and start a
real generation job per example): it is checked with one fixed small document instead.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, NOW, SAMPLE_BANK, add_user, make_app, reset_database
from hypothesis import HealthCheck, given, settings

from quizapp.api.openapi import ENDPOINTS
from quizapp.extensions import db

schemathesis = pytest.importorskip("schemathesis")

MAX_EXAMPLES = 25
NOT_FUZZED = {("post", "/documents")}
UPLOAD = b"The Treaty of Kiel was signed on 14 January 1814.\n"


@pytest.fixture
def api_world(tmp_path: Path) -> Iterator[tuple[Any, str]]:
    """An app with the sample bank and a teacher's write token."""
    from question_bank.bank import load_bank
    from quizapp.accounts.tokens import create_token
    from quizapp.models import User
    from quizapp.sources.importer import import_bank

    app = make_app(tmp_path, API_RATE_LIMIT=1_000_000)
    with app.app_context():
        reset_database()
        import_bank(
            load_bank(SAMPLE_BANK), now=NOW, document_text=(DATA / "sample.txt").read_text()
        )
        db.session.commit()
    user_id = add_user(app, "schema@example.org", role="teacher")
    with app.app_context():
        _token, secret = create_token(db.session.get(User, user_id), "schema", "write", now=NOW)
        db.session.commit()
    yield app, secret
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def api_schema(api_world: tuple[Any, str]) -> Any:
    app, _secret = api_world
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def _operation(api_schema: Any, method: str, path: str) -> Any:
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if operation.method.lower() == method and operation.path == path:
            return operation
    raise LookupError(f"{method} {path} is not in the document")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        (e.method, e.path)
        for e in ENDPOINTS
        if not e.public and (e.method, e.path) not in NOT_FUZZED
    ],
)
def test_the_api_conforms_to_its_document(
    api_schema: Any, api_world: tuple[Any, str], method: str, path: str
) -> None:
    _app, secret = api_world
    operation = _operation(api_schema, method, path)

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def check(case: Any) -> None:
        case.call_and_validate(
            headers={"Authorization": f"Bearer {secret}"}, excluded_checks=excluded
        )

    # An answer is any string to the schema, but one that cannot be read as a date is
    # refused (400, not graded): the one schema-valid request the API may reject.
    excluded = (
        [schemathesis.checks.positive_data_acceptance]
        if (method, path) == ("post", "/answers")
        else []
    )

    check()


def test_an_upload_with_a_fixed_document_conforms(
    api_schema: Any, api_world: tuple[Any, str]
) -> None:
    """Sent by the test client, since schemathesis names every file after its field
    (``document``, without an extension: always refused)."""
    app, secret = api_world
    operation = _operation(api_schema, "post", "/documents")
    response = app.test_client().post(
        "/api/v1/documents",
        data={"document": (io.BytesIO(UPLOAD), "kiel.txt")},
        content_type="multipart/form-data",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 202, response.text
    checks = schemathesis.checks
    operation.Case(media_type="multipart/form-data").validate_response(
        response,
        checks=[
            checks.not_a_server_error,
            checks.status_code_conformance,
            checks.content_type_conformance,
            checks.response_headers_conformance,
            checks.response_schema_conformance,
        ],
    )


def test_the_schema_run_covers_every_operation(api_schema: Any) -> None:
    """Every operation but the document itself (which schemathesis leaves out)."""
    served = {result.ok().label for result in api_schema.get_all_operations()}
    wanted = {f"{e.method.upper()} {e.path}" for e in ENDPOINTS if not e.public}
    assert served == wanted
