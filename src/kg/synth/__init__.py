"""Off the pipeline, synth: takes a size and a seed; gives a synthetic graph folder in the curated YAML format, the
same bytes for the same seed, for benchmarks and scale tests."""
