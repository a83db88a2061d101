"""Every extension point of the site, declared in one place.

The lower rooms (the admin shell, the records, sign-in, the page cache) read lists that the
features fill when the app starts: a feature calls ``hooks.<name>.add(app, item)`` in its
``init_app``; the room that owns the hook reads ``hooks.<name>.items()``. So the lower rooms never
import a feature, and a reader finds here, for each hook, what it holds, who fills it and who
reads it.

Per-app state that is not an extension point (a worker's kept pages, its password hashers) is kept
with ``app_state``; nothing else reads ``app.extensions``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from flask import Flask, current_app

T = TypeVar("T")
_HOOKS = "clinic_hooks"
_STATE = "clinic_state"


class Hook(Generic[T]):
    """A list of ``T`` per app, filled by features at start and read by the room that owns it."""

    def __init__(self, name: str, doc: str):
        self.name = name
        self.__doc__ = doc

    def add(self, app: Flask, item: T) -> None:
        app.extensions.setdefault(_HOOKS, {}).setdefault(self.name, []).append(item)

    def items(self, app: Flask | None = None) -> list[T]:
        """What the features added, in the order they started."""
        found = (app or current_app).extensions.get(_HOOKS, {})
        return list(found.get(self.name, ()))

    def __iter__(self) -> Iterator[T]:
        return iter(self.items())

    def one(self, app: Flask | None = None) -> T | None:
        """The item of a hook that takes one (the last added), or None."""
        items = self.items(app)
        return items[-1] if items else None


def app_state(name: str, make: Callable[[], T], app: Flask | None = None) -> T:
    """This app's ``name`` (a worker's kept pages, its password hashers...), made by ``make`` on
    first use."""
    state = (app or current_app).extensions.setdefault(_STATE, {})
    if name not in state:
        state[name] = make()
    return state[name]


# --- What the hooks hold -----------------------------------------------------------------------


GROUPS = ("work", "site", "privacy", "account")


@dataclass(frozen=True)
class Section:
    """A feature's admin page, linked from the dashboard; lower ``order`` comes first. ``group``
    places it: "work" (the day's work, also in the admin menu), "site" (the clinic's site and
    its rules), "privacy" (the policy and the records), "account" (the signed-in person's own).
    ``shown()``, if given, says whether the signed-in person needs it at all."""

    endpoint: str
    label: object
    owner_only: bool = False
    order: int = 50
    args: dict | None = None
    group: str = "site"
    shown: Callable[[], bool] | None = None


@dataclass(frozen=True)
class Note:
    """Something the dashboard tells the person signed in, with a link to act on it. ``level`` is
    "warning" (needs doing) or "info". A note with a ``count`` is work waiting (inquiries to
    answer, today's visits) and shows as a number with its ``text`` as the label."""

    text: object
    endpoint: str | None = None
    link: object = None
    level: str = "info"
    count: int | None = None
    args: dict | None = None


@dataclass(frozen=True)
class NoteSource:
    """Asked when the dashboard is drawn: ``note()`` returns a Note, or None."""

    note: Callable[[], Note | None]
    owner_only: bool = False


@dataclass(frozen=True)
class Step:
    """One thing a new clinic owner does to make the site theirs; ``done()`` says whether it is.
    A ``required`` step keeps every form that collects personal data closed until it is done
    (the clinic's details, its privacy manager, a published policy)."""

    label: object
    endpoint: str
    done: Callable[[], bool]
    order: int = 50
    required: bool = False
    args: dict | None = None


@dataclass(frozen=True)
class SignIn:
    """How staff sign in: ``pending()`` names the endpoint of a step the signed-in staff member
    still owes (a second factor), or None; ``steps`` are the endpoints open meanwhile."""

    login: str
    logout: str
    pending: Callable[[], str | None]
    steps: frozenset[str]


@dataclass(frozen=True)
class UserKind:
    """Users of ``kind`` ("staff", "member") are rows of ``model`` (with ``username``,
    ``password_hash``, ``session_token`` and ``last_login_at``)."""

    kind: str
    model: Any


@dataclass(frozen=True)
class Mine:
    """One item a member sees listed under My information; ``dated``: the list shows the day of
    ``at`` beside the title (not when the title is already a date and time)."""

    title: str
    url: str
    at: datetime
    status: object
    dated: bool = True


@dataclass(frozen=True)
class Holder:
    """A feature that keeps data tied to a member: ``destroy(member_id)`` removes it at once and
    returns how many items went; ``export(member_id)`` returns it as plain JSON-ready values;
    ``mine(member_id)`` lists it for the member's own page. ``kind`` names it in the export and
    the logs; ``label`` is what the withdrawal receipt calls it."""

    kind: str
    label: object
    destroy: Callable[[int], int]
    export: Callable[[int], list[dict]]
    mine: Callable[[int], list[Mine]]


@dataclass(frozen=True)
class Rule:
    """A retention rule: ``destroy_expired(at)`` destroys what has outlived its period at ``at``,
    yielding how many it destroyed batch by batch (the purge commits after each). ``basis`` is
    the rule as the destruction log stores it (plain English, the same in every language);
    ``period`` the inventory's period, which the owner's pages state in their language.
    ``on_this_machine``: records kept in files here, which every machine purges, where the
    shared database is purged by one machine a day."""

    kind: str
    basis: str
    destroy_expired: Callable[[datetime], Iterator[int]]
    on_this_machine: bool = False
    # The period from the inventory (a Period, Until or Adjustable), for the owner's pages.
    period: Any = None


@dataclass(frozen=True)
class LanguageStore:
    """Somewhere besides the session that keeps a visitor's language choice (a preferences
    cookie, set only with consent): ``read()`` gives a code or None, ``keep(response, lang)``
    saves a new choice."""

    read: Callable[[], str | None]
    keep: Callable[[Any, str], None]


@dataclass(frozen=True)
class Evidence:
    """One promise on the owner's privacy desk: what the policy promises, the mechanism that keeps
    it, its latest evidence from the database, and a ``level`` ("red": broken now, "amber": needs
    attention soon, "green": kept) with the reason and what to do, all in the page's language.
    ``group`` places it as the policy does: "consent", "retention", "destruction", "rights",
    "safety"; ``endpoint`` is the admin page where the owner acts on it."""

    group: str
    promise: str
    mechanism: str
    evidence: str
    level: str
    reason: str
    endpoint: str | None = None
    # Work for whoever runs the server (a schedule, a backup), which the owner cannot do from the
    # browser: the dashboard counts it apart from the owner's own.
    server: bool = False


# --- The hooks ---------------------------------------------------------------------------------

admin_sections: Hook[Section] = Hook(
    "admin_sections",
    "Admin pages linked from the dashboard. Added by every feature with an admin page; read by "
    "admin/routes.py (the dashboard).",
)
admin_notes: Hook[NoteSource] = Hook(
    "admin_notes",
    "What the dashboard says (work waiting, warnings). Added by features; read by the dashboard.",
)
setup_steps: Hook[Step] = Hook(
    "setup_steps",
    "What a new clinic does to make the site its own; the required ones keep personal-data forms "
    "closed until done. Added by settings, policy, clinic and pages; read by the dashboard's "
    "setup list and core/readiness.py.",
)
staff_sign_in: Hook[SignIn] = Hook(
    "staff_sign_in",
    "How staff sign in (one). Added by staff/; read by admin/gate.py before every admin page.",
)
user_kinds: Hook[UserKind] = Hook(
    "user_kinds",
    "Who can sign in: staff and (members mode) members. Added by staff/ and accounts/; read by "
    "identity/users.py (loading and checking users) and the owner's record pages.",
)
member_data: Hook[Holder] = Hook(
    "member_data",
    "Features that keep data tied to a member. Added by board/ and reservations/; read by "
    "accounts/erasure.py, which exports it and destroys it on withdrawal.",
)
retention_rules: Hook[Rule] = Hook(
    "retention_rules",
    "How long each kind of record is kept. Added by every feature that stores personal data; "
    "read by records/retention.py (the purge).",
)
retention_authorities: Hook[Callable[[int], bool]] = Hook(
    "retention_authorities",
    "Whether the privacy policy in effect allows keeping inquiries N days. Added by policy/; "
    "read by settings/services.py before the owner changes the period.",
)
language_stores: Hook[LanguageStore] = Hook(
    "language_stores",
    "Where a visitor's language choice is kept besides the session. Added by consent/ (the "
    "preferences cookie); read by core/i18n.py.",
)
page_varies: Hook[Callable[[], object]] = Hook(
    "page_varies",
    "What else a kept page depends on (the visitor's cookie choice). Added by consent/; read by "
    "cache/pages.py.",
)
cacheable_endpoints: Hook[str] = Hook(
    "cacheable_endpoints",
    "Endpoints whose responses browsers may keep (files that never change under their name). "
    "Added by core/ and pages/; read by platform/http.py, which sends everything else no-store.",
)
doctor_days_away: Hook[Callable[[int, date, date], list[date]]] = Hook(
    "doctor_days_away",
    "The days from .. until (inclusive) on which a doctor sees no patients at all although the "
    "week says so (a conference, leave). Added by reservations/ (blocked time); read by pages/ "
    "for /about.",
)
start_hints: Hook[Callable[[str], str | None]] = Hook(
    "start_hints",
    "What to tell whoever starts the site (no staff account yet), given the site's address. "
    "Added by staff/; read once per start: by create_app under `flask run`, by gunicorn.conf.py's "
    "when_ready in gunicorn's master.",
)
privacy_evidence: Hook[Callable[[], list[Evidence]]] = Hook(
    "privacy_evidence",
    "Promises a room keeps and their evidence, for the privacy desk (a rights desk: open requests "
    "and their due dates). Added by rooms the desk does not know; read by privacy_desk/queries.py.",
)
