"""The names an entity goes by, and one folding of text so that names match whatever their accents, case or
punctuation. Every name lookup (command-line arguments, citation checks, mentions in an article) goes through here."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from .model import Entity, Model

# Literal-valued properties whose values are names of their subject, beside its labels and aliases.
NAME_PREDICATES = ("acronym", "officialName", "nameInSource")

_NON_WORD = re.compile(r"[\W_]+")
# The shape of an entity, section or source id: lower-case ASCII words joined by single hyphens.
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation as single spaces: "Cártel Jalisco-Nueva Generación" → "cartel jalisco
    nueva generacion"; "Mexico’s" → "mexico s", so a possessive still holds the name as a whole word."""
    if len(text) <= _CACHED_LENGTH:  # words and names recur: each is folded once (texts are scanned word by word)
        return _fold_short(text)
    return _fold(text)


_CACHED_LENGTH = 64


def _fold(text: str) -> str:
    if text.isascii():  # nothing to decompose (most names): skip the walk over every character
        bare = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", bare.casefold()).strip()


_fold_short = functools.lru_cache(maxsize=1 << 17)(_fold)


@dataclass(frozen=True)
class Name:
    """One name of an entity: its text, its language (None when the name has none) and where it comes from."""

    text: str
    lang: str | None
    kind: str  # label | alias | id | acronym | officialName | nameInSource


def entity_names(entity: Entity) -> list[Name]:
    """Every name of `entity`: labels, aliases, and the values of its name-like statements (acronym, official name,
    name as written in a source), in a stable order, without duplicates."""
    names: list[Name] = []
    for lang, label in sorted(entity.labels.items()):
        names.append(Name(label, lang, "label"))
    for lang, aliases in sorted(entity.aliases.items()):
        names.extend(Name(alias, lang, "alias") for alias in aliases)
    for statement in entity.statements:
        if statement.predicate in NAME_PREDICATES and statement.value.kind == "literal":
            names.append(Name(statement.value.text, statement.value.lang, statement.predicate))
    names.append(Name(entity.id.replace("-", " "), None, "id"))
    seen: set[tuple[str, str | None]] = set()
    unique = []
    for name in names:
        key = (name.text, name.lang)
        if key not in seen:
            seen.add(key)
            unique.append(name)
    return unique


def entity_labels(model: Model) -> dict[str, str]:
    """Entity IRI → English label (or any label): how tables name the entities in their cells."""
    from .namespaces import MX

    labels = {}
    for entity in model.entities.values():
        label = entity.labels.get("en") or next(iter(entity.labels.values()), "")
        if label:
            labels[MX + entity.id] = label
    return labels
