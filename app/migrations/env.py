"""Alembic environment: always driven from app.db with a connection already in a transaction."""

from __future__ import annotations

from alembic import context

from app.modeles import Base

connexion = context.config.attributes.get("connection")
if connexion is None:
    raise RuntimeError("Les migrations s'appliquent par app.db.ouvrir(), avec une connexion ouverte.")

context.configure(
    connection=connexion,
    target_metadata=Base.metadata,
    render_as_batch=connexion.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
