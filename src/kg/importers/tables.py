"""Reading a dataset's CSV file: the encoding (UTF-8, or the Windows/Latin-1 of older files), the header checked
against the columns a layout needs, and each row with the line it starts on, so that a bad cell is reported as
`file:line:column`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.names import fold
from ..core.problems import Pos, Problems
from ..text.input_file import InputFileError, read_input_file

# The largest file an import reads: about 600,000 ACLED rows, more than a curated graph should take in one import.
MAX_IMPORT_BYTES = 256 << 20


@dataclass
class Table:
    """A CSV file's rows, with the column index of every expected column (matched whatever its accents or case)."""

    path: Path
    encoding: str
    header: list[str]
    index: dict[str, int]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line the row starts on, cells)

    def pos(self, line: int, column: str) -> Pos:
        """Where a cell is: file, line and column number (counted from 1, as a spreadsheet shows it)."""
        return Pos(str(self.path), line, self.index[column] + 1)

    def records(self, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
        """Each row as {column: stripped cell}, with its line."""
        picks = [(name, self.index[name]) for name in columns if name in self.index]
        for line, cells in self.rows:
            yield line, {name: (cells[i].strip() if i < len(cells) else "") for name, i in picks}


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read with: UTF-8 (with or without a byte-order mark), else
    Windows-1252, the superset of Latin-1 that SESNSP's and spreadsheet programs' older files use."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1"


def read_table(path: Path, required: Sequence[str], problems: Problems, *, optional: Sequence[str] = (),
               layout: str) -> Table | None:
    """The table in `path`, or None with the problems reported (unreadable file, not a regular file, larger than
    MAX_IMPORT_BYTES, missing or repeated columns).

    Column names match the expected names after folding, so `Año`, `AÑO` and `Ano` are the same column, and a column
    the layout uses may appear only once.
    """
    try:
        data = read_input_file(path, limit=MAX_IMPORT_BYTES, what=f"a CSV file in {layout}",
                               advice="import it in parts (e.g. a file per year or per state)")
    except InputFileError as exc:
        problems.error(Pos(str(path), 1, 1), exc.rule, str(exc))
        return None
    text, encoding = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problems.error(Pos(str(path), 1, 1), "empty-file", f"the file is empty; expected {layout}'s header")
        return None
    folded = {fold(name): i for i, name in reversed(list(enumerate(header)))}
    index = {name: folded[fold(name)] for name in (*required, *optional) if fold(name) in folded}
    wanted = {fold(name) for name in index}
    repeated = False
    for i, name in enumerate(header):
        key = fold(name)
        if key in wanted and folded[key] != i:
            repeated = True
            problems.error(Pos(str(path), 1, i + 1), "repeated-column",
                           f"column `{name}` is also column {folded[key] + 1} (`{header[folded[key]]}`); expected "
                           "each column once, so that no value is read from the wrong one")
    if repeated:
        return None
    missing = [name for name in required if name not in index]
    if missing:
        listed = ", ".join(f"`{m}`" for m in missing)
        problems.error(
            Pos(str(path), 1, 1), "missing-column",
            f"missing column(s) {listed}: expected {layout}'s header ({', '.join(required)})",
        )
        return None
    table = Table(path, encoding, header, index)
    previous = reader.line_num
    try:
        for cells in reader:
            start, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # a blank line, often at the end of a file saved by a spreadsheet
            table.rows.append((start, cells))
    except csv.Error as exc:
        problems.error(Pos(str(path), reader.line_num, 1), "bad-csv", f"not valid CSV: {exc}")
        return None
    return table
