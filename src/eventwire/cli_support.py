"""What every ``eventwire`` command shares: the exit codes, settings from options and the
environment, checks of input paths, and output files replaced only when a run succeeds."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from enum import IntEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from pydantic import ValidationError
from pydantic_settings import SettingsError

from eventwire.ingest.sources import SkippedFile, walk
from eventwire.nlp import ModelNotFound
from eventwire.nlp.kb import KBError, check_actor_files, check_people_files
from eventwire.parallel import WorkerFailed
from eventwire.query import QueryError
from eventwire.ray_engine import EngineUnavailable
from eventwire.settings import Settings, split_paths
from eventwire.store import StoreBusy, StoreError, StoreIOError

__all__ = ["UsageProblem", "ClickException", "ExitCode", "EXIT_CODES", "exit_code_of",
           "load_settings", "check_inputs", "input_files", "output_to",
           "WorkersOption", "BatchSizeOption"]  # fmt: skip

# --workers of extract and ingest: every core unless told otherwise.
WorkersOption = Annotated[
    int,
    typer.Option("--workers", "-w", min=0, envvar="EVENTWIRE_WORKERS",
                 help="Processes that parse and extract (each loads the model once); "
                 "0: one per core (the default); 1: no worker processes"),
]
BatchSizeOption = Annotated[
    int | None,
    typer.Option("--batch-size", min=1, envvar="EVENTWIRE_BATCH_DOCUMENTS",
                 help="Documents parsed together, at most (one task of a worker or a Ray "
                 "actor; default 32, EVENTWIRE_BATCH_DOCUMENTS)"),
]


class UsageProblem(Exception):
    """A command used wrongly (a missing path, a bad setting, closed stdin), in one line."""


# Typer's base of argument and option errors (click's, or the copy of click newer Typer ships).
ClickException: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)


class ExitCode(IntEnum):
    """The exit codes of every command (documented in the README)."""

    OK = 0
    DOCUMENTS_FAILED = 1  # some documents failed (each has its line and error record)
    USAGE = 2  # bad argument, option, setting, path or file
    STORE_BUSY = 3  # the store is in use by another process, or cannot be brought up to date
    SYSTEM = 4  # the system refused: disk full, no permission, I/O error
    INTERNAL = 70  # a bug in eventwire (sysexits' EX_SOFTWARE)
    INTERRUPTED = 130  # Ctrl-C
    OUTPUT_CLOSED = 141  # stdout closed early (``| head``), as a shell reports SIGPIPE


# One error type per stage -> exit code. Order matters: the first matching type wins.
EXIT_CODES: tuple[tuple[type[BaseException], ExitCode], ...] = (
    (StoreBusy, ExitCode.STORE_BUSY),  # store: locked, or stale and read-only
    (StoreIOError, ExitCode.SYSTEM),  # store: disk full, permissions
    (StoreError, ExitCode.USAGE),  # store: not an eventwire store, missing directory
    (QueryError, ExitCode.USAGE),  # query: a malformed date
    (ModelNotFound, ExitCode.USAGE),  # nlp: the spaCy pipeline is not installed
    (KBError, ExitCode.USAGE),  # nlp: an invalid actor or people file
    (UsageProblem, ExitCode.USAGE),  # cli: paths, settings, closed stdin, output files
    (EngineUnavailable, ExitCode.USAGE),  # ray_engine: --engine ray without Ray installed
    (WorkerFailed, ExitCode.SYSTEM),  # parallel: a worker process could not start
    (ClickException, ExitCode.USAGE),  # cli: arguments and options
    (OSError, ExitCode.SYSTEM),  # output: disk full, I/O error
)


def exit_code_of(err: BaseException) -> ExitCode:
    for error_type, code in EXIT_CODES:
        if isinstance(err, error_type):
            return code
    return ExitCode.INTERNAL


def load_settings(**overrides: object) -> Settings:
    """The run's settings: ``overrides`` from options over ``EVENTWIRE_*`` variables. A bad
    value is a usage error naming the variable."""
    try:
        return Settings(**overrides)
    except ValidationError as err:
        problems = []
        for error in err.errors():
            field = str(error["loc"][0]) if error["loc"] else "?"
            name = f"EVENTWIRE_{field.upper()}"
            problems.append(f"{name}={error.get('input')!r}: {error['msg']}")
        raise UsageProblem("bad setting " + "; ".join(problems)) from None
    except SettingsError as err:
        raise UsageProblem(f"bad setting: {err}") from None


def check_inputs(paths: list[Path], settings: Settings) -> None:
    """Usage errors before any document is read: a path that does not exist, '-' with stdin
    closed, an actor or people file that is missing or invalid."""
    missing = [str(p) for p in paths if str(p) != "-" and not p.exists()]
    missing += [p for p in (*split_paths(settings.actors), *split_paths(settings.people))
                if not Path(p).exists()]  # fmt: skip
    if missing:
        raise UsageProblem(f"no such file or directory: {', '.join(missing)}")
    if any(str(p) == "-" for p in paths) and (sys.stdin is None or sys.stdin.closed):
        raise UsageProblem("stdin is closed: nothing to read for '-'")
    check_actor_files(settings.actors)
    check_people_files(settings.people)


def input_files(paths: list[Path]) -> list[tuple[Path, int]]:
    """The files under ``paths`` in reading order, with their sizes (for progress)."""
    files: list[tuple[Path, int]] = []
    for path in paths:
        if str(path) == "-":
            continue
        with contextlib.suppress(OSError):
            for item in walk([path]):
                file = item.path if isinstance(item, SkippedFile) else item
                if isinstance(file, Path):
                    size = 0
                    with contextlib.suppress(OSError):
                        size = file.stat().st_size
                    files.append((file, size))
    return files


@contextlib.contextmanager
def output_to(out: Path | None) -> Iterator[TextIO]:
    """Where a command writes: stdout, or ``out`` replaced only when the command succeeds
    (written to a temporary file next to it, then renamed), so an interrupted or failed run
    leaves an existing file as it was."""
    if out is None or str(out) == "-":
        yield sys.stdout
        return
    if out.is_dir():
        raise UsageProblem(f"cannot write {out}: it is a directory")
    if not out.parent.exists():
        raise UsageProblem(f"cannot write {out}: directory {out.parent} does not exist")
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, or removed
            "w", encoding="utf-8", dir=out.parent, prefix=f".{out.name}.", suffix=".part",
            delete=False,
        )  # fmt: skip
    except OSError as err:
        raise UsageProblem(f"cannot write {out}: {err.strerror or err}") from None
    temporary = Path(handle.name)
    try:
        yield handle
        handle.close()
        _copy_mode(out, temporary)
        os.replace(temporary, out)
    except BaseException:
        handle.close()
        temporary.unlink(missing_ok=True)
        raise


def _copy_mode(existing: Path, temporary: Path) -> None:
    # A temporary file is private (0600); the output gets the mode of the file it replaces,
    # or the mode a new file would get.
    try:
        mode = existing.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    temporary.chmod(mode)


