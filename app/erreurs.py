"""The family of known conditions: each carries a French message fit for a secretary.

Anything that is not an `ErreurConnue` is a bug and is reported as such (crash dialog, log file).
"""

from __future__ import annotations


class ErreurConnue(Exception):
    """A known condition (bad input, refused base, locked file...) with a French message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
