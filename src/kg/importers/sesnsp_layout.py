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

# INEGI state key → (common name, official name as SESNSP writes it when it differs).
STATES = {
    1: ("Aguascalientes", None), 2: ("Baja California", None), 3: ("Baja California Sur", None),
    4: ("Campeche", None), 5: ("Coahuila", "Coahuila de Zaragoza"), 6: ("Colima", None), 7: ("Chiapas", None),
    8: ("Chihuahua", None), 9: ("Ciudad de México", None), 10: ("Durango", None), 11: ("Guanajuato", None),
    12: ("Guerrero", None), 13: ("Hidalgo", None), 14: ("Jalisco", None), 15: ("Estado de México", "México"),
    16: ("Michoacán", "Michoacán de Ocampo"), 17: ("Morelos", None), 18: ("Nayarit", None),
    19: ("Nuevo León", None), 20: ("Oaxaca", None), 21: ("Puebla", None), 22: ("Querétaro", "Querétaro de Arteaga"),
    23: ("Quintana Roo", None), 24: ("San Luis Potosí", None), 25: ("Sinaloa", None), 26: ("Sonora", None),
    27: ("Tabasco", None), 28: ("Tamaulipas", None), 29: ("Tlaxcala", None),
    30: ("Veracruz", "Veracruz de Ignacio de la Llave"), 31: ("Yucatán", None), 32: ("Zacatecas", None),
}
