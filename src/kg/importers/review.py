"""The review file of event matches, `graph/event-matches.yaml`: each proposed match (a dataset record and the graph
event it may report), its score and reasons, and the curator's decision — `pending` until a curator writes
`accepted` or `rejected`. Imports and `kg match events` add proposals and keep every decision; an accepted match is
applied by the next import of that record (its values become statements of the event, cited to the record).

The file is YAML (a side file: the entity reader skips it) and is read with the project's YAML reader, so a mistake
in it is reported at its line and column."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..core.problems import Pos, Problems
from ..load.yamlfile import compose_text, display_path, mapping_items
from ..text.input_file import InputFileError, read_input_file
from .yamlwriter import scalar

REVIEW_FILE = "event-matches.yaml"
DECISIONS = ("pending", "accepted", "rejected")
MAX_REVIEW_BYTES = 64 << 20
HEADER = """Event matches to review (kg import acled, kg match events). Not entities: each entry says that a dataset
record may report an event the graph holds, with the matcher's score and reasons. Set `decision` to `accepted`
(one event: the record's values become statements of the event, cited to the record, at the next import of it) or
`rejected` (two events: never proposed again). Entries stay `pending` until a curator decides; nothing is merged
before that."""
_KEYS = ("record", "source", "event", "score", "reasons", "decision", "note")


@dataclass
class Review:
    """One proposed match and its decision."""

    record: str  # the id the record has, or would have, in the graph (acled-mex12345)
    source: str  # the dataset source it comes from
    event: str  # the graph's event it may report
    score: float
    reasons: list[str] = field(default_factory=list)
    decision: str = "pending"
    note: str | None = None
    pos: Pos | None = None

    def as_dict(self) -> dict:
        out: dict = {"record": self.record, "source": self.source, "event": self.event, "score": self.score,
                     "reasons": list(self.reasons), "decision": self.decision}
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class ReviewFile:
    path: Path
    entries: dict[tuple[str, str], Review] = field(default_factory=dict)  # (record, event) → review

    def decided(self, record: str) -> list[Review]:
        return [r for (rec, _), r in self.entries.items() if rec == record and r.decision != "pending"]

    def accepted(self, record: str) -> Review | None:
        return next((r for r in self.decided(record) if r.decision == "accepted"), None)

    def rejected(self, record: str, event: str) -> bool:
        entry = self.entries.get((record, event))
        return entry is not None and entry.decision == "rejected"

    def propose(self, review: Review) -> None:
        """Add or refresh a proposal; a decision already taken on the pair is kept."""
        old = self.entries.get((review.record, review.event))
        if old is not None and old.decision != "pending":
            old.score, old.reasons = review.score, review.reasons
            return
        if old is not None and old.note:
            review.note = old.note
        self.entries[(review.record, review.event)] = review

    def text(self) -> str:
        """The file's text, entries in a fixed order (the same decisions and scores give the same bytes); the decision
        near the top of each entry and the reasons one per line, for a curator to read and edit."""
        ordered = sorted(self.entries.values(), key=lambda r: (r.source, r.record, r.event))
        header = "\n".join(f"# {line}" for line in HEADER.splitlines()) + "\n"
        blocks = []
        for review in ordered:
            lines = [f"- record: {scalar(review.record)}", f"  source: {scalar(review.source)}",
                     f"  event: {scalar(review.event)}", f"  decision: {scalar(review.decision)}",
                     f"  score: {scalar(review.score)}"]
            if review.note:
                lines.append(f"  note: {scalar(review.note)}")
            lines.append("  reasons:")
            lines += [f"    - {scalar(reason)}" for reason in review.reasons]
            blocks.append("\n".join(lines) + "\n")
        return "\n".join([header, *blocks]) if blocks else header


def read_review_file(graph_dir: Path, problems: Problems) -> ReviewFile:
    """The review file of the graph folder (none yet: empty); every mistake in it reported at its line and column."""
    path = graph_dir / REVIEW_FILE
    review = ReviewFile(path)
    if not path.exists():
        return review
    name = display_path(path)
    try:
        data = read_input_file(path, limit=MAX_REVIEW_BYTES, what="the event-match review file")
        text = data.decode("utf-8")
    except InputFileError as exc:
        problems.error(Pos(name, 1, 1), exc.rule, str(exc))
        return review
    except UnicodeDecodeError as exc:
        problems.error(Pos(name, 1, 1), "encoding", f"file is not UTF-8 (byte {exc.start}); save it as UTF-8")
        return review
    root = compose_text(name, text, problems)
    if root is None or (isinstance(root, ScalarNode) and not root.value):
        return review
    if not isinstance(root, SequenceNode):
        problems.error(Pos(name, root.start_mark.line + 1, root.start_mark.column + 1), "bad-structure",
                       "expected a list of matches (record, source, event, score, reasons, decision)")
        return review
    for node in root.value:
        pos = Pos(name, node.start_mark.line + 1, node.start_mark.column + 1)
        if not isinstance(node, MappingNode):
            problems.error(pos, "bad-structure", "expected a match: a mapping with record, event and decision")
            continue
        items = mapping_items(name, node, problems)
        values: dict[str, object] = {}
        for key, (key_node, value_node) in items.items():
            where = Pos(name, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key not in _KEYS:
                problems.error(where, "unknown-key", f"unknown key `{key}`: expected one of {', '.join(_KEYS)}")
            elif key == "reasons":
                if isinstance(value_node, SequenceNode) and all(isinstance(v, ScalarNode) for v in value_node.value):
                    values[key] = [v.value for v in value_node.value]
                else:
                    problems.error(where, "wrong-type", "reasons: expected a list of text")
            elif not isinstance(value_node, ScalarNode):
                problems.error(where, "wrong-type", f"{key}: expected a plain value, got a list or mapping")
            else:
                values[key] = value_node.value
        missing = [k for k in ("record", "source", "event", "decision") if k not in values]
        if missing:
            problems.error(pos, "missing-key", f"a match needs {', '.join(missing)}")
            continue
        decision = str(values["decision"])
        if decision not in DECISIONS:
            value_node = items["decision"][1]
            problems.error(Pos(name, value_node.start_mark.line + 1, value_node.start_mark.column + 1),
                           "bad-decision", f"decision: `{decision}` is not one of {', '.join(DECISIONS)}")
            continue
        try:
            score = float(str(values.get("score", "0")))
        except ValueError:
            score = 0.0
        entry = Review(str(values["record"]), str(values["source"]), str(values["event"]), score,
                       list(values.get("reasons", [])), decision, str(values["note"]) if "note" in values else None,
                       pos)
        key = (entry.record, entry.event)
        if key in review.entries:
            problems.error(pos, "duplicate-match",
                           f"the match {entry.record} → {entry.event} is already at {review.entries[key].pos}")
            continue
        review.entries[key] = entry
    accepted: dict[str, Review] = {}
    for entry in review.entries.values():
        if entry.decision == "accepted":
            if entry.record in accepted:
                problems.error(entry.pos or Pos(name, 1, 1), "two-accepted",
                               f"{entry.record} is accepted as {accepted[entry.record].event} too: a record reports "
                               "one event; reject one of them")
            accepted[entry.record] = entry
    return review
