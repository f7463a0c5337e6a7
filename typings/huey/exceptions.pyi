from datetime import datetime

class HueyException(Exception): ...

class RetryTask(Exception):
    def __init__(
        self, msg: str | None = None, eta: datetime | None = None, delay: float | None = None
    ) -> None: ...
