"""Curation tools: takes the checked graph and a new article's text (read by `kg.text`) and gives what a curator
needs to add the article: the graph's entities each paragraph mentions (`gazetteer`, `mentions`), names the graph
does not hold yet, the numbers and dates per paragraph, and a draft in the project's YAML format (`draft`)."""
