"""How a class is drawn, in one place: its colour and glyph from the ontology (`kg:color`, `kg:shape`, inherited from
the nearest ancestor that has one), and the distinct style each type gets when several are drawn together.

The GEXF export colours nodes with `class_color`; the explorer draws nodes, legends, timeline bars and map marks with
`type_styles`, so a type has one colour in every view of one page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..load.vocabulary import Vocabulary

DEFAULT_COLOR, DEFAULT_SHAPE = "#97a3b6", "dot"
# Glyphs a type may be given when its inherited one is taken, in order of preference.
SHAPES = ("dot", "diamond", "square", "triangle", "triangleDown", "star", "hexagon", "box", "ellipse")


def _inherited(vocab: Vocabulary, type_name: str, attribute: str) -> str | None:
    """The class's own value of a style attribute, else the nearest ancestor's (level by level, names in order)."""
    frontier, seen = [type_name], set()
    while frontier:
        for name in frontier:
            cls = vocab.classes.get(name)
            value = getattr(cls, attribute) if cls is not None else None
            if value:
                return value
        seen.update(frontier)
        frontier = sorted({p for n in frontier if n in vocab.classes for p in vocab.classes[n].parents} - seen)
    return None


def class_color(vocab: Vocabulary, type_name: str) -> str | None:
    """The display colour of the class or of its nearest ancestor that has one (`#rrggbb`)."""
    return _inherited(vocab, type_name, "color")


def class_style(vocab: Vocabulary, type_name: str) -> tuple[str, str]:
    """Colour and glyph of a class as the ontology gives them (inherited), with defaults where none is given."""
    return (class_color(vocab, type_name) or DEFAULT_COLOR,
            _inherited(vocab, type_name, "shape") or DEFAULT_SHAPE)


def _shade(color: str, step: int) -> str:
    """The colour darkened (odd steps) or lightened (even steps) a little more at each step, so subclasses that
    inherit one colour stay apart."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    amount = 0.22 * ((step + 1) // 2)
    if step % 2:
        r, g, b = (round(c * (1 - amount)) for c in (r, g, b))
    else:
        r, g, b = (round(c + (255 - c) * amount) for c in (r, g, b))
    return f"#{r:02x}{g:02x}{b:02x}"


def type_styles(vocab: Vocabulary, types: Iterable[str]) -> dict[str, tuple[str, str]]:
    """A colour and a glyph per type, each pair distinct: the ontology's own style when no other type drawn has it,
    else the inherited colour shaded and the next unused glyph (deterministic: types taken in name order, those with
    their own kg:color first)."""
    names = sorted(set(types), key=lambda n: (not (n in vocab.classes and vocab.classes[n].color), n))
    used_pairs: set[tuple[str, str]] = set()
    used_colors: set[str] = set()
    used_shapes: dict[str, set[str]] = defaultdict(set)
    out = {}
    for name in names:
        color, shape = class_style(vocab, name)
        base = color
        step = 0
        while color in used_colors and step < 6:
            step += 1
            color = _shade(base, step)
        if (color, shape) in used_pairs or shape in used_shapes[base]:
            shape = next((s for s in SHAPES if s not in used_shapes[base]), shape)
        used_pairs.add((color, shape))
        used_colors.add(color)
        used_shapes[base].add(shape)
        out[name] = (color, shape)
    return out
