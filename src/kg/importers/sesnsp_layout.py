"""SESNSP's *incidencia delictiva del fuero común* layout: the columns of the state and municipal tables, the months,
and INEGI's state keys (Clave_Ent) with the names a graph may hold each state under."""

from __future__ import annotations

STATE_COLUMNS = ("Año", "Clave_Ent", "Entidad", "Bien jurídico afectado", "Tipo de delito", "Subtipo de delito",
                 "Modalidad")
MUNICIPAL_COLUMNS = ("Cve. Municipio", "Municipio")
MONTHS = ("Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto", "Septiembre", "Octubre",
          "Noviembre", "Diciembre")
# SESNSP's municipal tables give the crimes it cannot place in a municipality a key ending in 999.
OTHER_MUNICIPALITIES = 999

# INEGI's state keys and names: one table, with the gazetteer of places (kg.text.places).
from ..text.places import STATES  # noqa: E402, F401
