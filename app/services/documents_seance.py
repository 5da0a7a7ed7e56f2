"""Reading a meeting into the plain data its documents are made from (`app.documents.donnees`).

Only reads: the command line's `convocation`, `emargement` and `pv` use these on a read-only base.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents import donnees as d
from app.erreurs import ErreurConnue
from app.horloge import aujourdhui
from app.modeles import Comite, Mandat, Personne, PointOrdreDuJour, Presence, Recommandation, Saisine, Seance
from app.modeles.enumerations import ETATS_PRESENTS, EtatPresence, Qualite, Role, StatutSeance, Voix
from app.services.actions import actions_de_seance
from app.services.presences import EtatSeance, GenreLigne, LignePresence, etat_seance, lignes_presence
from app.services.sieges import EtatSiege


class MotifUrgenceManquant(ErreurConnue):
    """A convocation issued later than the instance's notice, with no urgency reason recorded or given."""


def seance_par_reference(session: Session, reference: str) -> Seance:
    seance = session.scalar(select(Seance).where(Seance.reference == reference.strip()))
    if seance is None:
        raise ErreurConnue(f"Aucune séance n'a la référence « {reference.strip()} ».")
    return seance


def _seance(session: Session, seance_id: int) -> Seance:
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Cette séance n'existe plus : elle a peut-être été supprimée entre-temps.")
    return seance


def en_tete(session: Session) -> d.EnTete:
    comite = session.scalar(select(Comite).order_by(Comite.id).limit(1))
    if comite is None:
        return d.EnTete(comite="Comité local", emis_le=aujourdhui())
    lignes = tuple(ligne.strip() for ligne in comite.en_tete.splitlines() if ligne.strip())
    return d.EnTete(comite=comite.nom, lignes=lignes, emis_le=aujourdhui())


def reunion(seance: Seance) -> d.Reunion:
    return d.Reunion(
        reference=seance.reference,
        instance=seance.instance.nom,
        date=seance.date,
        heure_debut=seance.heure_debut,
        heure_fin=seance.heure_fin,
        lieu=seance.lieu,
        lien_visio=seance.lien_visio,
        format=seance.format.libelle,
    )


def _nom(session: Session, personne_id: int | None) -> str:
    if personne_id is None:
        return ""
    personne = session.get(Personne, personne_id)
    return personne.nom_complet if personne is not None else ""


def _seconde(session: Session, seance: Seance) -> d.SecondeConvocation | None:
    if seance.seconde_convocation_de_id is None:
        return None
    initiale = session.get(Seance, seance.seconde_convocation_de_id)
    return None if initiale is None else d.SecondeConvocation(initiale.reference, initiale.date)


def _quorum(seance: Seance, etat: EtatSeance) -> d.RegleQuorumTexte:
    instance = seance.instance
    return d.RegleQuorumTexte(
        numerateur=instance.quorum_numerateur,
        denominateur=instance.quorum_denominateur,
        pouvoirs_comptes=instance.pouvoirs_comptes,
        attendus=etat.decompte.attendus,
        requis=etat.requis,
    )


def _point_odj(session: Session, numero: int, point: PointOrdreDuJour) -> d.PointOdj:
    lien = ""
    if point.saisine_id is not None:
        saisine = session.get(Saisine, point.saisine_id)
        lien = saisine.numero if saisine else ""
    elif point.recommandation_id is not None:
        recommandation = session.get(Recommandation, point.recommandation_id)
        lien = recommandation.numero if recommandation else ""
    return d.PointOdj(
        numero=numero,
        titre=point.titre,
        nature=point.nature.libelle,
        rapporteur=_nom(session, point.rapporteur_id),
        duree_minutes=point.duree_minutes,
        reference_liee=lien,
    )


def convoque_par(session: Session, seance: Seance) -> str:
    """The instance's chair that day, else the meeting's chair, else the secretariat."""
    president = session.scalar(
        select(Mandat)
        .where(
            Mandat.instance_id == seance.instance_id,
            Mandat.role == Role.PRESIDENT,
            Mandat.debut <= seance.date,
            (Mandat.fin.is_(None)) | (Mandat.fin >= seance.date),
        )
        .order_by(Mandat.debut.desc())
        .limit(1)
    )
    if president is not None:
        return f"{president.personne.nom_complet}, à la présidence de l'instance"
    if seance.president_seance_id is not None:
        return f"{_nom(session, seance.president_seance_id)}, président de séance"
    return "Le secrétariat du comité"


def date_d_envoi(seance: Seance) -> dt.date:
    """The convocation's issue date: the day it was sent, or today for one not sent yet."""
    return seance.convocation_envoyee_le or aujourdhui()


def convocation(session: Session, seance_id: int, motif_urgence: str = "") -> d.Convocation:
    """The convocation of a meeting. Sent later than the notice, it needs an urgency reason (recorded or given)."""
    from app.services.seances import convocation_en_retard, lieu_manquant, message_retard

    seance = _seance(session, seance_id)
    instance = seance.instance
    manque = lieu_manquant(seance)
    if manque:
        raise ErreurConnue(manque)
    motif = " ".join(motif_urgence.split()) or seance.motif_urgence
    envoi = date_d_envoi(seance)
    if convocation_en_retard(seance, instance, envoi) and not motif:
        raise MotifUrgenceManquant(message_retard(seance, instance, envoi))
    comite = session.scalar(select(Comite).order_by(Comite.id).limit(1))
    entete = en_tete(session)
    return d.Convocation(
        en_tete=d.EnTete(entete.comite, entete.lignes, entete.logo, envoi),
        reunion=reunion(seance),
        convoque_par=convoque_par(session, seance),
        points=tuple(_point_odj(session, i, p) for i, p in enumerate(seance.points, start=1)),
        quorum=_quorum(seance, etat_seance(session, seance_id)),
        pouvoirs_max_par_porteur=instance.pouvoirs_max_par_porteur,
        delai_jours=instance.delai_convocation_jours,
        motif_urgence=motif if convocation_en_retard(seance, instance, envoi) else "",
        seconde=_seconde(session, seance),
        secretariat=comite.secretariat.strip() if comite is not None else "",
    )


def _verifier_tenue(seance: Seance) -> None:
    if not seance.tenue:
        raise ErreurConnue(
            f"La séance {seance.reference} est « {seance.statut.libelle.lower()} » : "
            "son procès-verbal s'écrit une fois la séance tenue."
        )


def proces_verbal(session: Session, seance_id: int) -> d.ProcesVerbal:
    seance = _seance(session, seance_id)
    _verifier_tenue(seance)
    etat = etat_seance(session, seance_id)
    presences = {p.personne_id: p for p in session.scalars(select(Presence).where(Presence.seance_id == seance_id))}
    mandats = list(session.scalars(select(Mandat).where(Mandat.instance_id == seance.instance_id)))
    actifs = [m for m in mandats if m.actif_le(seance.date)]
    par_id = {m.id: m for m in mandats}

    def la(personne_id: int) -> bool:
        p = presences.get(personne_id)
        return p is not None and p.etat in ETATS_PRESENTS

    def visio(personne_id: int) -> str:
        p = presences.get(personne_id)
        return " (visio)" if p is not None and p.etat is EtatPresence.VISIO else ""

    presents: list[str] = []
    listes: set[int] = set()  # persons already named among those present

    def present(personne_id: int, mention: str = "") -> None:
        presents.append(f"{_nom(session, personne_id)}{visio(personne_id)}{mention}")
        listes.add(personne_id)

    representes: list[d.Representation] = []
    excuses: list[str] = []
    absents: list[str] = []
    for siege in etat.sieges:
        titulaire_id = siege.mandat.personne_id
        nom = _nom(session, titulaire_id)
        if siege.etat is EtatSiege.PRESENT:
            present(titulaire_id)
        elif siege.etat is EtatSiege.SUPPLEE:
            for s in actifs:
                if s.titulaire_id == siege.mandat.id and la(s.personne_id):
                    present(s.personne_id, f", suppléant de {nom}")
        elif siege.etat is EtatSiege.REPRESENTE:
            representes.append(d.Representation(nom, _nom(session, presences[titulaire_id].pouvoir_a_id)))
        elif siege.etat is EtatSiege.EXCUSE:
            presence = presences.get(titulaire_id)
            if presence is not None and presence.etat is EtatPresence.REPRESENTE:
                porteur = _nom(session, presence.pouvoir_a_id)
                excuses.append(f"{nom} (pouvoir à {porteur}, sans effet : {porteur} était absent)")
            else:
                excuses.append(nom)
        else:
            absents.append(nom)
    # Present suppléants standing in for nobody (their titulaire came too, or they have none that day).
    autres_suppleants: list[str] = []
    for m in actifs:
        suppleant_la = m.qualite is Qualite.SUPPLEANT and m.voix is Voix.DELIBERATIVE and la(m.personne_id)
        if suppleant_la and m.personne_id not in listes:
            titulaire = par_id.get(m.titulaire_id) if m.titulaire_id is not None else None
            actif = titulaire is not None and titulaire.actif_le(seance.date)
            de_qui = f"suppléant de {_nom(session, titulaire.personne_id)}" if actif and titulaire else "sans titulaire"
            autres_suppleants.append(f"{_nom(session, m.personne_id)}{visio(m.personne_id)}, {de_qui}")
            listes.add(m.personne_id)
    consultatifs: list[str] = []
    for m in actifs:
        if m.voix is Voix.CONSULTATIVE and la(m.personne_id) and m.personne_id not in listes:
            consultatifs.append(_nom(session, m.personne_id) + visio(m.personne_id))
            listes.add(m.personne_id)
    membres = {m.personne_id for m in actifs}
    invites = sorted(
        (_nom(session, pid) + visio(pid) for pid in presences if pid not in membres and la(pid)),
        key=str.casefold,
    )
    decompte = etat.decompte
    points = []
    for numero, point in enumerate(seance.points, start=1):
        vote = None
        if point.vote_pour is not None and point.vote_contre is not None and point.vote_abstention is not None:
            vote = d.Vote(point.vote_pour, point.vote_contre, point.vote_abstention)
        points.append(
            d.PointPv(
                point=_point_odj(session, numero, point),
                resume=point.resume,
                decision=point.decision,
                vote=vote,
                opinions_divergentes=point.opinions_divergentes,
                deports=tuple(dep.personne.nom_complet for dep in point.deports),
            )
        )
    actions = tuple(
        d.ActionPv(
            texte=a.fiche.texte,
            responsable=a.responsable,
            echeance=a.fiche.echeance,
            statut=a.fiche.statut.libelle,
            origine=a.origine,
            reportee=a.reportee,
        )
        for a in actions_de_seance(session, seance_id)
    )
    approbatrice = session.get(Seance, seance.pv_approuve_en_id) if seance.pv_approuve_en_id else None
    return d.ProcesVerbal(
        en_tete=en_tete(session),
        reunion=reunion(seance),
        president=_nom(session, seance.president_seance_id),
        secretaire=_nom(session, seance.secretaire_seance_id),
        presents=tuple(presents),
        representes=tuple(representes),
        excuses=tuple(excuses),
        absents=tuple(absents),
        consultatifs=tuple(consultatifs),
        invites=tuple(invites),
        decompte=d.DecompteTexte(
            attendus=decompte.attendus,
            presents=decompte.presents,
            supplees=decompte.supplees,
            representes=decompte.representes,
            excuses=decompte.excuses,
            absents=decompte.absents,
            requis=etat.requis,
            quorum_atteint=etat.quorum_atteint,
            pouvoirs_comptes=seance.instance.pouvoirs_comptes,
        ),
        points=tuple(points),
        actions=actions,
        approuve_le=seance.pv_approuve_le,
        approuve_en=approbatrice.reference if approbatrice is not None else "",
        seconde=_seconde(session, seance),
        autres_suppleants=tuple(autres_suppleants),
    )


def _mention(ligne: LignePresence, porteurs: dict[int, str]) -> str:
    mentions = []
    if ligne.etat is EtatPresence.EXCUSE:
        mentions.append("Excusé")
    elif ligne.etat is EtatPresence.ABSENT:
        mentions.append("Absent")
    elif ligne.etat is EtatPresence.REPRESENTE:
        mentions.append(f"Pouvoir à {ligne.pouvoir_a_nom}")
    elif ligne.etat is EtatPresence.VISIO:
        mentions.append("En visio")
    if ligne.personne_id in porteurs:
        mentions.append(f"Porte le pouvoir de {porteurs[ligne.personne_id]}")
    return " ; ".join(mentions)


def _qualite(ligne: LignePresence) -> str:
    if ligne.genre is GenreLigne.TITULAIRE:
        return "Titulaire"
    if ligne.genre is GenreLigne.SUPPLEANT:
        return f"Suppléant de {ligne.titulaire_nom}" if ligne.titulaire_personne_id else "Suppléant — sans titulaire"
    if ligne.genre is GenreLigne.CONSULTATIF:
        return "Voix consultative"
    return "Invité"


def emargement(session: Session, seance_id: int) -> d.Emargement:
    """The signature sheet: by collège, each titulaire then their suppléants; known excuses and proxies filled in."""
    seance = _seance(session, seance_id)
    if seance.statut in (StatutSeance.ANNULEE, StatutSeance.REPORTEE):
        raise ErreurConnue(
            f"La séance {seance.reference} est {seance.statut.libelle.lower()} : pas de feuille d'émargement."
        )
    lignes = lignes_presence(session, seance_id)
    porteurs = {ligne.pouvoir_a_id: ligne.nom for ligne in lignes if ligne.pouvoir_a_id is not None}

    def ligne_emargement(ligne: LignePresence) -> d.LigneEmargement:
        return d.LigneEmargement(ligne.nom, ligne.structure, _qualite(ligne), _mention(ligne, porteurs))

    groupes: dict[str, list[d.LigneEmargement]] = {}
    for ligne in lignes:
        if ligne.genre in (GenreLigne.TITULAIRE, GenreLigne.SUPPLEANT):
            groupes.setdefault(ligne.college, []).append(ligne_emargement(ligne))
    return d.Emargement(
        en_tete=en_tete(session),
        reunion=reunion(seance),
        colleges=tuple(d.GroupeEmargement(titre, tuple(membres)) for titre, membres in groupes.items()),
        consultatifs=tuple(ligne_emargement(li) for li in lignes if li.genre is GenreLigne.CONSULTATIF),
        invites=tuple(ligne_emargement(li) for li in lignes if li.genre is GenreLigne.INVITE),
        quorum=_quorum(seance, etat_seance(session, seance_id)),
        seconde=_seconde(session, seance),
    )


# The documents themselves, as bytes (reportlab is imported only here, when one is asked for).


def convocation_pdf(session: Session, seance_id: int, motif_urgence: str = "") -> bytes:
    from app.documents.convocation import convocation_pdf as rendre

    return rendre(convocation(session, seance_id, motif_urgence))


def convocation_ics(session: Session, seance_id: int, motif_urgence: str = "") -> bytes:
    from app.documents.invitation import invitation_ics

    return invitation_ics(convocation(session, seance_id, motif_urgence))


def emargement_pdf(session: Session, seance_id: int) -> bytes:
    from app.documents.emargement import emargement_pdf as rendre

    return rendre(emargement(session, seance_id))


def proces_verbal_pdf(session: Session, seance_id: int, *, releve: bool = False) -> bytes:
    from app.documents.proces_verbal import proces_verbal_pdf as rendre_pv
    from app.documents.proces_verbal import releve_decisions_pdf

    pv = proces_verbal(session, seance_id)
    return releve_decisions_pdf(pv) if releve else rendre_pv(pv)
