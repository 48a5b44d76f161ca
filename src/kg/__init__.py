"""Mexico security knowledge graph: hand-written YAML compiled into a sourced, validated RDF graph."""

__version__ = "0.1.0"
