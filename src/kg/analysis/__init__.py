"""Beside outputs, analysis: takes the NetworkX projection and the Model; gives summary figures (types, sourcing,
centrality, communities) and the paths that link two entities, told hop by hop with their sources."""
