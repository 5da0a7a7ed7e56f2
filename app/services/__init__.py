"""Use cases and rules. No Qt here; one transaction (BaseDeDonnees.session()) per use case."""
