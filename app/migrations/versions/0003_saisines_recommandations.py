"""Referrals and recommendations: numbering that never reuses a number, anonymisation sign-offs, consent,
escalations to the HCTS tied to their referral, the summer pause of the referral clocks

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "numerotation",
        sa.Column("serie", sa.String(length=3), nullable=False),
        sa.Column("annee", sa.Integer(), nullable=False),
        sa.Column("dernier", sa.Integer(), nullable=False),
        sa.CheckConstraint("dernier >= 0", name=op.f("ck_numerotation_dernier_positif")),
        sa.PrimaryKeyConstraint("serie", "annee", name=op.f("pk_numerotation")),
    )
    # Numbers already given stay given.
    op.execute(
        "INSERT INTO numerotation (serie, annee, dernier) SELECT 'SAI', annee, MAX(rang) FROM saisine GROUP BY annee"
    )
    op.execute(
        "INSERT INTO numerotation (serie, annee, dernier)"
        " SELECT 'REC', annee, MAX(rang) FROM recommandation GROUP BY annee"
    )
    with op.batch_alter_table("saisine") as batch:
        batch.add_column(sa.Column("consentement_le", sa.Date(), nullable=True))
        batch.add_column(sa.Column("anonymisation_validee_le", sa.Date(), nullable=True))
    with op.batch_alter_table("recommandation") as batch:
        batch.add_column(sa.Column("anonymisation_validee_par", sa.String(length=150), nullable=False, server_default=""))
        batch.add_column(sa.Column("anonymisation_validee_le", sa.Date(), nullable=True))
        batch.add_column(sa.Column("motif_retrait", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("echange_hcts") as batch:
        batch.add_column(sa.Column("saisine_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("par", sa.String(length=150), nullable=False, server_default=""))
        batch.create_index(batch.f("ix_echange_hcts_saisine_id"), ["saisine_id"], unique=False)
        batch.create_foreign_key(
            batch.f("fk_echange_hcts_saisine_id_saisine"), "saisine", ["saisine_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("comite") as batch:
        batch.add_column(sa.Column("pause_debut", sa.String(length=5), nullable=False, server_default="07-14"))
        batch.add_column(sa.Column("pause_fin", sa.String(length=5), nullable=False, server_default="08-31"))


def downgrade() -> None:
    with op.batch_alter_table("comite") as batch:
        batch.drop_column("pause_fin")
        batch.drop_column("pause_debut")
    with op.batch_alter_table("echange_hcts") as batch:
        batch.drop_constraint(batch.f("fk_echange_hcts_saisine_id_saisine"), type_="foreignkey")
        batch.drop_index(batch.f("ix_echange_hcts_saisine_id"))
        batch.drop_column("par")
        batch.drop_column("saisine_id")
    with op.batch_alter_table("recommandation") as batch:
        batch.drop_column("motif_retrait")
        batch.drop_column("anonymisation_validee_le")
        batch.drop_column("anonymisation_validee_par")
    with op.batch_alter_table("saisine") as batch:
        batch.drop_column("anonymisation_validee_le")
        batch.drop_column("consentement_le")
    op.drop_table("numerotation")
