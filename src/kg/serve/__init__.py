"""After query and view, serve: a local, read-only SPARQL 1.1 Protocol endpoint over the graph, with each entity as
linked data at the path of its IRI and the static site (its pages, with the explorer) beside it. One process holds the graph (`resident.py`, kept
current as its files change) and forks the workers that answer (`host.py`, `pool.py`); the HTTP side checks who asks
and how much (`policy.py`, `connections.py`) and never runs a query itself (`app.py`, `server.py`)."""
