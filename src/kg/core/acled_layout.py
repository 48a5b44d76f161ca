"""ACLED's export layout and codebook, shared by `kg import acled` and `kg export --format acled`: the 31 columns,
the event and sub-event types with the ontology concept each maps to, the actor-type (`inter`) codes, and the parts
actors play in each kind of event."""

from __future__ import annotations

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

# ACLED event type → the concept of kgc:acled that stands for it.
EVENT_TYPES = {
    "Battles": "battles",
    "Explosions/Remote violence": "explosions-remote-violence",
    "Violence against civilians": "violence-against-civilians",
    "Protests": "protests",
    "Riots": "riots",
    "Strategic developments": "strategic-developments",
}

# ACLED sub-event type → (its event type, the concept of kgc:acled for it, or None when the scheme does not list it
# yet: such an incident is typed by its event type and keeps the sub-event type in a note).
SUB_EVENT_TYPES = {
    "Armed clash": ("Battles", "armed-clash"),
    "Government regains territory": ("Battles", "government-regains-territory"),
    "Non-state actor overtakes territory": ("Battles", "non-state-actor-overtakes-territory"),
    "Chemical weapon": ("Explosions/Remote violence", None),
    "Air/drone strike": ("Explosions/Remote violence", None),
    "Suicide bomb": ("Explosions/Remote violence", None),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", None),
    "Remote explosive/landmine/IED": ("Explosions/Remote violence", "remote-explosive"),
    "Grenade": ("Explosions/Remote violence", "grenade"),
    "Sexual violence": ("Violence against civilians", None),
    "Attack": ("Violence against civilians", "attack"),
    "Abduction/forced disappearance": ("Violence against civilians", "abduction-forced-disappearance"),
    "Peaceful protest": ("Protests", "peaceful-protest"),
    "Protest with intervention": ("Protests", None),
    "Excessive force against protesters": ("Protests", None),
    "Violent demonstration": ("Riots", None),
    "Mob violence": ("Riots", "mob-violence"),
    "Agreement": ("Strategic developments", "agreement"),
    "Arrests": ("Strategic developments", "arrests"),
    "Change to group/activity": ("Strategic developments", "change-to-group-activity"),
    "Disrupted weapons use": ("Strategic developments", None),
    "Headquarters or base established": ("Strategic developments", None),
    "Looting/property destruction": ("Strategic developments", None),
    "Non-violent transfer of territory": ("Strategic developments", None),
    "Other": ("Strategic developments", "other-strategic-development"),
}

# ACLED's actor types: older exports write the number, current ones the name.
INTER_CODES = {
    "1": "State forces", "2": "Rebel group", "3": "Political militia", "4": "Identity militia",
    "5": "Rioters", "6": "Protesters", "7": "Civilians", "8": "External/Other forces",
}
INTER_NAMES = {name.casefold(): name for name in INTER_CODES.values()}

# ACLED's disorder type of each event type, for the reverse crosswalk.
DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

# Roles that put a participant on ACLED's actor1 side; the others are actor2's.
FIRST_SIDE_ROLES = ("perpetrator", "critic", "arresting-authority")


def roles_for(event_type: str, sub_event_type: str, inter2: str) -> tuple[str, str]:
    """The roles (kgc:roles) of actor1's side and actor2's side in an event of this type."""
    if event_type == "Strategic developments":
        if sub_event_type == "Arrests":
            return "arresting-authority", "detainee"
        if sub_event_type == "Agreement":
            return "decision-maker", "decision-maker"
        return "perpetrator", "affected-party"
    if event_type == "Protests":
        return "critic", "responding-force"
    if event_type == "Violence against civilians" or inter2 == "Civilians":
        return "perpetrator", "victim"
    return "perpetrator", "target"


def actor_type_for(inter: str, name: str) -> str:
    """The class an actor the graph lacks is created with, from its ACLED actor type and its name."""
    from ..core.names import fold

    words = set(fold(name).split())
    if inter == "State forces":
        return "SecurityForce"
    if words & {"cartel", "carteles", "cartels", "gang", "gangs", "pandilla", "narco", "narcos", "mafia"}:
        return "CriminalOrganization"
    if inter == "Political militia" and "unidentified" not in words:
        return "CriminalOrganization"
    return "Organization"
