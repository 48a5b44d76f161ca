"""Time, twice: what changed between versions of the graph (`diff`), what the published record said on a given day
(`as_of`), releases (`release`) and an entity's history (`entity_history`)."""
