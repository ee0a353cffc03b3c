"""One error family, so the CLI and the app can turn bad input into a clear message.

Only :class:`InputError` (here) and :class:`gazetteer.GazetteerError` mean "bad input": the
CLI prints their message and exits with :data:`EXIT_BAD_INPUT`. Any other exception is a bug:
it costs one article inside the pipeline, and shows a traceback under ``--debug``.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_BUG = 1  # an error Dateline did not expect: please report it with the --debug traceback
EXIT_BAD_INPUT = 2  # a file, line or field at fault; the message says which and what to do
EXIT_SOME_FAILED = 3  # the run finished, but a stage failed on some articles (listed as problems)
EXIT_INTERRUPTED = 130


class DatelineError(Exception):
    """Base of every error Dateline raises on purpose; the CLI prints it without a traceback."""

    exit_code = EXIT_BUG


class InputError(DatelineError, ValueError):
    """Bad input: names the file, line and field at fault and what to do."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, path: str | object, message: str, line: int | None = None, field: str | None = None):
        self.path, self.line, self.field = str(path), line, field
        where = self.path + (f":{line}" if line is not None else "")
        what = f" field '{field}':" if field else ""
        super().__init__(f"{where}:{what} {message}")


class InputNotFound(InputError, FileNotFoundError):
    """An input path that does not exist."""
