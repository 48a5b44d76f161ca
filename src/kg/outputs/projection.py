"""The NetworkX projection: entities as nodes, one edge per statement between entities.

Built from the checked model, not from triples, so literals stay attributes (a date does not become a hub linking
unrelated events) and classes and statement nodes never become nodes. The view, `kg stats`, `kg path` and the
GraphML/GEXF/CSV exports all use this one projection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.figures import event_toll, observation_figure, statement_figure
from ..core.model import Citation, Entity, Model, Statement
from ..core.namespaces import MX
from ..core.terms import statement_iri
from ..load.vocabulary import Vocabulary

if TYPE_CHECKING:
    import networkx as nx  # imported where a projection is made: `kg show` needs only citation_text

# Attribute values must be scalars for GraphML/GEXF; several values of one key are joined with this.
JOIN = "; "


def citation_text(model: Model, citation: Citation) -> str:
    """A citation as a reader would write it: `Title (Publisher, date), § Heading ¶ N`."""
    source = model.entities.get(citation.source)
    if source is None:
        return citation.source
    title = source.labels.get("en") or source.id
    parts = [title]
    section = source.sections.get(citation.section) if citation.section else None
    if section is not None:
        parts.append(f"§ {section.heading}")
    if citation.paragraph is not None:
        parts.append(f"¶ {citation.paragraph}")
    return ", ".join(parts)


def top_class(vocab: Vocabulary, type_name: str) -> str:
    """The broadest kg class below the roots, used to group types (Person, Organization, Place, Event, ...)."""
    for root in (
        "Person",
        "Organization",
        "Post",
        "Place",
        "Event",
        "Law",
        "SocialProgram",
        "Strategy",
        "Indicator",
        "Observation",
        "Source",
    ):
        if vocab.is_a(type_name, root):
            return root
    return type_name


def _edges(statement: Statement) -> list[tuple[Statement, str]]:
    """The statement as an asserted fact (with its assessment), skipping a source's erroneous claim."""
    if statement.error:
        return [(statement.correction, "correction")] if statement.correction is not None else []
    return [(statement, "")]


def project(model: Model, vocab: Vocabulary, *, include_sources: bool = False) -> nx.MultiDiGraph:
    """A MultiDiGraph keyed by entity id; edge keys are statement IRIs."""
    import networkx as nx

    graph = nx.MultiDiGraph()

    def wanted(entity: Entity | None) -> bool:
        return entity is not None and (include_sources or not vocab.is_a(entity.type, "Source"))

    for entity in model.entities.values():
        if not wanted(entity):
            continue
        attrs = {
            "iri": MX + entity.id,
            "type": entity.type,
            "group": top_class(vocab, entity.type),
            "label": entity.labels.get("en", entity.id),
            "label_es": entity.labels.get("es", entity.labels.get("en", entity.id)),
            "description": entity.descriptions.get("en", ""),
            "description_es": entity.descriptions.get("es", ""),
            "aliases": JOIN.join(a for names in entity.aliases.values() for a in names),
            "sources": JOIN.join(citation_text(model, c) for c in entity.citations),
        }
        graph.add_node(entity.id, **attrs)

    for entity in model.entities.values():
        if not wanted(entity):
            continue
        literals: dict[str, list[str]] = {}
        for original in entity.statements:
            for st, assessment in _edges(original):
                if st.value.kind == "entity":
                    if not wanted(model.entities.get(st.value.text)):
                        continue
                    prop = vocab.properties[st.predicate]
                    attrs = {
                        "predicate": st.predicate,
                        "label": prop.labels.get("en", st.predicate),
                        "label_es": prop.labels.get("es", st.predicate),
                        "sources": JOIN.join(citation_text(model, c) for c in st.citations),
                        "citations": len(st.citations),
                        "assessment": assessment,
                        "note": st.note or "",
                        "statement": statement_iri(st, assessment or None),
                    }
                    for name, value in sorted(st.qualifiers.items()):
                        attrs[name] = value.text.rsplit("/", 1)[-1] if value.kind == "concept" else value.text
                    graph.add_edge(entity.id, st.value.text, key=attrs["statement"], **attrs)
                else:
                    text = st.value.text.rsplit("/", 1)[-1] if st.value.kind == "concept" else st.value.text
                    literals.setdefault(st.predicate, []).append(text)
                    figure = statement_figure(st)
                    for qualifier in ("bound", "hedge", "status"):  # the number's own qualifiers beside it
                        if figure is not None and getattr(figure, qualifier):
                            literals.setdefault(f"{st.predicate}_{qualifier}", []).append(getattr(figure, qualifier))
        for name, texts in literals.items():
            graph.nodes[entity.id][name] = JOIN.join(dict.fromkeys(texts))
        graph.nodes[entity.id].update(_figures(entity, vocab))
    return graph


def _figures(entity: Entity, vocab: Vocabulary) -> dict[str, str]:
    """An event's death toll and an observation's figure, as kg.core.figures presents them: the total (empty when
    sources differ; then the range), and the phrase with every qualifier."""
    out = {}
    if vocab.is_a(entity.type, "Event"):
        toll = event_toll(entity)
        if toll is not None:
            out.update(toll="" if toll.disputed else toll.total.value, toll_low=toll.low, toll_high=toll.high,
                       toll_text=toll.text())
            if toll.total.bound:
                out["toll_bound"] = toll.total.bound
    elif vocab.is_a(entity.type, "Observation"):
        figure = observation_figure(entity)
        if figure is not None:
            out["figure_text"] = figure.text(labels=vocab.label)
    return out
