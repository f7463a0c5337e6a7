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
    def periodic_task(
        self, validate_datetime: Callable[[datetime], bool], *, name: str | None = None
    ) -> Callable[[Callable[_P, _R]], TaskWrapper[_P, _R]]: ...
    def read_periodic(self, timestamp: datetime) -> list[Any]: ...
    def on_startup(
        self, name: str | None = None
    ) -> Callable[[Callable[[], _R]], Callable[[], _R]]: ...

def crontab(
    minute: str = "*",
    hour: str = "*",
    day: str = "*",
    month: str = "*",
    day_of_week: str = "*",
    strict: bool = False,
) -> Callable[[datetime], bool]: ...

class SqliteHuey(Huey): ...
class RedisHuey(Huey): ...
class PostgresHuey(Huey): ...
