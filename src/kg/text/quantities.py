"""The numbers and dates a paragraph states, in the forms articles write them, as normalised values.

Numbers: `34,588`, `34588`, `2.6 million`, `65,333 million`, `17,280-million`, `15.1%`, `one-third`, `nine`, Spanish `34.588`,
`2,6 millones`, `veinte`. A separator that could be either a thousands separator or a decimal point (`34,588`,
`34.588`) gives both readings, since the text does not say which language's convention it follows; a scaled number
(`2.6 million`) gives the scaled and the bare value, so that a figure recorded in millions still matches. Dates:
`October 17`, `October 17, 2019`, `17 October 2019`, `in June 2019`, `June of 2020`, `17 de octubre (de 2019)`,
`junio de 2019`, `2019-10-17`, `02/01/2021` (both month/day and day/month readings), a year alone, and year ranges
(`2019-2021`, `2012-14`: both ends).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..core.names import fold


@dataclass(frozen=True)
class Quantity:
    """A number (`value`, with `unit` "percent" or None) or a date (`year`, `month`, `day`, any of them None when
    the text leaves it out), the text it was read from and where (character offsets in the paragraph)."""

    kind: str  # number | date
    text: str
    start: int
    end: int
    value: Decimal | None = None
    unit: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None


MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
SCALES = {
    "thousand": Decimal(10**3), "mil": Decimal(10**3), "million": Decimal(10**6), "millions": Decimal(10**6),
    "millon": Decimal(10**6), "millones": Decimal(10**6), "billion": Decimal(10**9), "billones": Decimal(10**12),
    "mil millones": Decimal(10**9), "trillion": Decimal(10**12),
}  # fmt: skip
WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "dozen": 12, "dozens": 12,
    "cero": 0, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "veinte": 20,
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "cien": 100,
}  # fmt: skip
FRACTIONS = {
    "half": Decimal("0.5"), "halves": Decimal("0.5"), "mitad": Decimal("0.5"), "quarter": Decimal("0.25"),
    "quarters": Decimal("0.25"), "cuarto": Decimal("0.25"), "third": Decimal(1) / 3, "thirds": Decimal(1) / 3,
    "tercio": Decimal(1) / 3, "tercera parte": Decimal(1) / 3,
}  # fmt: skip
# "one" in "one of the sons" is a number too; a statement's value 1 rarely needs support, so no stop-list is kept.

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")
_SCALE_AFTER = re.compile(r"[\s-]*(mil millones|" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")\b")
_PERCENT_AFTER = re.compile(r"\s*(%|percent\b|per cent\b|por ciento\b)")
_YEAR_RANGE = re.compile(r"(?<!\d)((?:1[89]|20)\d\d)\s*[-–—]\s*(\d{2}|\d{4})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?:-(\d{2}))?(?!\d)")
_SLASHED = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?!\d)")
_MONTH_DAY = re.compile(
    rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE
)  # October 17, 2019
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:de\s+|of\s+)?({_MONTH})\b\.?(?:,?\s+(?:de\s+|del\s+)?(\d{{4}}))?",
    re.IGNORECASE,
)  # 17 October 2019, 17 de octubre de 2019
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?,?\s+(?:of\s+|de\s+|del\s+)?(\d{{4}})\b", re.IGNORECASE)
# The lookahead lets the engine skip, at one character's cost, every word that cannot start a month's name.
_MONTH_ALONE = re.compile(rf"\b(?=[{''.join(sorted({m[0] for m in MONTHS}))}])({_MONTH})\b", re.IGNORECASE)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def number_readings(token: str) -> list[Decimal]:
    """Every value a written number can have: `34,588` → 34588 and 34.588; `2,6` → 2.6; `1.234.567` → 1234567."""
    if "," not in token and "." not in token:
        return [Decimal(token)]
    seps = [ch for ch in token if ch in ",."]
    groups = re.split(r"[.,]", token)
    readings: list[Decimal] = []
    if len(set(seps)) == 2:  # both: the last one is the decimal mark
        decimal_mark = seps[-1]
        thousands = "." if decimal_mark == "," else ","
        if token.count(decimal_mark) == 1:
            value = _decimal(token.replace(thousands, "").replace(decimal_mark, "."))
            if value is not None:
                readings.append(value)
        return readings
    sep = seps[0]
    if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
        readings.append(Decimal("".join(groups)))  # thousands separators
    if len(seps) == 1:
        value = _decimal(token.replace(sep, "."))  # a decimal mark (2.6 in English, 2,6 in Spanish)
        if value is not None and value not in readings:
            readings.append(value)
    return readings


def _numbers(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    for match in _NUMBER.finditer(text):
        token = match.group()
        token_end = match.end()
        if token.endswith((".", ",")):  # a sentence's full stop after a number
            token = token[:-1]
            token_end -= 1
        end = token_end
        scale = Decimal(1)
        unit = None
        scaled = _SCALE_AFTER.match(text, end)
        if scaled:
            scale = SCALES.get(scaled.group(1).lower(), SCALES.get(fold(scaled.group(1)), Decimal(1)))
            end = scaled.end()
        percent = _PERCENT_AFTER.match(text, end)
        if percent:
            unit = "percent"
            end = percent.end()
        for value in number_readings(token):
            if scale != 1:
                found.append(Quantity("number", text[match.start() : end], match.start(), end, value * scale, unit))
            found.append(Quantity("number", text[match.start() : end], match.start(), end, value, unit))
    folded_words = _WORD_PAIR.finditer(text)
    for match in folded_words:
        word = _fold_pair(match.group())
        parts = word.split()
        if word not in _NUMBER_WORDS and (len(parts) < 2 or not _NUMBER_WORDS.intersection(parts)):
            continue  # most words: no number in them
        for part in (word, *parts):
            if part in WORDS:
                found.append(Quantity("number", match.group(), match.start(), match.end(), Decimal(WORDS[part])))
            elif part in FRACTIONS:
                fraction = FRACTIONS[part]
                many = next((WORDS[w] for w in word.split() if w in WORDS), 1)
                for value, unit in ((fraction * many, None), (fraction * many * 100, "percent")):
                    found.append(Quantity("number", match.group(), match.start(), match.end(), value, unit))
    return found


_NUMBER_WORDS = frozenset(WORDS) | frozenset(FRACTIONS)
_WORD_PAIR = re.compile(r"[^\W\d_]+(?:[-\s][^\W\d_]+)?")


def _month_number(name: str) -> int:
    """The month a name matched case-insensitively stands for: folded, since the engine also matches `ſeptember`
    (long s), a dotted `İ` or a dotless `ı`, which `lower()` leaves as they are."""
    return MONTHS[fold(name).replace("ı", "i")]


def _fold_pair(text: str) -> str:
    """`fold` of one word or two joined by a hyphen or a blank, without its general machinery for ASCII text (the
    commonest case, once per word of a paragraph)."""
    if text.isascii():
        return " ".join(text.casefold().replace("-", " ").split())
    return fold(text)


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    import datetime

    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        try:
            datetime.date(year or 2000, month or 1, day)
        except ValueError:
            return False
    return year is None or 1000 <= year <= 2999


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if len(text) == 2 else value


def _dates(text: str) -> list[Quantity]:
    found: list[Quantity] = []

    def add(match: re.Match[str], year: int | None, month: int | None, day: int | None) -> None:
        if _valid(year, month, day):
            found.append(Quantity("date", match.group(), match.start(), match.end(), year=year, month=month, day=day))

    for m in _ISO.finditer(text):
        add(m, int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    for m in _SLASHED.finditer(text):
        first, second, year = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        add(m, year, first, second)  # US month/day
        add(m, year, second, first)  # day/month
    # A month-first date starts where a month's name does (its name is followed by `.` or a blank, a word's end):
    # tried only there, not at every word of the text (a 20 MB text: seconds, not a minute).
    months = list(_MONTH_ALONE.finditer(text))
    for month in months:
        m = _MONTH_DAY.match(text, month.start())
        if m is not None:
            add(m, _year(m.group(3)), _month_number(m.group(1)), int(m.group(2)))
    for m in _DAY_MONTH.finditer(text):
        add(m, _year(m.group(3)), _month_number(m.group(2)), int(m.group(1)))
    for month in months:
        m = _MONTH_YEAR.match(text, month.start())
        if m is not None:
            add(m, int(m.group(2)), _month_number(m.group(1)), None)
    for m in months:
        word = m.group(1).lower()
        if word == "may" and m.group(1) == "may":  # the verb, not the month
            continue
        add(m, None, _month_number(word), None)
    for m in re.finditer(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", text):
        add(m, int(m.group(1)), None, None)
    for m in _YEAR_RANGE.finditer(text):
        first = int(m.group(1))
        second = int(m.group(2)) if len(m.group(2)) == 4 else first // 100 * 100 + int(m.group(2))
        add(m, first, None, None)
        if second > first:
            add(m, second, None, None)
            found.append(Quantity("number", m.group(), m.start(), m.end(), Decimal(second)))
    return found


def dates_named(text: str) -> list[Quantity]:
    """The dates `text` states, each once at the precision it is written: a month or a year named alone is left out
    where it is part of a fuller date ("October" of "October 17", "2018" of "September 10, 2018")."""
    found = _dates(text)
    fuller = [q for q in found if q.month is not None and (q.year is not None or q.day is not None)]
    return [q for q in found
            if not (q.month is not None and q.year is None and q.day is None or q.month is None and q.kind == "date")
            or not any(f.start <= q.start and q.end <= f.end for f in fuller)]  # fmt: skip


def names_date(text: str, year: int, month: int | None = None, day: int | None = None) -> bool:
    """Whether `text` names the date (year, month, day) the way articles name an event by its date: at its precision,
    to the day ("October 17", with or without the year), to the month with the year ("in November 2019") or to the
    year. A month alone ("in October") does not name an event, nor does its month name an event known to the day."""
    for q in dates_named(text):
        if day is not None:
            if q.month == month and q.day == day and q.year in (None, year):
                return True
            continue
        if month is not None and q.month == month and q.year == year and q.day is None:
            return True
        if month is None and q.year == year and q.month is None:
            return True
    return False


def quantities(text: str) -> list[Quantity]:
    """Every number and date stated in `text`, in order of position (a number with several readings gives one
    Quantity for each)."""
    unique = {(q.kind, q.start, q.end, q.value, q.unit, q.year, q.month, q.day): q for q in _numbers(text) + _dates(text)}
    return sorted(unique.values(), key=lambda q: (q.start, q.kind, q.end, str(q.value), q.year or 0, q.month or 0))


def _same(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= abs(b) * Decimal("1e-9") + Decimal("1e-9")


def states_number(text: str, value: Decimal | float | int | str, unit: str | None = None) -> Quantity | None:
    """The first number in `text` equal to `value` (sign ignored: a "17.5% decrease" states -17.5), or None. With
    unit "percent", a fraction (`over half`) also states the matching percentage."""
    target = abs(Decimal(str(value)))
    for quantity in _numbers(text) + [q for q in _dates(text) if q.kind == "number"]:
        if quantity.value is not None and _same(quantity.value, target):
            return quantity
    return None


def states_date(text: str, year: int | None, month: int | None = None, day: int | None = None) -> Quantity | None:
    """The first date in `text` that agrees with (year, month, day) at the precision given, or None. A date in the
    text without a year ("October 17") agrees with any year: articles leave the year to the context."""
    for quantity in _dates(text):
        if month is not None and quantity.month != month:
            continue
        if day is not None and quantity.day != day:
            continue
        if month is None and quantity.month is not None and quantity.day is None and quantity.year is None:
            continue
        if year is not None and quantity.year is not None and quantity.year != year:
            continue
        if year is not None and quantity.year is None and month is None:
            continue
        return quantity
    return None


def number_mentions(text: str, value: Decimal | float | int | str) -> list[Quantity]:
    """Every place `text` states the number (sign ignored), in order; a day of a date ("October 14") is not a
    number. A number read several ways gives one Quantity per reading that equals `value` (a fraction gives a plain
    and a percent reading)."""
    target = abs(Decimal(str(value)))
    days = [q for q in _dates(text) if q.day is not None]
    found = []
    for quantity in _numbers(text) + [q for q in _dates(text) if q.kind == "number"]:
        if quantity.value is None or not _same(quantity.value, target):
            continue
        if any(d.start <= quantity.start and quantity.end <= d.end and quantity.value == d.day for d in days):
            continue
        found.append(quantity)
    return sorted(found, key=lambda q: (q.start, q.end, q.unit or ""))


def states_percentage(text: str) -> bool:
    """Whether `text` states a percentage: a figure with `%`, "percent" or "por ciento", or a fraction ("over half")."""
    return any(q.unit == "percent" for q in _numbers(text))
