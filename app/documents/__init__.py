"""Documents (PDF, xlsx, ics): pure functions from data to bytes or files. No Qt here."""
