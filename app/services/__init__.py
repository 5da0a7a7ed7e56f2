"""Use cases and rules. No Qt here; one transaction (BaseDeDonnees.session_scope()) per use case."""
