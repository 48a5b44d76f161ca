"""Ids the curators renamed: `graph/renamed.yaml` maps each old id to its new one (`old-id: new-id`), so that
`kg diff` follows an entity across the rename instead of reporting it removed and another added. An entity that
kept its Wikidata id (`sameAs`) under a new id is followed too."""

from __future__ import annotations

import re

from ..core.errors import UserError
from ..load.side_files import RENAMED_FILE

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def parse_renames(data: bytes | None, where: str = RENAMED_FILE) -> dict[str, str]:
    """old id → new id, chains followed (a → b → c gives a → c); a malformed file is refused with its name."""
    if not data:
        return {}
    import yaml

    try:
        content = yaml.load(data.decode("utf-8"), Loader=yaml.BaseLoader)  # every value as written, as text
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UserError(f"{where}: not readable YAML ({str(exc).splitlines()[0]})") from None
    if content is None:
        return {}
    if not isinstance(content, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and _SLUG.fullmatch(k) and _SLUG.fullmatch(v)
            for k, v in content.items()):
        raise UserError(f"{where}: expected lines `old-id: new-id` (ids of lower-case letters, digits and hyphens)")
    renames = dict(content)
    resolved = {}
    for old in renames:
        seen, new = {old}, renames[old]
        while new in renames and new not in seen:
            seen.add(new)
            new = renames[new]
        resolved[old] = new
    return resolved
