"""Stage 4, outputs: takes a CompiledGraph (and the Model); gives files and tables: Turtle, N-Triples and JSON-LD
written all or nothing, the NetworkX projection, GraphML/GEXF/CSV, text tables, the vocabulary document."""
