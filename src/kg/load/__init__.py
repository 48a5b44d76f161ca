"""Stage 1, load: takes the YAML files in `graph/` and the vocabulary in `ontology/`; gives a Model of entities and
statements, every value typed and positioned at its file:line:col, and a Problems list of what could not be read."""
