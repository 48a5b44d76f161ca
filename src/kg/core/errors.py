"""The errors a user can fix: each says, in one line, what is wrong and what to do.

Every module raises its own subclass (an output that must not be replaced, a name that gives no entity, a query that
does not parse...); the command line catches the family once (kg.cli) and prints `kg VERB: message` on stderr, with
control characters from the data shown escaped, and exits 1. Anything else is a bug, reported as an internal error.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem in what the user gave (an argument, a file, a query, the graph): one line for the user, exit 1."""

    exit_code = 1
