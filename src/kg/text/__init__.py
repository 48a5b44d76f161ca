"""Stage 1, source texts: takes the plain text of an article (a curator's copy, kept outside the repository) and gives
its sections and numbered paragraphs (`article.py`) and the numbers and dates each paragraph states
(`quantities.py`), for the citation checks, `kg source scaffold` and `kg mentions`."""
