"""Changing the clinic's settings: the one way to change them, and the rules a change must keep. A
rule that needs another room's knowledge (does the privacy policy in effect state this retention
period?) is given to it at start by that room, through the ``retention_authorities`` hook.
"""

from __future__ import annotations

from ..cache.revision import forget
from ..extensions import db
from ..platform import clock, hooks
from ..platform.refusals import Refusal
from .models import ClinicSettings
from .queries import FIELDS, FIRST_RUN, KEPT_AS, Settings, get_settings
from .refusals import SettingRefused


def check_cookie_revision(revision: int, current: Settings) -> None:
    """The cookie policy revision only rises: going back would quietly honour choices made under
    a revision the owner meant to replace."""
    if revision < current.cookie_revision:
        raise SettingRefused("revision_down", "cookie_revision", current=current.cookie_revision)


def retention_stated(days: int) -> bool:
    """Whether every authority allows keeping inquiries ``days`` days (True with none)."""
    return all(states(days) for states in hooks.retention_authorities)


def check_retention(days: int, current: Settings) -> None:
    """The inquiry retention period may change only to one the privacy policy in effect states."""
    if days != current.consultation_retention_days and not retention_stated(days):
        raise SettingRefused("retention_not_stated", "consultation_retention_days", days=days)


def change_settings(**changes) -> Settings:
    """Check ``changes`` against the rules and save them; raises ``SettingRefused`` naming every
    change a rule refuses (the first, with the others in ``also``), and then saves nothing."""
    current = get_settings()
    refused: list[SettingRefused] = []
    for name, check in (
        ("cookie_revision", check_cookie_revision),
        ("consultation_retention_days", check_retention),
    ):
        if name in changes:
            try:
                check(changes[name], current)
            except SettingRefused as refusal:
                refused.append(refusal)
    if refused:
        refused[0].also = list[Refusal](refused[1:])
        raise refused[0]
    return update_settings(**changes)


def update_settings(**changes) -> Settings:
    """Save ``changes`` (only known fields), without the owner's rules (first runs, tests, the
    CLI), and make every later read in this process see them."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown settings: {sorted(unknown)}")
    row = db.session.get(ClinicSettings, 1)
    if row is None:
        row = ClinicSettings(id=1, **FIRST_RUN)
        db.session.add(row)
    for name, value in changes.items():
        setattr(row, name, value)
    row.updated_at = clock.now()
    db.session.flush()
    forget(KEPT_AS)
    return get_settings()
