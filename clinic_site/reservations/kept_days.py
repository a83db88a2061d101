"""The free times of a day, worked out once per worker for every member who asks.

A day's free times for a treatment and doctor, in a language, are the same for everyone while
the seats taken and the blocks on that day are the same and the site's revision holds (hours,
closed days, timetables, the booking rules and the treatments all raise it). The key holds the
seats and blocks the asking request has just read, so a kept day is never older than the
seats: a time taken or freed in any worker changes the key on the next page. The day the
minimum notice ends in changes by the minute and is never kept. What is kept only shows times;
a booking checks and takes its seat in the database (``slots.refusal``, ``seats.take``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import g, has_request_context

from ..cache import revision
from ..extensions import db
from ..platform import clock
from ..platform.hooks import app_state

# How many worked-out days a worker keeps (a month of each treatment and doctor, in both
# languages, is a few hundred); when full, it starts again.
KEPT_DAYS = 4096


def _store() -> dict:
    return app_state("free_times", dict)


def held_on(held, day: date) -> tuple:
    """Everything ``held`` (``slots.Held``) holds on ``day``, its taken seats and the blocks
    touching it, as a value equal for two readings exactly when they hold the same."""
    since = datetime.combine(day, time(0), tzinfo=clock.zone())
    until = since + timedelta(days=1)
    touching = tuple(b for b in held.blocks if b.start < until and since < b.end)
    return _by_day(held.taken).get(day, ()), touching


def _by_day(taken: dict) -> dict[date, tuple]:
    """The taken seats by day, sorted, worked out once per reading in a request."""
    memo = g.setdefault("taken_by_day", {}) if has_request_context() else {}
    if id(taken) not in memo:
        found: dict[date, list] = {}
        for (doctor_id, at), count in taken.items():
            found.setdefault(at.date(), []).append((doctor_id, at, count))
        # The reading itself is held too, so its id cannot pass to another while this lives.
        memo[id(taken)] = (taken, {day: tuple(sorted(rows)) for day, rows in found.items()})
    return memo[id(taken)][1]


def key(
    day: date, service, doctor, lang: str, desk: bool, held, earliest: datetime
) -> tuple | None:
    """What the free times of ``day`` are worked out from (``held``: the seats and blocks just
    read), or None when they are not kept. The day the minimum notice ends in is kept for this
    request only (its pages ask for it up to three times: the day shown, the first free day,
    the month), under this very reading of the seats."""
    if db.session.info.get(revision.CHANGED):
        return None
    number = revision.current()
    if number < 0:
        return None
    doctor_id = doctor.id if doctor is not None else None
    if day <= earliest.date():
        if not has_request_context():
            return None
        return (REQUEST, id(held), day, service.id, service.slots, doctor_id, lang, desk)
    return (number, day, service.id, service.slots, doctor_id, lang, desk, held_on(held, day))


REQUEST = "this request"


def _request_store() -> dict:
    return g.setdefault("free_times", {})


def get(found_key: tuple | None):
    """The day kept under ``found_key``, or None."""
    if found_key is None:
        return None
    if found_key[0] == REQUEST:
        held_and_day = _request_store().get(found_key)
        return None if held_and_day is None else held_and_day[1]
    return _store().get(found_key)


def put(found_key: tuple | None, shown, held) -> None:
    if found_key is None:
        return
    if found_key[0] == REQUEST:
        # The reading is held beside the day, so its id cannot pass to another meanwhile.
        _request_store()[found_key] = (held, shown)
        return
    store = _store()
    if len(store) >= KEPT_DAYS:
        store.clear()
    store[found_key] = shown
