"""Meetings: second convocation, approval of the minutes, recusals, when an action was settled

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("seance") as batch:
        batch.add_column(sa.Column("seconde_convocation_de_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("pv_approuve_en_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_seance_seconde_convocation_de_id_seance"),
            "seance",
            ["seconde_convocation_de_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_foreign_key(
            op.f("fk_seance_pv_approuve_en_id_seance"), "seance", ["pv_approuve_en_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("action") as batch:
        batch.add_column(sa.Column("soldee_le", sa.Date(), nullable=True))
    # Actions already settled are taken as settled at their own meeting: not carried to later ones.
    op.execute(
        "UPDATE action SET soldee_le = (SELECT date FROM seance WHERE seance.id = action.seance_origine_id)"
        " WHERE statut IN ('faite', 'abandonnee')"
    )
    op.create_table(
        "deport",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("personne_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["point_id"],
            ["point_ordre_du_jour.id"],
            name=op.f("fk_deport_point_id_point_ordre_du_jour"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["personne_id"], ["personne.id"], name=op.f("fk_deport_personne_id_personne"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deport")),
        sa.UniqueConstraint("point_id", "personne_id", name=op.f("uq_deport_point_id_personne_id")),
    )
    op.create_index(op.f("ix_deport_point_id"), "deport", ["point_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_deport_point_id"), table_name="deport")
    op.drop_table("deport")
    with op.batch_alter_table("action") as batch:
        batch.drop_column("soldee_le")
    with op.batch_alter_table("seance") as batch:
        batch.drop_constraint(op.f("fk_seance_pv_approuve_en_id_seance"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_seance_seconde_convocation_de_id_seance"), type_="foreignkey")
        batch.drop_column("pv_approuve_en_id")
        batch.drop_column("seconde_convocation_de_id")
