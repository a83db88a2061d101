"""What booking's rules refuse, with the true reason each time, in words for the patient or the
front desk."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..platform.refusals import Refusal


class BookingRefused(Refusal):
    WORDS = {
        "full": (409, _l("Someone booked this time a moment ago. Please choose another time.")),
        "busy": (409, _l("You already have a reservation at this time.")),
        "past": (
            422,
            _l("This time has passed or is too soon to book online. Please choose a later time."),
        ),
        "gone": (422, _l("This time has gone by. Please choose a later time.")),
        "closed_day": (
            422,
            _l("The clinic is closed on %(day)s. Please choose another day."),
        ),
        "lunch": (
            422,
            _l("%(start)s–%(end)s is the lunch break. Please choose another time."),
        ),
        "closed": (
            422,
            _l(
                "The clinic does not take bookings at this time. Please choose one of the times "
                "shown."
            ),
        ),
        "no_slot": (422, _l("Choose one of the times shown.")),
        "horizon": (
            422,
            _l("Bookings open %(days)d days ahead. Please choose an earlier day."),
        ),
        "doesnt_fit": (
            422,
            _l(
                "This treatment takes longer than the time left before the break or closing. "
                "Please choose one of the times shown for it."
            ),
        ),
        "doctor_away": (
            422,
            _l("The doctor does not see patients at this time. Please choose another time."),
        ),
        "blocked": (
            409,
            _l("The clinic has closed this time meanwhile. Please choose another time."),
        ),
        "not_yet": (409, _l("The visit has not taken place yet: mark it once its time has come.")),
        "patient": (
            422,
            _l("Choose a member, or give the caller's name and mobile phone number."),
        ),
        "member_gone": (422, _l("There is no such member. Search again.")),
        "not_movable": (409, _l("This visit cannot be moved.")),
        "request_past": (422, _l("Choose today or a later day.")),
        "request_far": (
            422,
            _l("Requests are taken up to %(days)d days ahead. Please choose an earlier day."),
        ),
        "request_weekday": (
            422,
            _l("The clinic is closed on %(weekday)s. Please choose another day."),
        ),
        "request_closed_day": (
            422,
            _l("The clinic is closed that day (%(why)s). Please choose another day."),
        ),
        "request_lunch": (
            422,
            _l("%(start)s–%(end)s is the lunch break. Please choose another time."),
        ),
        "request_hours": (
            422,
            _l(
                "That day the clinic is open from %(opens)s to %(closes)s. Please choose a time "
                "within those hours."
            ),
        ),  # fmt: skip
        "block_order": (422, _l("The end must come after the start.")),
        "block_past": (422, _l("A day that has gone by cannot be blocked.")),
        "block_far": (422, _l("Block at most %(days)d days ahead.")),
        "service": (422, _l("Choose one of the treatments in the list.")),
        "doctor": (422, _l("Choose one of the doctors in the list.")),
        "waiting": (
            409,
            _l("You can book once the clinic has confirmed your parent's or guardian's consent."),
        ),
        "hold": (
            409,
            _l("Your account is on hold, so it cannot book at the moment. Please call the clinic."),
        ),
        "desk_waiting": (
            409,
            _l(
                "This child member cannot be booked until the legal representative's consent is "
                "confirmed (Members)."
            ),
        ),  # fmt: skip
        "desk_hold": (
            409,
            _l(
                "This member's account is on hold, so it cannot be booked. Release the hold in "
                "Members first, if it should end."
            ),
        ),  # fmt: skip
        "deadline": (
            409,
            _l("It is too late to cancel online. Please call the clinic: %(phone)s"),
        ),
        "not_cancellable": (409, _l("This reservation cannot be cancelled.")),
        "state": (409, _l("This reservation cannot change to that status now.")),
        "answered": (409, _l("This request was answered already.")),
        "wait_past": (422, _l("That day has gone by. Please choose today or a later day.")),
        "wait_far": (
            422,
            _l(
                "Bookings open %(days)d days ahead, so the list does too. Please choose an "
                "earlier day."
            ),
        ),  # fmt: skip
        "wait_closed": (422, _l("The clinic is closed on %(day)s, so no time can free up.")),
        "wait_doctor_away": (
            422,
            _l("The doctor does not see patients on %(day)s. Choose another day or any doctor."),
        ),
        "wait_free": (
            409,
            _l("There are free times on %(day)s right now: book one of them instead."),
        ),
        "wait_twice": (409, _l("You are already on the waiting list for this day.")),
        "wait_many": (
            409,
            _l("You can wait for at most %(count)d days at once. Leave one to add another."),
        ),
    }
