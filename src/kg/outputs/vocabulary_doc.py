"""The vocabulary as Markdown, generated from the ontology (docs/vocabulary.md is this output)."""

from __future__ import annotations

from ..load.reader import COMPILER_ONLY_CLASSES, COMPILER_ONLY_DOMAINS
from ..load.vocabulary import load_vocabulary


def vocabulary_markdown() -> str:
    vocab = load_vocabulary()
    lines = [
        "# Vocabulary",
        "",
        "Generated from `ontology/` by `kg vocab`; do not edit by hand.",
        "",
        "## Types",
        "",
        "| type | is a | English | Spanish | definition |",
        "|---|---|---|---|---|",
    ]
    for name, cls in sorted(vocab.classes.items()):
        if name in COMPILER_ONLY_CLASSES:
            continue
        lines.append(
            f"| `{name}` | {', '.join(cls.parents) or '—'} | {cls.labels.get('en', '')} | "
            f"{cls.labels.get('es', '')} | {cls.definition} |"
        )
    lines += [
        "",
        "## Properties",
        "",
        "| key | applies to | value | English | Spanish | definition |",
        "|---|---|---|---|---|---|",
    ]
    kinds = {
        "entity": "id of a {}",
        "concept": "concept",
        "temporal": "date",
        "number": "number",
        "string": "text",
        "langstring": "text by language",
    }
    for _heading, qualifier in (("Properties", False), ("Qualifiers", True)):
        if qualifier:
            lines += [
                "",
                "## Qualifiers (inside a statement)",
                "",
                "| key | applies to | value | English | Spanish | definition |",
                "|---|---|---|---|---|---|",
            ]
        for name, prop in sorted(vocab.properties.items()):
            if prop.qualifier != qualifier or prop.domain in COMPILER_ONLY_DOMAINS or name == "curatorNote":
                continue
            value = kinds[prop.kind].format(prop.range or "entity")
            if prop.kind == "concept":
                value = f"one of `{prop.range.rsplit('/', 1)[-1]}`"
            lines.append(
                f"| `{name}` | {prop.domain or 'any'} | {value} | {prop.labels.get('en', '')} | "
                f"{prop.labels.get('es', '')} | {prop.definition} |"
            )
    schemes = sorted({s for c in vocab.concepts.values() for s in c.schemes})
    lines += ["", "## Concept values", ""]
    for scheme in schemes:
        lines += [f"### `{scheme.rsplit('/', 1)[-1]}`", ""]
        for name, concept in sorted(vocab.concepts_in(scheme).items()):
            broader = f" (under `{concept.broader}`)" if concept.broader else ""
            lines.append(f"- `{name}` — {concept.labels.get('en', '')} / {concept.labels.get('es', '')}{broader}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
