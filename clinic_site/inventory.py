"""The one list of personal data the site collects, the cookies it sets and the records it keeps.

The default privacy policy, the cookie table at /cookies and the retention rules all read from here;
a test fails when a form collects a personal-data field that is not listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

BOTH = ("anonymous", "members")
MEMBERS = ("members",)

# Retention periods the law sets for records the site keeps about its own service.
VISIT_RECORD_DAYS = 90  # Protection of Communications Secrets Act: 3 months
IDENTITY_RECORD_DAYS = 182  # Information and Communications Network Act: 6 months
COMPLAINT_RECORD_DAYS = 3 * 365  # Act on Consumer Protection in Electronic Commerce: 3 years


@dataclass(frozen=True)
class DataItem:
    key: str  # "<group>.<field>"
    group: str  # consultation | registration | child_registration | reservation | staff | automatic
    field: str | None  # the form field that collects it; None for records made automatically
    label: object
    required: bool
    purpose: object
    retention: object
    modes: tuple[str, ...] = BOTH
    sensitive: bool = False  # health information: needs its own consent


@dataclass(frozen=True)
class CookieItem:
    name: str
    category: str  # necessary | preferences | analytics
    purpose: object
    lifetime: object


_CONSULT_PURPOSE = _l("Answering the inquiry and contacting the person who asked")
_CONSULT_KEPT = _l(
    "Until the author deletes it, or the set number of days after the last reply (or after "
    "writing, if never answered); 365 unless the clinic sets otherwise"
)
_MEMBER_PURPOSE = _l("Membership: signing in, booking and looking up reservations")
_MEMBER_KEPT = _l("Until the member withdraws; destroyed at once on withdrawal")

ITEMS: tuple[DataItem, ...] = (
    # Consultation board (both modes)
    DataItem(
        "consultation.name",
        "consultation",
        "name",
        _l("Name"),
        True,
        _CONSULT_PURPOSE,
        _CONSULT_KEPT,
    ),
    DataItem(
        "consultation.password",
        "consultation",
        "password",
        _l("Password (stored only as a one-way hash)"),
        True,
        _l("Letting only the author open the inquiry"),
        _CONSULT_KEPT,
    ),
    DataItem(
        "consultation.mobile",
        "consultation",
        "mobile",
        _l("Mobile phone number"),
        True,
        _CONSULT_PURPOSE,
        _CONSULT_KEPT,
    ),
    DataItem(
        "consultation.email",
        "consultation",
        "email",
        _l("Email address"),
        False,
        _l("Answering by email when the author prefers it"),
        _CONSULT_KEPT,
    ),
    DataItem(
        "consultation.title",
        "consultation",
        "title",
        _l("Title of the inquiry"),
        True,
        _CONSULT_PURPOSE,
        _CONSULT_KEPT,
    ),
    DataItem(
        "consultation.body",
        "consultation",
        "body",
        _l("Health information described in the inquiry"),
        True,
        _l("Answering the question about symptoms or treatment"),
        _CONSULT_KEPT,
        sensitive=True,
    ),
    # Membership (members mode)
    DataItem(
        "registration.name",
        "registration",
        "name",
        _l("Name"),
        True,
        _MEMBER_PURPOSE,
        _MEMBER_KEPT,
        MEMBERS,
    ),
    DataItem(
        "registration.username",
        "registration",
        "username",
        _l("Username"),
        True,
        _MEMBER_PURPOSE,
        _MEMBER_KEPT,
        MEMBERS,
    ),
    DataItem(
        "registration.password",
        "registration",
        "password",
        _l("Password (stored only as a one-way hash)"),
        True,
        _MEMBER_PURPOSE,
        _MEMBER_KEPT,
        MEMBERS,
    ),
    DataItem(
        "registration.phone",
        "registration",
        "phone",
        _l("Phone number"),
        True,
        _MEMBER_PURPOSE,
        _MEMBER_KEPT,
        MEMBERS,
    ),
    DataItem(
        "registration.mobile",
        "registration",
        "mobile",
        _l("Mobile phone number"),
        True,
        _l("Reservation reminders and changes"),
        _MEMBER_KEPT,
        MEMBERS,
    ),
    DataItem(
        "registration.email",
        "registration",
        "email",
        _l("Email address"),
        False,
        _l("Clinic news, if the member asks for it"),
        _MEMBER_KEPT,
        MEMBERS,
    ),
    DataItem(
        "registration.email_opt_in",
        "registration",
        "email_opt_in",
        _l("Whether to receive email"),
        False,
        _l("Clinic news, if the member asks for it"),
        _MEMBER_KEPT,
        MEMBERS,
    ),
    DataItem(
        "child_registration.name",
        "child_registration",
        "name",
        _l("Child's name"),
        True,
        _MEMBER_PURPOSE,
        _MEMBER_KEPT,
        MEMBERS,
    ),
    DataItem(
        "child_registration.username",
        "child_registration",
        "username",
        _l("Username"),
        True,
        _MEMBER_PURPOSE,
        _MEMBER_KEPT,
        MEMBERS,
    ),
    DataItem(
        "child_registration.password",
        "child_registration",
        "password",
        _l("Password (stored only as a one-way hash)"),
        True,
        _MEMBER_PURPOSE,
        _MEMBER_KEPT,
        MEMBERS,
    ),
    DataItem(
        "child_registration.guardian_name",
        "child_registration",
        "guardian_name",
        _l("Legal representative's name"),
        True,
        _l("Confirming the legal representative's consent for a child under 14"),
        _MEMBER_KEPT,
        MEMBERS,
    ),
    DataItem(
        "child_registration.guardian_mobile",
        "child_registration",
        "guardian_mobile",
        _l("Legal representative's mobile phone number"),
        True,
        _l("Confirming the legal representative's consent for a child under 14"),
        _MEMBER_KEPT,
        MEMBERS,
    ),
    DataItem(
        "reservation.slot",
        "reservation",
        "slot",
        _l("Date and time of the visit"),
        True,
        _l("Booking treatment"),
        _MEMBER_KEPT,
        MEMBERS,
    ),
    DataItem(
        "reservation.service",
        "reservation",
        "service",
        _l("Treatment booked"),
        True,
        _l("Booking treatment"),
        _MEMBER_KEPT,
        MEMBERS,
        sensitive=True,
    ),
    DataItem(
        "reservation.note",
        "reservation",
        "note",
        _l("Note to the clinic"),
        False,
        _l("Preparing the visit"),
        _MEMBER_KEPT,
        MEMBERS,
        sensitive=True,
    ),
    # Staff accounts
    DataItem(
        "staff.name",
        "staff",
        "name",
        _l("Staff member's name"),
        True,
        _l("Signing in and the access record"),
        _l("While the staff account exists"),
    ),
    DataItem(
        "staff.username",
        "staff",
        "username",
        _l("Staff username"),
        True,
        _l("Signing in and the access record"),
        _l("While the staff account exists"),
    ),
    DataItem(
        "staff.password",
        "staff",
        "password",
        _l("Staff password (stored only as a one-way hash)"),
        True,
        _l("Signing in"),
        _l("While the staff account exists"),
    ),
    # Records made automatically
    DataItem(
        "automatic.visit_record",
        "automatic",
        None,
        _l("Visit record (IP address, time, page)"),
        True,
        _l("Security and answering lawful requests"),
        _l("3 months"),
    ),
    DataItem(
        "automatic.sign_in_record",
        "automatic",
        None,
        _l("Sign-in record (identity verification: account, time, IP address)"),
        True,
        _l("Security and answering lawful requests"),
        _l("6 months"),
    ),
    DataItem(
        "automatic.access_record",
        "automatic",
        None,
        _l("Access record (which staff member opened which record, and when)"),
        True,
        _l("Showing that personal data is handled only by those who need it"),
        _l("2 years"),
    ),
    DataItem(
        "automatic.consent_record",
        "automatic",
        None,
        _l("Consent record (consent id, choice, policy revision, time)"),
        True,
        _l("Showing that the clinic asked before it set optional cookies"),
        _l("3 years"),
    ),
    DataItem(
        "automatic.complaint_record",
        "automatic",
        None,
        _l("Destruction log (what was destroyed, when and why; no content)"),
        True,
        _l("Showing that records were destroyed on time and on request; handling complaints"),
        _l("3 years"),
    ),
)

COOKIES: tuple[CookieItem, ...] = (
    CookieItem(
        "session",
        "necessary",
        _l(
            "Keeps you signed in, opens the inquiry you unlocked, and protects forms "
            "against forgery (CSRF)"
        ),
        _l("Until the browser closes, or 8 hours"),
    ),
    CookieItem("cookie_consent", "necessary", _l("Remembers your cookie choice"), _l("6 months")),
    CookieItem("lang", "preferences", _l("Remembers the language you chose"), _l("1 year")),
)


def items_for(mode: str) -> list[DataItem]:
    """What the site collects in ``mode``, in the order the policy lists it."""
    return [item for item in ITEMS if mode in item.modes]


def form_fields(group: str) -> set[str]:
    """The form field names of ``group`` that the inventory declares."""
    return {item.field for item in ITEMS if item.group == group and item.field}
