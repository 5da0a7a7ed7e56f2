"""Writing a checked workbook into the base: create what is new, update only what differs.

Runs after `controler` found nothing wrong, so every reference resolves. An attribute is assigned only
when its value differs, so that a second import of the same workbook issues no UPDATE and no journal row.
An empty optional cell leaves the base's value as it is; defaults apply only to what is created.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.modeles import College, Comite, Instance, Mandat, Personne, Presence, Seance, Structure
from app.modeles.enumerations import EtatPresence, Qualite
from app.services.donnees_personnelles_effacement import ids_effaces
from app.services.import_controle import CleMandat, Vue
from app.services.import_lignes import ClePersonne
from app.services.normalisation import normaliser

ENTITES = ("comité", "collèges", "instances", "structures", "personnes", "mandats", "séances", "présences")


class Ecriture:
    def __init__(self, session: Session, vue: Vue, avancer: Callable[[int], None]) -> None:
        self.session = session
        self.vue = vue
        self.lu = vue.lu
        self.avancer = avancer
        self.crees = dict.fromkeys(ENTITES, 0)
        self.modifies = dict.fromkeys(ENTITES, 0)
        ref = vue.ref
        self.colleges: dict[str, College] = dict(ref.colleges)
        self.instances: dict[str, Instance] = dict(ref.instances)
        self.structures: dict[str, Structure] = dict(ref.structures)
        self.personnes: dict[ClePersonne, Personne] = dict(ref.personnes)
        self.mandats: dict[CleMandat, Mandat] = dict(ref.mandats)
        self.seances: dict[str, Seance] = dict(ref.seances)

    def _creer(self, entite: str, objet: Any) -> None:
        self.session.add(objet)
        self.crees[entite] += 1

    def _mettre_a_jour(self, entite: str, objet: Any, valeurs: dict[str, Any]) -> None:
        change = False
        for attribut, valeur in valeurs.items():
            if getattr(objet, attribut) != valeur:
                setattr(objet, attribut, valeur)
                change = True
        if change:
            self.modifies[entite] += 1

    def _personne(self, nom_complet: str) -> Personne:
        (cle,) = self.vue.personnes_nommees(nom_complet)
        return self.personnes[cle]

    def tout(self) -> None:
        self.comite()
        self.colleges_instances_structures()
        self.session.flush()
        self.personnes_()
        self.session.flush()
        self.mandats_(Qualite.TITULAIRE)
        self.session.flush()  # the suppléants need their titulaires' ids
        self.mandats_(Qualite.SUPPLEANT)
        self.session.flush()
        self.seances_()
        self.session.flush()
        self.presences()
        self.session.flush()

    def comite(self) -> None:
        lu = self.lu.comite
        if lu is None:
            return
        valeurs = {
            attribut: valeur
            for attribut, valeur in (
                ("nom", lu.nom),
                ("type_territoire", lu.type_territoire),
                ("territoire", lu.territoire),
                ("date_installation", lu.date_installation),
                ("nature", lu.nature),
                ("mode_presidence", lu.mode_presidence),
            )
            if valeur is not None
        }
        if not valeurs:
            return
        if self.vue.ref.comite is None:
            self._creer("comité", Comite(**valeurs))
        else:
            self._mettre_a_jour("comité", self.vue.ref.comite, valeurs)

    def colleges_instances_structures(self) -> None:
        for c in self.lu.colleges:
            valeurs: dict[str, Any] = {"categorie": c.categorie, "ordre": c.ordre}
            college = self.colleges.get(normaliser(c.nom))
            if college is None:
                self.colleges[normaliser(c.nom)] = college = College(nom=c.nom, **valeurs)
                self._creer("collèges", college)
            else:
                self._mettre_a_jour("collèges", college, valeurs)
            self.avancer(1)
        for i in self.lu.instances:
            valeurs = {"type": i.type}
            if i.quorum is not None:
                valeurs["quorum_numerateur"], valeurs["quorum_denominateur"] = i.quorum
            if i.pouvoirs_comptes is not None:
                valeurs["pouvoirs_comptes"] = i.pouvoirs_comptes
            if i.delai_convocation_jours is not None:
                valeurs["delai_convocation_jours"] = i.delai_convocation_jours
            instance = self.instances.get(normaliser(i.nom))
            if instance is None:
                self.instances[normaliser(i.nom)] = instance = Instance(nom=i.nom, **valeurs)
                self._creer("instances", instance)
            else:
                self._mettre_a_jour("instances", instance, valeurs)
            self.avancer(1)
        for s in self.lu.structures:
            valeurs = {"type": s.type}
            if s.partenariat is not None:
                valeurs["partenariat"] = s.partenariat
            if s.lettre_engagement_le is not None:
                valeurs["lettre_engagement_le"] = s.lettre_engagement_le
            structure = self.structures.get(normaliser(s.nom))
            if structure is None:
                self.structures[normaliser(s.nom)] = structure = Structure(nom=s.nom, **valeurs)
                self._creer("structures", structure)
            else:
                self._mettre_a_jour("structures", structure, valeurs)
            self.avancer(1)

    def personnes_(self) -> None:
        # A purge is final (CONCEPTION §4): what a retention rule or an erasure removed is not brought back.
        effaces = ids_effaces(self.session)
        for cle, p in self.lu.personnes.items():
            personne = self.personnes.get(cle)
            marque = None if personne is None else effaces.get(personne.id)
            valeurs: dict[str, Any] = {}
            if p.structure:
                valeurs["structure_id"] = self.structures[normaliser(p.structure)].id
            if p.fonction and (marque is None or marque.efface_le is None):
                valeurs["fonction"] = p.fonction
            if p.courriel and marque is None:
                valeurs["courriel"] = p.courriel
            if personne is None:
                self.personnes[cle] = personne = Personne(nom=p.nom, prenom=p.prenom, **valeurs)
                self._creer("personnes", personne)
            else:
                self._mettre_a_jour("personnes", personne, valeurs)

    def mandats_(self, qualite: Qualite) -> None:
        for m in self.lu.membres:
            if m.qualite is not qualite:
                continue
            instance = normaliser(m.instance)
            valeurs: dict[str, Any] = {"college_id": self.colleges[normaliser(m.college)].id}
            if m.role is not None:
                valeurs["role"] = m.role
            if m.voix is not None:
                valeurs["voix"] = m.voix
            if m.fin is not None:
                valeurs["fin"] = m.fin
            if qualite is Qualite.SUPPLEANT and m.suppleant_de:
                titulaire = self.vue.titulaire_de(m)
                assert titulaire is not None, "checked by controler()"
                valeurs["titulaire_id"] = self.mandats[titulaire].id
            cle = (m.personne, instance, m.qualite, m.debut)
            mandat = self.mandats.get(cle)
            if mandat is None:
                self.mandats[cle] = mandat = Mandat(
                    personne_id=self.personnes[m.personne].id,
                    instance_id=self.instances[instance].id,
                    qualite=m.qualite,
                    debut=m.debut,
                    **valeurs,
                )
                self._creer("mandats", mandat)
            else:
                self._mettre_a_jour("mandats", mandat, valeurs)
            self.avancer(1)

    def seances_(self) -> None:
        for s in self.lu.seances:
            valeurs: dict[str, Any] = {"instance_id": self.instances[normaliser(s.instance)].id, "date": s.date}
            if s.heure_debut is not None:
                valeurs["heure_debut"] = s.heure_debut
            if s.heure_fin is not None:
                valeurs["heure_fin"] = s.heure_fin
            if s.lieu:
                # The contract's `Lieu` holds a place or a video link: a link goes where links are kept.
                est_un_lien = s.lieu.lower().startswith(("http://", "https://"))
                valeurs["lien_visio" if est_un_lien else "lieu"] = s.lieu
            if s.format is not None:
                valeurs["format"] = s.format
            if s.statut is not None:
                valeurs["statut"] = s.statut
            seance = self.seances.get(normaliser(s.reference))
            if seance is None:
                self.seances[normaliser(s.reference)] = seance = Seance(reference=s.reference, **valeurs)
                self._creer("séances", seance)
            else:
                self._mettre_a_jour("séances", seance, valeurs)
            self.avancer(1)

    def presences(self) -> None:
        a_changer: list[tuple[Presence, dict[str, Any]]] = []
        nouvelles: list[Presence] = []
        for p in self.lu.presences:
            seance = self.seances[normaliser(p.seance)]
            porteur = self._personne(p.pouvoir_a) if p.etat is EtatPresence.REPRESENTE else None
            valeurs: dict[str, Any] = {"etat": p.etat, "pouvoir_a_id": porteur.id if porteur else None}
            existante = self.vue.ref.presences.get((normaliser(p.seance), p.personne))
            if existante is None:
                nouvelles.append(Presence(seance_id=seance.id, personne_id=self.personnes[p.personne].id, **valeurs))
            elif any(getattr(existante, a) != v for a, v in valeurs.items()):
                a_changer.append((existante, valeurs))
            self.avancer(1)
        for presence in self._changer_presences(a_changer):
            self.session.add(presence)
            self.modifies["présences"] += 1
        for presence in nouvelles:
            self._creer("présences", presence)

    def _changer_presences(self, a_changer: list[tuple[Presence, dict[str, Any]]]) -> list[Presence]:
        """Apply the changes so that no statement gives one holder two proxies (the base checks the pair row by
        row, and a flush orders its UPDATEs by id): a holder is handed over in a flush after the one that freed
        it. Proxies passed round in a circle are broken by deleting one row; it is returned, to be re-added
        with the new rows."""
        tenus: dict[tuple[int, int | None], Presence] = {
            (p.seance_id, p.pouvoir_a_id): p for p in self.vue.ref.presences.values() if p.pouvoir_a_id is not None
        }
        a_recreer: list[Presence] = []
        while a_changer:
            restantes = []
            faites: list[tuple[Presence, int | None]] = []
            for presence, valeurs in a_changer:
                porteur = valeurs["pouvoir_a_id"]
                detenteur = tenus.get((presence.seance_id, porteur))
                if porteur is not None and detenteur is not None and detenteur is not presence:
                    restantes.append((presence, valeurs))
                    continue
                faites.append((presence, presence.pouvoir_a_id))
                self._mettre_a_jour("présences", presence, valeurs)
            if not faites:
                presence, valeurs = restantes.pop(0)
                self.session.delete(presence)
                a_recreer.append(Presence(seance_id=presence.seance_id, personne_id=presence.personne_id, **valeurs))
                faites.append((presence, presence.pouvoir_a_id))
            self.session.flush()
            for presence, ancien in faites:
                if tenus.get((presence.seance_id, ancien)) is presence:
                    del tenus[(presence.seance_id, ancien)]
            for presence, _ancien in faites:
                if presence.pouvoir_a_id is not None and presence not in self.session.deleted:
                    tenus[(presence.seance_id, presence.pouvoir_a_id)] = presence
            a_changer = restantes
        return a_recreer
