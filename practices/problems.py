"""The one shape every validation problem takes."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A problem in a data file, in the words a contributor can act on.

    Printed as ``file:line: record: field what is wrong (how to fix)``.
    """

    file: str
    line: int
    record: str
    field: str
    message: str
    fix: str

    @property
    def text(self) -> str:
        """The problem without its place: record, field, what is wrong, how to fix."""
        subject = f"{self.field} " if self.field else ""
        return f"{self.record}: {subject}{self.message} ({self.fix})"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.text}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command."""
        text = self.text.replace("%", "%25")
        text = text.replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.file},line={self.line},title=Invalid practice record::{text}"


class LibraryError(Exception):
    """Raised when the data cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line))
        count = len(self.problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the library data:\n{lines}")
