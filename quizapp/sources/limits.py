"""A generation job's limits: its document read and its bank built in child processes
under CPU time and memory limits.

A queue worker forks a child for each of the job's two long steps, reading (decoding,
converting HTML or PDF) and building (finding dated facts, writing questions). Each child
runs at the lowest CPU priority (nice 19: the web workers on the same machine go first),
under ``RLIMIT_CPU`` for its step (``SIGXCPU`` at the limit, ``SIGKILL`` a few
seconds later if the step is stuck inside a C call) and ``RLIMIT_AS`` (the worker's own
address space plus ``memory_mb``), and dies with the worker (``PR_SET_PDEATHSIG``). It
sends its result back through a pipe; nothing is written to the database until the
worker has the whole bank, so a job over a limit leaves nothing half-built.

CPU time, not wall-clock time, is what is limited: a document is not failed because the
machine was busy. The reason a step stopped is a sentence for the job page: "this PDF took
more than 60 s to read".
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import resource
import select
import signal
import struct
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from question_bank import DocumentError, QuestionBankError, ReadLimits

__all__ = ["JobLimits", "LimitExceededError", "StepCrashedError", "run_limited"]

GRACE_SECONDS = 5  # after SIGXCPU, before the kernel's SIGKILL
_HEADER = struct.Struct("!Q")
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class JobLimits:
    """What one job may use (``GENERATION_*`` and ``MAX_*`` settings)."""

    read_seconds: int = 60
    build_seconds: int = 300
    memory_mb: int = 2048
    read: ReadLimits = field(default_factory=ReadLimits)
    low_priority: bool = True  # nice 19: the web workers on the machine go first


class LimitExceededError(Exception):
    """A step went over its CPU time or memory; the message says which, for the page."""


class StepCrashedError(Exception):
    """The child died without a result (killed by a signal that is not its limit's)."""


def run_limited(
    step: Callable[[], Any],
    *,
    cpu_seconds: int,
    memory_mb: int,
    too_slow: str,
    too_big: str,
    tick_seconds: float,
    on_tick: Callable[[], bool],
    low_priority: bool = True,
) -> Any:
    """Run ``step`` in a forked child under the limits and return what it returned.

    Args:
        step: the work; it runs in the child, so it must not touch the database.
        cpu_seconds: the CPU time the step may use.
        memory_mb: the memory the step may add to the worker's address space.
        too_slow: the reason given when the CPU time runs out.
        too_big: the reason given when the memory runs out.
        tick_seconds: how often ``on_tick`` is called while the child works.
        on_tick: the worker's heartbeat; returning False stops the child (the job was
            taken from this worker) and raises StepCrashedError.
        low_priority: run the child at the lowest CPU priority.

    Raises:
        DocumentError: ``step`` found its document unreadable or without dated facts;
            the message is the library's.
        LimitExceededError: the step went over a limit; the message is the reason.
        StepCrashedError: the child died otherwise, or was stopped by ``on_tick``.
    """
    address_space = _address_space() + memory_mb * 1024 * 1024
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        _child(step, write_end, cpu_seconds, address_space, low_priority)
    os.close(write_end)
    payload = bytearray()
    try:
        while True:
            ready, _, _ = select.select([read_end], [], [], tick_seconds)
            if not ready:
                if not on_tick():
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    raise StepCrashedError("the job was taken over by another worker")
                continue
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            payload += chunk
    except BaseException:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        raise
    finally:
        os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    outcome = _decode(payload)
    if outcome is None:
        used = usage.ru_utime + usage.ru_stime
        if os.WIFSIGNALED(status) and used >= cpu_seconds:
            raise LimitExceededError(too_slow)
        if os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            raise StepCrashedError(f"the process doing it was killed ({name})")
        raise StepCrashedError(f"the process doing it exited with status {status}")
    kind, value = outcome
    if kind == "ok":
        return value
    if kind == "document":
        raise DocumentError(value)
    if kind == "cpu":
        raise LimitExceededError(too_slow)
    if kind == "memory":
        raise LimitExceededError(too_big)
    raise StepCrashedError(str(value))


class _CpuTimeUp(BaseException):
    """Raised in the child by SIGXCPU; a BaseException so no ``except Exception`` in the
    library swallows it."""


def _child(
    step: Callable[[], Any], out: int, cpu_seconds: int, address_space: int, low_priority: bool
) -> None:
    code = 0
    try:
        _die_with_parent()
        if low_priority:
            _lowest_priority()
        signal.signal(signal.SIGXCPU, _time_up)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + GRACE_SECONDS))
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
        try:
            outcome: tuple[str, Any] = ("ok", step())
        except QuestionBankError as error:
            outcome = ("document", str(error))
        except _CpuTimeUp:
            outcome = ("cpu", None)
        except MemoryError:
            outcome = ("memory", None)
        except SystemError:
            # "error return without exception set": out of its address space, CPython can
            # lose the MemoryError of a frame it failed to allocate (seen at a plain call
            # in the build step, in 2 of 5 runs of the memory-limit test). Only a memory
            # limit makes the interpreter itself fail here.
            outcome = ("memory", None)
        except Exception as error:  # reported to the worker, which fails the job with it
            outcome = ("internal", f"internal error ({type(error).__name__}: {error})")
        # The kernel repeats SIGXCPU every second past the limit: the answer goes out
        # whole (or the hard limit ends the child, which the worker reads as time up).
        signal.signal(signal.SIGXCPU, signal.SIG_IGN)
        try:
            data = _frame(outcome)
        except MemoryError:
            data = _frame(("memory", None))
        _write_all(out, data)
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _frame(outcome: tuple[str, Any]) -> bytes:
    data = pickle.dumps(outcome)
    return _HEADER.pack(len(data)) + data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _decode(payload: bytearray) -> tuple[str, Any] | None:
    if len(payload) < _HEADER.size:
        return None
    (length,) = _HEADER.unpack_from(payload)
    if len(payload) < _HEADER.size + length:
        return None
    outcome: tuple[str, Any] = pickle.loads(payload[_HEADER.size : _HEADER.size + length])
    return outcome


def _time_up(signum: int, frame: object) -> None:
    raise _CpuTimeUp()


def _die_with_parent() -> None:
    """A child whose worker was killed (kill -9) must not go on burning CPU."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _lowest_priority() -> None:
    """The lowest nice level. Not ``SCHED_IDLE``: on a machine busy with other work it
    starved the steps outright (four jobs stood still for minutes)."""
    with contextlib.suppress(OSError):
        os.nice(19 - os.nice(0))


def _address_space() -> int:
    """This process's virtual memory size in bytes (Linux), else its peak resident size."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
