"""The JSON API, ``/api/v1``: the daily queue, answers, questions and passages, stats,
sets, assignments and exports, for programs acting as a user; and for teachers, their
own documents: upload, the generation job, review decisions and publishing.

Authentication is a personal token (``Authorization: Bearer qz_...``) created on the
settings page; the session cookie is never read here, so the blueprint is exempt from
CSRF and nothing else is. A ``read`` token may only GET; answering needs ``write``.
Requests are counted per token in fixed windows stored in the database
(``API_RATE_LIMIT`` per ``API_RATE_WINDOW`` seconds, shared by every worker). Every error
is ``{"error": {"code", "message"}}``; lists are paginated with ``page`` and ``per_page``
and give the ``next`` page's URL (also in a ``Link`` header). The OpenAPI document
(:mod:`quizapp.api.openapi`) is served at ``/api/v1/openapi.json``.

:mod:`quizapp.api.blueprint` holds the blueprint ``bp`` and what every resource module
shares (errors, authentication, rate limits, input, pagination); each other module adds
one resource's routes to it.
"""

from quizapp.api import (  # noqa: F401  (each module adds its routes to bp)
    answers,
    assignments,
    documents,
    exports,
    me,
    openapi,
    questions,
    queue,
    reviews,
    sets,
    sources,
    statistics,
)
from quizapp.api.blueprint import bp

__all__ = ["bp"]
