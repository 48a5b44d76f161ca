"""The build cache: what one build of `graph/` found and made, kept on disk, signed, for the next command.

`entry.py` keys and keeps an entry's files, `signing.py` signs them with a secret only this user has, and
`kept_store.py` keeps an Oxigraph store bound to its entry. Nothing read from the cache can run code or answer for
another graph, and pruning never deletes a folder kg did not make (docs/safety.md, "The build cache").
"""
