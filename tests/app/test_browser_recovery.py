"""Account recovery clicked through in a real Chromium, at a desk's width and a phone's:
a teacher issues a reset link from the class page, the learner sets a password with it,
logs in and reads who reset it; logging out of a remembered login leaves the browser
logged out.

It reuses the learner browser test's fixtures and its rule: skipped locally without
``/usr/bin/chromium``, failed under ``CI=true``.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import add_user, join, make_class
from flask import Flask

from app.test_browser import ARTIFACTS, PASSWORD, _log_in, live_app, page  # noqa: F401

pytestmark = pytest.mark.browser

WIDTHS = {"desk": 1280, "phone": 390}


def _shots(tab: Any, name: str) -> None:
    for label, width in WIDTHS.items():
        tab.set_viewport_size({"width": width, "height": 800})
        tab.screenshot(path=str(ARTIFACTS / f"recovery-{name}-{label}.png"), full_page=True)
    tab.set_viewport_size({"width": 1280, "height": 800})


def test_a_learner_reset_by_their_teacher_is_told_in_chromium(
    page: Any,  # noqa: F811
    live_app: tuple[Flask, str],  # noqa: F811
) -> None:
    app, base = live_app
    teacher_id = add_user(app, "ms-aliyeva@example.org", role="teacher")
    learner_id = add_user(app, "farid@example.org")
    colleague_id = add_user(app, "colleague@example.org", role="teacher")
    class_id, _code = make_class(app, teacher_id)
    join(app, learner_id, class_id)
    join(app, colleague_id, class_id)

    _log_in(page, base, "ms-aliyeva@example.org", PASSWORD)
    page.goto(f"{base}/teach/classes/{class_id}")
    # A colleague who joined the class gets no reset button.
    assert page.locator(f"#learner-{colleague_id} form[action$='/reset-link']").count() == 0
    _shots(page, "01-class")
    page.click(f"#learner-{learner_id} form[action$='/reset-link'] button")
    link = page.inner_text("#reset-link")
    assert link.startswith("http://127.0.0.1:5000/reset/")
    page.click("#logout")
    page.wait_for_url(f"{base}/login")

    page.goto(base + link.removeprefix("http://127.0.0.1:5000"))
    page.fill("#new_password", "farid's new secret")
    page.fill("#confirm", "farid's new secret")
    page.click("#reset-form [type=submit]")
    page.wait_for_url(f"{base}/login")
    _log_in(page, base, "farid@example.org", "farid's new secret", remember=True)
    notice = page.inner_text(".flash-warning")
    assert "ms-aliyeva (ms-aliyeva@example.org)" in notice
    _shots(page, "02-told")
    page.goto(f"{base}/settings")
    assert "ms-aliyeva@example.org" in page.inner_text("#password-resets + p + ul")
    _shots(page, "03-settings")

    # Logging out of a remembered login: the browser, restarted or not, is logged out.
    page.click("#logout")
    page.wait_for_url(f"{base}/login")
    assert page.context.cookies(base) == [] or all(
        cookie["name"] != "remember_token" for cookie in page.context.cookies(base)
    )
    page.goto(f"{base}/settings")
    page.wait_for_url(f"{base}/login?next=%2Fsettings")
