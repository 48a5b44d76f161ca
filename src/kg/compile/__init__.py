"""Stage 3, compile: takes a checked Model and the vocabulary; gives a CompiledGraph, the sorted N-Triples of every
direct triple, statement node and citation node, with the YAML position of each subject."""
