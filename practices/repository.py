"""Addresses of the library's files on its repository, in GitHub's scheme.

Everything is derived from two site settings: the repository's address
(MkDocs' repo_url) and the edit address of the pages (MkDocs' edit_uri,
"edit/<branch>/docs/"), the one place where the branch is written.
"""
from __future__ import annotations

from dataclasses import dataclass

from .library import PRACTICES_FILE

# The practice records, relative to the repository root, as the repository's addresses write them.
RECORDS_FILE = PRACTICES_FILE.as_posix()


@dataclass(frozen=True)
class Repository:
    url: str
    branch: str

    @classmethod
    def from_settings(cls, repo_url: str | None, edit_uri: str | None) -> Repository | None:
        """The repository named by the site settings, or None when they name none (no links then)."""
        if not repo_url or not edit_uri:
            return None
        parts = edit_uri.strip("/").split("/")
        if len(parts) < 2 or parts[0] not in ("edit", "blob"):
            return None  # an address scheme this module does not know: no links rather than wrong ones
        return cls(repo_url.rstrip("/"), parts[1])

    def view(self, path: str, line: int | None = None) -> str:
        """The file as GitHub shows it, scrolled to a line when one is given."""
        return f"{self.url}/blob/{self.branch}/{path}" + (f"#L{line}" if line else "")

    def edit(self, path: str) -> str:
        """GitHub's editor for the file (it opens at the top: it takes no line)."""
        return f"{self.url}/edit/{self.branch}/{path}"

    def issue_form(self, template: str) -> str:
        """A new issue from one of the forms in .github/ISSUE_TEMPLATE/."""
        return f"{self.url}/issues/new?template={template}"
