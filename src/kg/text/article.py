"""One reader of plain-text articles: sections found from their headings, paragraphs numbered from 1 in each.

The text is what a browser's "copy all" or a text export gives: paragraphs separated by blank lines, headings on lines
of their own. The rules (one place, so that the scaffold, the citation checks and `kg mentions` agree):

- A *block* is a run of non-blank lines; its lines are joined with a newline and stripped. A block whose every line
  is heading-like (below) is taken line by line: a byline printed right above a repeated title is two blocks.
- A block is *heading-like* when it is one short line (at most 15 words and 120 characters) that starts with a capital
  letter or a digit and does not end like a sentence or a clause (`.`, `,`, `;`, `:` or a quotation mark after one).
  Headings that are questions ("Hope for the Future?") are heading-like.
- In a run of heading-like blocks the first is a heading and the others are paragraphs of its section (a byline, a
  name under "About the Author"), except that a block repeating the heading it follows starts a section of its own:
  pages print their title above the byline and again above the body.
- A paragraph before any heading belongs to a section with an empty heading, key `opening`.
- Section keys are slugs of their headings (`Mexico’s Security Dilemma` → `mexico-s-security-dilemma`); a repeated
  key gets `-2`, `-3`...

A text holding several posts is cut with markers: `start` is the first line kept (the first line whose text, stripped,
equals it), `end` the first line after `start` that is dropped.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import UserError
from ..core.names import fold
from .input_file import InputFileError, read_input_file

MAX_HEADING_WORDS = 15
# The largest text read as an article: far above any article (the seeds are ~30 kB), low enough to keep memory bounded.
MAX_TEXT_BYTES = 64 << 20
MAX_HEADING_CHARS = 120
_SENTENCE_END = re.compile(r"[.,;:][\"'”’»)]*$|[\"”»]$")


class ArticleError(UserError, ValueError):
    """The text cannot be read as an article: not UTF-8, or a start/end marker that is not in it."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: the key of its section, its number there (from 1), its text and the line it starts on (from 1)."""

    section: str
    number: int
    text: str
    line: int


@dataclass(frozen=True)
class Section:
    """A heading (empty for text before the first heading), the line it is on, and its paragraphs in order."""

    key: str
    heading: str
    line: int
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Article:
    """An article's sections in reading order."""

    sections: tuple[Section, ...]

    def section(self, key: str) -> Section | None:
        """The section with this key, or None."""
        return next((s for s in self.sections if s.key == key), None)

    def paragraph(self, section: str, number: int) -> Paragraph | None:
        """Paragraph `number` (from 1) of section `section`, or None when either does not exist."""
        found = self.section(section)
        if found is None or not 1 <= number <= len(found.paragraphs):
            return None
        return found.paragraphs[number - 1]

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph, in reading order."""
        for section in self.sections:
            yield from section.paragraphs


def slugify(heading: str) -> str:
    """The key of a heading: folded (no accents, lower case), words joined by hyphens; `section` when nothing is left."""
    return fold(heading).replace(" ", "-") or "section"


def is_heading_like(block: str) -> bool:
    """Whether a block could be a heading: one short line, capitalised, not ending like a sentence or clause."""
    if "\n" in block or not block or len(block) > MAX_HEADING_CHARS:
        return False
    if len(block.split()) > MAX_HEADING_WORDS:
        return False
    if not (block[0].isupper() or block[0].isdigit()):
        return False
    return not _SENTENCE_END.search(block)


def _blocks(lines: list[str], first_line: int) -> list[tuple[int, str]]:
    """(line number, text) of every run of non-blank lines."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=first_line):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            blocks.append((start, "\n".join(current)))
            current = []
    if current:
        blocks.append((start, "\n".join(current)))
    split: list[tuple[int, str]] = []
    for start, block in blocks:
        parts = block.split("\n")
        if len(parts) > 1 and all(is_heading_like(part) for part in parts):
            split.extend((start + i, part) for i, part in enumerate(parts))
        else:
            split.append((start, block))
    return split


def _cut(lines: list[str], start: str | None, end: str | None) -> tuple[list[str], int]:
    """The lines between the markers, and the number (from 1) of the first one kept."""
    begin = 0
    if start is not None:
        matches = [i for i, line in enumerate(lines) if line.strip() == start.strip()]
        if not matches:
            raise ArticleError(f"start marker not found in the text: {start!r}")
        begin = matches[0]
    stop = len(lines)
    if end is not None:
        matches = [i for i, line in enumerate(lines) if i > begin and line.strip() == end.strip()]
        if not matches:
            raise ArticleError(f"end marker not found after the start: {end!r}")
        stop = matches[0]
    return lines[begin:stop], begin + 1


def read_article(text: str, *, start: str | None = None, end: str | None = None) -> Article:
    """Read an article's sections and paragraphs from its plain text (rules in the module docstring); with `start` and
    `end`, only the lines from the first line equal to `start` up to (not including) the next line equal to `end`.
    Raises ArticleError when a marker is not found."""
    lines, first = _cut(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start, end)
    drafts: list[tuple[str, int, list[tuple[int, str]]]] = []  # heading, line, paragraphs
    previous_heading_like = False
    for line, block in _blocks(lines, first):
        heading_like = is_heading_like(block)
        current = drafts[-1] if drafts else None
        repeats_heading = current is not None and heading_like and fold(block) == fold(current[0])
        if heading_like and (not previous_heading_like or repeats_heading):
            drafts.append((block, line, []))
        else:
            if current is None:
                current = ("", line, [])
                drafts.append(current)
            current[2].append((line, block))
        previous_heading_like = heading_like
    sections: list[Section] = []
    used: dict[str, int] = {}
    for heading, line, paragraphs in drafts:
        base = slugify(heading) if heading else "opening"
        used[base] = used.get(base, 0) + 1
        key = base if used[base] == 1 else f"{base}-{used[base]}"
        sections.append(
            Section(key, heading, line, tuple(Paragraph(key, n, t, ln) for n, (ln, t) in enumerate(paragraphs, 1)))
        )
    return Article(tuple(sections))


_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“(]?[A-ZÁÉÍÓÚÑ0-9])")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:a\.k\.a|Mr|Mrs|Ms|Dr|Gen|St|No|vs|etc|Jr|Sr)\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) character spans of a paragraph's sentences: a break is a full stop, question or exclamation
    mark followed by a capital, except after an initial or an abbreviation ("U.S. Department", "Patrick J.
    McDonnell", "a.k.a.")."""
    spans = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        before = text[start : match.start() + 1]
        if _ABBREVIATION.search(before):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def read_text_file(path: Path) -> str:
    """The text of a UTF-8 file (a byte-order mark is dropped). Raises ArticleError naming the file and the byte
    offset when it is not UTF-8, and when it cannot be read, is not a regular file (a FIFO, `/dev/zero`) or holds
    more than MAX_TEXT_BYTES."""
    try:
        data = read_input_file(Path(path), limit=MAX_TEXT_BYTES, what="a plain-text article",
                               advice="save the article alone, not a whole collection")
    except InputFileError as exc:
        raise ArticleError(f"{path}: {exc}") from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{path}: not UTF-8 text (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); save it as UTF-8"
        ) from None


def read_article_file(path: Path, **kw: str | None) -> Article:
    """`read_article` on a UTF-8 file (BOM tolerated); raises ArticleError with a clear message otherwise."""
    return read_article(read_text_file(path), **kw)
