from typing import Any

from huey import Huey

class Consumer:
    def __init__(
        self,
        huey: Huey,
        workers: int = 1,
        periodic: bool = True,
        initial_delay: float = 0.1,
        backoff: float = 1.15,
        max_delay: float = 10.0,
        scheduler_interval: int = 1,
        worker_type: str = "thread",
        check_worker_health: bool = True,
        health_check_interval: float = 10,
        **kwargs: Any,
    ) -> None: ...
    def run(self) -> None: ...
