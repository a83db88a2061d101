"""Reminders never reach a patient between 21:00 and 08:00 at the clinic: queued at night they
wait for the morning, and a reminder whose tries ran late waits too; what answers a patient's
own action goes at once, day or night."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from clinic_site.messages.daytime import daytime, is_quiet
from tests.fixtures.messages import deliver, freeze, queue_one, row


def kst(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in March 2026 on the clinic's clock (Asia/Seoul, UTC+9), in UTC."""
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC) - timedelta(hours=9)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (kst(10, 12), kst(10, 12)),
        (kst(10, 8), kst(10, 8)),
        (kst(10, 20, 59), kst(10, 20, 59)),
        (kst(10, 21), kst(11, 8)),
        (kst(10, 23, 30), kst(11, 8)),
        (kst(11, 0, 10), kst(11, 8)),
        (kst(11, 7, 59), kst(11, 8)),
    ],
)
def test_daytime_moves_a_night_moment_to_the_next_morning(texting_app, moment, expected):
    with texting_app.app_context():
        assert daytime(moment) == expected
        assert is_quiet(moment) == (moment != expected)


def test_a_reminder_queued_at_night_waits_for_eight_oclock(texting_app, solapi):
    freeze(texting_app, kst(10, 22))
    message_id, key = queue_one(texting_app, "reminder", when=kst(11, 15))
    assert row(texting_app, message_id).next_attempt_at == kst(11, 8)
    assert deliver(texting_app).sent == 0
    freeze(texting_app, kst(11, 7, 59))
    assert deliver(texting_app).sent == 0
    freeze(texting_app, kst(11, 8))
    assert deliver(texting_app).sent == 1
    assert len(solapi.delivered(key)) == 1


def test_a_reminder_asked_for_the_evening_goes_the_next_morning(texting_app, solapi):
    freeze(texting_app, kst(10, 10))
    message_id, _key = queue_one(texting_app, "reminder", when=kst(11, 15),
                                 not_before=kst(10, 21, 30))  # fmt: skip
    assert row(texting_app, message_id).next_attempt_at == kst(11, 8)


def test_a_reminder_whose_tries_run_into_the_night_waits_for_the_morning(texting_app, solapi):
    freeze(texting_app, kst(10, 20, 59))
    solapi.plan.append(503)
    message_id, key = queue_one(texting_app, "reminder", when=kst(11, 15))
    assert deliver(texting_app).retrying == 1
    # The next try would be at 21:00: it is moved to the morning.
    assert row(texting_app, message_id).next_attempt_at == kst(11, 8)
    freeze(texting_app, kst(10, 23))
    assert deliver(texting_app).sent == 0
    freeze(texting_app, kst(11, 8, 1))
    assert deliver(texting_app).sent == 1
    assert len(solapi.delivered(key)) == 1


def test_a_reminder_due_in_the_evening_is_not_sent_late_at_night(texting_app, solapi):
    freeze(texting_app, kst(10, 20, 30))
    message_id, _key = queue_one(texting_app, "reminder", when=kst(11, 15))
    # No worker ran until 21:10: the reminder waits for the morning.
    freeze(texting_app, kst(10, 21, 10))
    assert deliver(texting_app).sent == 0
    assert row(texting_app, message_id).status == "queued"


def test_an_answer_to_the_patients_own_booking_goes_at_night(texting_app, solapi):
    freeze(texting_app, kst(10, 23, 30))
    _id, key = queue_one(texting_app, "booking_confirmed", when=kst(12, 10))
    assert deliver(texting_app).sent == 1
    assert len(solapi.delivered(key)) == 1
