"""The schema revisions this program knows, oldest first.

Kept as plain data so that opening a base at head needs no Alembic import (half a second);
a test checks that it matches Alembic's own history.
"""

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004")
TETE = REVISIONS[-1]
