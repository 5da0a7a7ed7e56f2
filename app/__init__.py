"""Comité local : secrétariat d'un comité local du travail social et du développement social."""

__version__ = "0.1.0"
NOM_APPLICATION = "Comité local"
