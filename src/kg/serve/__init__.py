"""After query and view, serve: takes a checked BuildResult; gives a local, read-only SPARQL 1.1 Protocol endpoint (an
ASGI app run by uvicorn) with the explorer page beside it and each entity's Turtle at its own `/id/<slug>` path."""
