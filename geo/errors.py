"""One error family, so the CLI and the app can turn any failure into a clear message."""
from __future__ import annotations


class DatelineError(Exception):
    """Base of every error Dateline raises on purpose; the CLI prints it without a traceback."""

    exit_code = 1


class InputError(DatelineError, ValueError):
    """Bad input: names the file, line and field at fault and what to do."""

    exit_code = 2

    def __init__(self, path: str, message: str, line: int | None = None, field: str | None = None):
        self.path, self.line, self.field = str(path), line, field
        where = self.path + (f":{line}" if line is not None else "")
        what = f" field '{field}':" if field else ""
        super().__init__(f"{where}:{what} {message}")


class InputNotFound(InputError, FileNotFoundError):
    """An input path that does not exist."""
