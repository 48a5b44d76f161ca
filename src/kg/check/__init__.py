"""Stage 2, check: takes the loaded Model (and, for SHACL, the compiled graph); gives problems, never raises: unknown
ids, domains and ranges, dates, citations, and the SHACL shapes of `ontology/shapes.ttl`."""
