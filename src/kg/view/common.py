"""What the view's modules share (as core.js is what the page's scripts share): an entity's names in both languages,
an entity's first statement of a property, and a literal read as a number."""

from __future__ import annotations

from ..core.model import Entity, Statement

LANGS = ("en", "es")


def labels(names: dict[str, str], fallback: str) -> dict[str, str]:
    """A name in each of the page's languages: English falls back to the untagged or Spanish name, Spanish to
    English, both to `fallback` (the id)."""
    en = names.get("en") or names.get("") or names.get("es") or fallback
    return {"en": en, "es": names.get("es") or en}


def first_statement(entity: Entity, predicate: str) -> Statement | None:
    """The entity's first statement of a property that is not a recorded source error."""
    return next((st for st in entity.statements if st.predicate == predicate and not st.error), None)


def number(text: str) -> float | None:
    """The literal as a number, or None when it is not one."""
    try:
        return float(text)
    except ValueError:
        return None
