"""Personal data: retention durations per committee, erasure marks per person, and the journal's past values of
personal columns masked (requesters' identities; persons' e-mail, phone and accessibility needs), its creation
entries given their record's id

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# What a masked value reads as in the journal: the same marker as app.services.journal_masquage.MASQUE (a
# migration never imports the program's code, which moves on while this file must not).
MASQUE = "(masqué)"

# (journal entity, keys whose values are personal): the values recorded before this revision are masked, as the
# journal now does when it writes (app.services.journal_masquage).
COLONNES_PERSONNELLES = (
    ("DemandeurSaisine", ("identite", "coordonnees")),
    ("Personne", ("courriel", "telephone", "besoins_accessibilite")),
    # An old entry cannot tell whether the text was written before its anonymisation was validated.
    ("Saisine", ("question", "contexte")),
)


def _masquer(entite: str, cle: str) -> None:
    """Mask one key in that entity's journal rows: whatever its value (plain, or a [before, after] pair), the
    key stays and says a change happened, its value becomes the marker."""
    chemin = f"$.{cle}"
    op.execute(
        sa.text(
            f"UPDATE journal SET details = json_set(details, '{chemin}', :masque) "
            f"WHERE entite = :entite AND json_valid(details) AND json_type(details, '{chemin}') IS NOT NULL"
        ).bindparams(masque=MASQUE, entite=entite)
    )


def _identifier_les_creations() -> None:
    """Creations used to be journaled without their record's id (a new object has no identity key yet in
    `after_flush`); it is in the entry's own details. Erasing a person finds their entries by that id."""
    op.execute(
        sa.text(
            "UPDATE journal SET entite_id = json_extract(details, '$.id') "
            "WHERE entite_id IS NULL AND operation = 'creation' AND json_valid(details) "
            "AND json_type(details, '$.id') = 'integer'"
        )
    )


def upgrade() -> None:
    with op.batch_alter_table("comite") as batch:
        batch.add_column(sa.Column("conservation_demandeurs_mois", sa.Integer(), nullable=False, server_default="6"))
        batch.add_column(sa.Column("conservation_coordonnees_ans", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("conservation_journal_ans", sa.Integer(), nullable=False, server_default="5"))
    op.create_table(
        "effacement_personne",
        sa.Column("personne_id", sa.Integer(), nullable=False),
        sa.Column("coordonnees_effacees_le", sa.Date(), nullable=True),
        sa.Column("efface_le", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["personne_id"],
            ["personne.id"],
            name=op.f("fk_effacement_personne_personne_id_personne"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("personne_id", name=op.f("pk_effacement_personne")),
    )
    _identifier_les_creations()
    for entite, cles in COLONNES_PERSONNELLES:
        for cle in cles:
            _masquer(entite, cle)


def downgrade() -> None:
    # The masked journal values are not restored: they are gone on purpose.
    op.drop_table("effacement_personne")
    with op.batch_alter_table("comite") as batch:
        batch.drop_column("conservation_journal_ans")
        batch.drop_column("conservation_coordonnees_ans")
        batch.drop_column("conservation_demandeurs_mois")
