"""Long work off the GUI thread, with a progress dialog and a cancel button (CONCEPTION §5b).

    travail = Travail(dialogue, "Importer un classeur", "Import du classeur…",
                      lambda progression, annule: importer_classeur(base, chemin, progression=progression,
                                                                    annule=annule))
    travail.reussi.connect(afficher_le_rapport)   # on the GUI thread, with the task's return value
    travail.echoue.connect(afficher_l_erreur)     # on the GUI thread, with the exception it raised
    travail.lancer()

The task gets plain data (paths, ids, the base: its engine is thread-safe) and opens its own session; ORM
objects never cross threads and the task never touches a widget. `progression(fait, total)` and `annule()`
are safe to call from the worker: the first emits a signal, the second reads a flag.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QWidget

Progression = Callable[[int, int], None]
Annule = Callable[[], bool]
Tache = Callable[[Progression, Annule], object]

DELAI_AFFICHAGE_MS = 300  # shorter jobs end before their progress dialog would flash on screen


class _RamasseMiettes:
    """Python's cyclic garbage collector, held off while a worker runs.

    It runs in whichever thread happens to allocate: in a worker, it could destroy a widget left in a reference
    cycle, and Qt crashes when a widget dies outside the GUI thread. Plain reference counting still frees
    nearly everything meanwhile; the collector resumes, on the GUI thread, when the last worker ends.
    """

    def __init__(self) -> None:
        self.travaux = 0
        self.etait_actif = False

    def suspendre(self) -> None:
        if self.travaux == 0:
            self.etait_actif = gc.isenabled()
            gc.disable()
        self.travaux += 1

    def reprendre(self) -> None:
        self.travaux -= 1
        if self.travaux == 0 and self.etait_actif:
            gc.enable()


_ramasse_miettes = _RamasseMiettes()  # used from the GUI thread only


class _Fil(QThread):
    """The worker: runs the task, keeps its result or exception for the GUI thread to read after `finished`."""

    avance = Signal(int, int)

    def __init__(self, tache: Tache, annulation: threading.Event, parent: QObject) -> None:
        super().__init__(parent)
        self._tache = tache
        self._annulation = annulation
        self.resultat: object = None
        self.erreur: BaseException | None = None

    def run(self) -> None:
        try:
            self.resultat = self._tache(self._progression, self._annulation.is_set)
        except BaseException as exc:  # handed to the GUI thread, which decides what the user sees
            self.erreur = exc

    def _progression(self, fait: int, total: int) -> None:
        self.avance.emit(fait, total)  # queued to the GUI thread: the worker never touches the dialog


class Travail(QObject):
    """One long job: started once with `lancer()`, cancelled with the dialog's button (or `annuler()`)."""

    reussi = Signal(object)  # the task's return value
    echoue = Signal(object)  # the exception the task raised (a cancellation included)
    termine = Signal()  # after reussi or echoue

    def __init__(
        self,
        parent: QWidget,
        titre: str,
        libelle: str,
        tache: Tache,
        *,
        delai_affichage_ms: int = DELAI_AFFICHAGE_MS,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._titre = titre
        self._libelle = libelle
        self._tache = tache
        self._delai = delai_affichage_ms
        self._annulation = threading.Event()
        self._fil: _Fil | None = None
        self.dialogue: QProgressDialog | None = None

    @property
    def en_cours(self) -> bool:
        return self._fil is not None

    @property
    def annule(self) -> bool:
        return self._annulation.is_set()

    def lancer(self) -> None:
        if self._fil is not None:
            raise RuntimeError("Travail déjà lancé")
        # Built here, not in __init__: a QProgressDialog shows itself after its delay once constructed.
        dialogue = QProgressDialog(self._libelle, "&Annuler", 0, 0, self._parent)
        barre = QProgressBar(dialogue)
        barre.setFormat("%p\u202f%")  # « 30 % »: French puts a narrow no-break space before the sign
        dialogue.setBar(barre)
        dialogue.setWindowTitle(self._titre)
        dialogue.setWindowModality(Qt.WindowModality.WindowModal)
        dialogue.setAutoClose(False)
        dialogue.setAutoReset(False)
        dialogue.setMinimumDuration(self._delai)
        dialogue.setMinimumWidth(420)
        dialogue.setAccessibleName(self._libelle)
        dialogue.canceled.connect(self.annuler)
        self.dialogue = dialogue
        fil = _Fil(self._tache, self._annulation, self)
        fil.avance.connect(self._avancer)
        fil.finished.connect(self._finir)
        self._fil = fil
        dialogue.setValue(0)  # starts the delay after which the dialog appears
        _ramasse_miettes.suspendre()
        fil.start()

    @Slot()
    def annuler(self) -> None:
        """Ask the task to stop at its next look at `annule()`; its end still comes through `echoue`."""
        self._annulation.set()

    def attendre(self, delai_ms: int = 30_000) -> bool:
        """Block until the worker ended (closing the application): True if it did."""
        fil = self._fil
        return fil is None or fil.wait(delai_ms)

    @Slot(int, int)
    def _avancer(self, fait: int, total: int) -> None:
        dialogue = self.dialogue
        if dialogue is None or self._fil is None or self._annulation.is_set():
            return  # cancelled: Qt hid the dialog, and a new value would show it again
        dialogue.setMaximum(max(total, 1))
        dialogue.setValue(min(fait, max(total, 1)))

    @Slot()
    def _finir(self) -> None:
        fil = self._fil
        if fil is None:
            return
        fil.wait()
        self._fil = None
        _ramasse_miettes.reprendre()
        if self.dialogue is not None:
            self.dialogue.reset()  # stops the timer that would still show it
            self.dialogue.hide()
            self.dialogue.deleteLater()
            self.dialogue = None
        if fil.erreur is not None:
            self.echoue.emit(fil.erreur)
        else:
            self.reussi.emit(fil.resultat)
        fil.deleteLater()
        self.termine.emit()
