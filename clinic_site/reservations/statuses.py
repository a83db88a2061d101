"""What a reservation's status is called, in code and in words."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# requested: waiting for staff to confirm; confirmed; cancelled (by the member or staff);
# declined (a request staff could not take); completed; no_show.
STATUSES = ("requested", "confirmed", "cancelled", "declined", "completed", "no_show")
HOLDING = ("requested", "confirmed")  # statuses that keep their slot

STATUS_WORDS = {
    "requested": _l("Waiting for the clinic's confirmation"),
    "confirmed": _l("Confirmed"),
    "cancelled": _l("Cancelled"),
    "declined": _l("Declined"),
    "completed": _l("Visited"),
    "no_show": _l("Missed"),
}
