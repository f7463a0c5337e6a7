from collections.abc import Callable
from datetime import datetime
from typing import Any, Generic, ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")

class TaskWrapper(Generic[_P, _R]):
    def __call__(self, *args: _P.args, **kwargs: _P.kwargs) -> Any: ...
    def schedule(
        self,
        args: tuple[Any, ...] | None = None,
        kwargs: dict[str, Any] | None = None,
        eta: datetime | None = None,
        delay: float | None = None,
    ) -> Any: ...

class Huey:
    def __init__(
        self,
        name: str = "huey",
        results: bool = True,
        immediate: bool = False,
        **storage_kwargs: Any,
    ) -> None: ...
    def task(
        self, *, name: str | None = None, retries: int = 0, retry_delay: float = 0
    ) -> Callable[[Callable[_P, _R]], TaskWrapper[_P, _R]]: ...
    def on_startup(
        self, name: str | None = None
    ) -> Callable[[Callable[[], _R]], Callable[[], _R]]: ...

class SqliteHuey(Huey): ...
class RedisHuey(Huey): ...
class PostgresHuey(Huey): ...
