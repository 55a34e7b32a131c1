"""Who may do what in the desk: one table of actions and roles, checked on the server for every request.

Storage's own functions check again where a rule is finer than a role (four eyes, an editor's unit).
Reading is confined to the person's commune; the province role reads every commune and writes nothing.
"""

from __future__ import annotations

from storage.errors import Forbidden
from storage.models import Commune, Person
from storage.plans import can_read

EVERYONE = ("editor", "approver", "operator", "auditor", "admin", "province")
ACTIONS: dict[str, tuple[str, ...]] = {
    "desk.read": EVERYONE,            # calendar, quotas, publication status, reading an article
    "article.write": ("editor", "approver", "admin"),
    "article.review": ("approver",),
    "audit.read": ("auditor", "admin", "province"),
    "calendar.manage": ("approver", "admin"),
    "publication.retry": ("approver", "admin"),
    "radio.confirm": ("operator", "editor", "approver", "admin"),  # heard the program go out
    "lexicon.manage": ("admin",),     # the commune's own readings of abbreviations
}
WRITES = {"article.write", "article.review", "calendar.manage", "publication.retry", "radio.confirm",
          "lexicon.manage"}


def allowed(person: Person, action: str, commune: Commune) -> bool:
    roles = ACTIONS[action]
    if not any(person.has_role(role) for role in roles):
        return False
    if action in WRITES:  # nobody writes in another commune, the province role included
        return person.commune_id == commune.id
    return can_read(person, commune)


def require(person: Person, action: str, commune: Commune) -> Person:
    if action not in ACTIONS:
        raise KeyError(f"unknown desk action {action!r}")
    if not allowed(person, action, commune):
        raise Forbidden("permission.denied", name=person.name, roles=person.roles, action_en=action,
                        commune=commune.code)
    return person
