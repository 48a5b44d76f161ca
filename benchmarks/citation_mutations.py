"""The citation check's mutation test, from the repository root:

    .venv/bin/python -m benchmarks.citation_mutations [--sample N] [--seed S] [--kind KIND] [--missed N]

On a copy of graph/ it moves citations within and across sections, swaps entity objects and numbers, runs the
citation check against the articles' texts (../shared/seeds, or --texts DIR) and prints the catch rate of each kind
with its target; it exits 1 when a target is missed. The method is in kg.check.mutations.
"""

from __future__ import annotations

import sys

from kg.check.mutations import main

if __name__ == "__main__":
    sys.exit(main())
