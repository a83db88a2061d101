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
        "closed": (
            422,
            _l(
                "The clinic does not take bookings at this time. Please choose one of the times "
                "shown."
            ),
        ),
        "no_slot": (422, _l("Choose one of the times shown.")),
        "service": (422, _l("Choose one of the treatments in the list.")),
        "waiting": (
            409,
            _l("You can book once the clinic has confirmed your parent's or guardian's consent."),
        ),
        "hold": (
            409,
            _l("Your account is on hold, so it cannot book at the moment. Please call the clinic."),
        ),
        "deadline": (
            409,
            _l("It is too late to cancel online. Please call the clinic: %(phone)s"),
        ),
        "not_cancellable": (409, _l("This reservation cannot be cancelled.")),
        "state": (409, _l("This reservation cannot change to that status now.")),
        "answered": (409, _l("This request was answered already.")),
    }
