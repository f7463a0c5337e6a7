# Types for the part of Flask-WTF 1.x that quizapp uses. Flask-WTF ships no types and
# the package registry has no stubs for it (WTForms has types-WTForms, which these
# build on). Left untyped, every form constructor and `validate_on_submit()` call would
# be an untyped call. Any other name is typed Any (the module `__getattr__` below), as
# typeshed marks an incomplete stub.

from typing import Any

from flask_wtf.csrf import CSRFProtect as CSRFProtect
from flask_wtf.form import FlaskForm as FlaskForm

def __getattr__(name: str) -> Any: ...
