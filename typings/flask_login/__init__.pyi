# Types for the part of Flask-Login 0.6 that quizapp uses. Flask-Login ships no types
# and the package registry has no stubs for it; left untyped, `current_user` and
# `login_required` would make every view untyped, and `UserMixin` would turn `User`
# into a class with an untyped base. Any other name is typed Any (the module
# `__getattr__` below), as typeshed marks an incomplete stub.

from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from flask import Flask
from werkzeug.wrappers import Response

_View = TypeVar("_View", bound=Callable[..., Any])
_Loader = TypeVar("_Loader", bound=Callable[[str], Any])

# A proxy to the logged-in user (a `quizapp.models.User`) or to an anonymous user:
# which one it stands for is known per request only.
current_user: Any

class UserMixin:
    __hash__ = object.__hash__
    @property
    def is_active(self) -> bool: ...
    @property
    def is_authenticated(self) -> bool: ...
    @property
    def is_anonymous(self) -> bool: ...
    def get_id(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...

class LoginManager:
    login_view: str | None
    login_message: str
    login_message_category: str
    def __init__(self, app: Flask | None = None, add_context_processor: bool = True) -> None: ...
    def init_app(self, app: Flask, add_context_processor: bool = True) -> None: ...
    def user_loader(self, callback: _Loader) -> _Loader: ...
    def unauthorized(self) -> Response: ...
    def __getattr__(self, name: str) -> Any: ...

def login_required(func: _View) -> _View: ...
def login_user(
    user: UserMixin,
    remember: bool = False,
    duration: timedelta | None = None,
    force: bool = False,
    fresh: bool = True,
) -> bool: ...
def logout_user() -> bool: ...
def __getattr__(name: str) -> Any: ...
