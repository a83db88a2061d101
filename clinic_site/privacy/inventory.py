"""The one list of personal data the site collects, the cookies it sets and the records it keeps,
each with how long it is kept.

The default privacy policy, the cookie table at /cookies, the consent notices beside forms, the
record pages and the retention rules all read from here; a test fails when a form collects a
personal-data field that is not listed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from .periods import Adjustable, Period, Until

BOTH = ("anonymous", "members")
MEMBERS = ("members",)

# How long things are kept. Records the site keeps about its own service follow the laws named.
VISIT_RECORD = Period(3, "month")  # Protection of Communications Secrets Act
IDENTITY_RECORD = Period(6, "month")  # Information and Communications Network Act
ACCESS_RECORD = Period(2, "year")
COMPLAINT_RECORD = Period(3, "year")  # Act on Consumer Protection in Electronic Commerce
# Every grant, change and removal of staff access (safety-measure standard, article 5: 3 years).
ACCESS_RIGHTS_RECORD = Period(3, "year")
# Copies of the whole database, destroyed by the purge after the days the owner set.
BACKUP_KEPT = Adjustable(30, setting="backup_retention_days")
# Consent records are kept as long as records of complaints and disputes: in a dispute the clinic
# may need to show that it asked before it set an optional cookie.
CONSENT_RECORD = COMPLAINT_RECORD
# The website takes no payments; the clinic keeps its billing records on its own premises for the
# period the Credit Information Use and Protection Act sets, and the policy says so.
CLINIC_CREDIT_RECORD = Period(3, "year")
CONSULTATION = Adjustable(
    365,
    setting="consultation_retention_days",
    words=_l(
        "Until the author deletes it, or %(period)s after the last reply (%(period)s after "
        "writing, if never answered)"
    ),
)
# Reservations are kept this long after the visit, then destroyed by the purge.
RESERVATION_KEPT = Period(1, "year")
WAITLIST_KEPT = Until(
    _l("Until the day waited for has passed or the member leaves the list; at once on withdrawal")
)
MEMBERSHIP = Until(_l("Until the member withdraws; destroyed at once on withdrawal"))
STAFF_ACCOUNT = Until(_l("While the staff account exists"))
SESSION_COOKIE_KEPT = Until(_l("Until the browser closes"))
# A member who ticks "keep me signed in" keeps the session cookie this long (members mode only).
REMEMBERED_SESSION = Period(30, "day")
MEMBER_SESSION_COOKIE_KEPT = Until(
    _l("Until the browser closes; %(period)s for a member who chooses to stay signed in"),
    REMEMBERED_SESSION,
)
CONSENT_COOKIE_KEPT = Adjustable(182, config="CONSENT_COOKIE_DAYS")
LANG_COOKIE_KEPT = Period(1, "year")
# Messages to patients (messages/): the log of what went to whom is kept this long after the
# message was sent or given up; the text and the full number or address go as soon as the message
# is sent, and a message that could not be sent keeps them this long, for staff to send it again.
MESSAGE_LOG = Period(6, "month")
MESSAGE_TEXT_KEPT = Period(7, "day")
MESSAGE_LOG_KEPT = Until(
    _l(
        "%(period)s after sending; the text and the whole number or address only until the "
        "message is sent"
    ),
    MESSAGE_LOG,
)
# Limit counters (limits/): how many sign-ins, sign-ups and password checks came lately, per
# address and per ID and address, under a keyed hash of each. The longest window is a day; a
# counter ends with its window, and a member's go at once on withdrawal.
LIMIT_COUNTER_WINDOW = Period(1, "day")
LIMIT_COUNTER_KEPT = Until(
    _l("At most %(period)s, each counter ending with its window; at once on withdrawal"),
    LIMIT_COUNTER_WINDOW,
)

# A request to see, correct, delete or stop the processing of one's data is answered within 10
# days (Enforcement Decree of the Personal Information Protection Act, articles 41, 43 and 44),
# or once 10 days more with a reason the requester is told.
RIGHTS_ANSWER = Period(10, "day")
# How long the link a child's legal representative is sent to give or refuse consent works.
REPRESENTATIVE_LINK = Period(7, "day")
RIGHTS_KEPT = Until(
    _l("%(period)s after the answer (as a record of complaints and requests)"), COMPLAINT_RECORD
)

Kept = Period | Until | Adjustable


@dataclass(frozen=True)
class DataItem:
    key: str  # "<group>.<field>"
    group: str  # consultation | registration | child_registration | reservation | staff | automatic
    field: str | None  # the form field that collects it; None for records made automatically
    label: object
    required: bool
    purpose: object
    retention: Kept
    modes: tuple[str, ...] = BOTH
    sensitive: bool = False  # health information: needs its own consent
    # Records made without consent: the law that asks for them (the policy lists them apart).
    basis: object = None


@dataclass(frozen=True)
class CookieItem:
    name: str
    category: str  # necessary | preferences | analytics
    purpose: object
    lifetime: Kept
    modes: tuple[str, ...] = BOTH


_CONSULT_PURPOSE = _l("Answering the inquiry and contacting the person who asked")
_MEMBER_PURPOSE = _l("Membership: signing in, booking and looking up reservations")
_DESK_PURPOSE = _l(
    "Booking the visit of a patient who phoned or came in, and reaching them about it"
)

ITEMS: tuple[DataItem, ...] = (
    # Consultation board (both modes)
    DataItem(
        "consultation.name",
        "consultation",
        "name",
        _l("Name"),
        True,
        _CONSULT_PURPOSE,
        CONSULTATION,
    ),
    DataItem(
        "consultation.password",
        "consultation",
        "password",
        _l("Password (stored only as a one-way hash)"),
        True,
        _l("Letting only the author open the inquiry"),
        CONSULTATION,
    ),
    DataItem(
        "consultation.mobile",
        "consultation",
        "mobile",
        _l("Mobile phone number"),
        True,
        _CONSULT_PURPOSE,
        CONSULTATION,
    ),
    DataItem(
        "consultation.email",
        "consultation",
        "email",
        _l("Email address"),
        False,
        _l("Answering by email when the author prefers it"),
        CONSULTATION,
    ),
    DataItem(
        "consultation.notify",
        "consultation",
        "notify",
        _l("How to be told of the answer (text message, e-mail or not at all)"),
        False,
        _l("Telling the author that the clinic answered (never the answer itself)"),
        CONSULTATION,
    ),
    DataItem(
        "consultation.title",
        "consultation",
        "title",
        _l("Title of the inquiry"),
        True,
        _CONSULT_PURPOSE,
        CONSULTATION,
    ),
    DataItem(
        "consultation.body",
        "consultation",
        "body",
        _l("Health information described in the inquiry"),
        True,
        _l("Answering the question about symptoms or treatment"),
        CONSULTATION,
        sensitive=True,
    ),
    DataItem(
        "consultation.title_private",
        "consultation",
        "title_private",
        _l("Whether the title is kept out of the public list"),
        False,
        _l("Keeping the title private where the clinic shows titles"),
        CONSULTATION,
    ),
    # Membership (members mode)
    DataItem(
        "registration.name",
        "registration",
        "name",
        _l("Name"),
        True,
        _MEMBER_PURPOSE,
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "registration.username",
        "registration",
        "username",
        _l("Username"),
        True,
        _MEMBER_PURPOSE,
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "registration.password",
        "registration",
        "password",
        _l("Password (stored only as a one-way hash)"),
        True,
        _MEMBER_PURPOSE,
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "registration.phone",
        "registration",
        "phone",
        _l("Another phone number"),
        False,
        _MEMBER_PURPOSE,
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "registration.mobile",
        "registration",
        "mobile",
        _l("Mobile phone number"),
        True,
        _l("Reservation reminders and changes"),
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "registration.email",
        "registration",
        "email",
        _l("Email address"),
        False,
        _l("Clinic news, if the member asks for it; messages about visits, if chosen"),
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "registration.email_opt_in",
        "registration",
        "email_opt_in",
        _l("Whether to receive email"),
        False,
        _l("Clinic news, if the member asks for it"),
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "registration.notify",
        "registration",
        "notify",
        _l("How to be told about visits (text message, KakaoTalk, e-mail or not at all)"),
        False,
        _l("Telling the member of a booking, a change and the reminder the day before"),
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "child_registration.name",
        "child_registration",
        "name",
        _l("Child's name"),
        True,
        _MEMBER_PURPOSE,
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "child_registration.username",
        "child_registration",
        "username",
        _l("Username"),
        True,
        _MEMBER_PURPOSE,
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "child_registration.password",
        "child_registration",
        "password",
        _l("Password (stored only as a one-way hash)"),
        True,
        _MEMBER_PURPOSE,
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "child_registration.guardian_name",
        "child_registration",
        "guardian_name",
        _l("Legal representative's name"),
        True,
        _l("Confirming the legal representative's consent for a child under 14"),
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "child_registration.guardian_mobile",
        "child_registration",
        "guardian_mobile",
        _l("Legal representative's mobile phone number"),
        True,
        _l("Confirming the legal representative's consent for a child under 14"),
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "child_registration.notify",
        "child_registration",
        "notify",
        _l("How the representative is told about visits (text message, KakaoTalk or not at all)"),
        False,
        _l("Telling the legal representative of the child's bookings, changes and reminders"),
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "child_registration.guardian_consent",
        "child_registration",
        "guardian_consent",
        _l("The legal representative's consent, with the date and the policy version"),
        True,
        _l("Showing that a legal representative agreed to a child's membership"),
        MEMBERSHIP,
        MEMBERS,
    ),
    DataItem(
        "reservation.slot",
        "reservation",
        "slot",
        _l("Date and time of the visit"),
        True,
        _l("Booking treatment"),
        RESERVATION_KEPT,
        MEMBERS,
    ),
    DataItem(
        "reservation.service",
        "reservation",
        "service",
        _l("Treatment booked"),
        True,
        _l("Booking treatment"),
        RESERVATION_KEPT,
        MEMBERS,
        sensitive=True,
    ),
    DataItem(
        "reservation.doctor",
        "reservation",
        "doctor",
        _l("Doctor chosen (or any doctor)"),
        False,
        _l("Booking treatment"),
        RESERVATION_KEPT,
        MEMBERS,
    ),
    DataItem(
        "reservation.note",
        "reservation",
        "note",
        _l("Note to the clinic"),
        False,
        _l("Preparing the visit"),
        RESERVATION_KEPT,
        MEMBERS,
        sensitive=True,
    ),
    # A member waiting for a time to free up on a day (members mode)
    DataItem(
        "waitlist.date",
        "waitlist",
        "date",
        _l("Day waited for"),
        True,
        _l("Telling the member when a time frees up on that day"),
        WAITLIST_KEPT,
        MEMBERS,
    ),
    DataItem(
        "waitlist.service",
        "waitlist",
        "service",
        _l("Treatment waited for"),
        True,
        _l("Telling the member when a time frees up on that day"),
        WAITLIST_KEPT,
        MEMBERS,
        sensitive=True,
    ),
    DataItem(
        "waitlist.doctor",
        "waitlist",
        "doctor",
        _l("Doctor chosen (or any doctor)"),
        False,
        _l("Telling the member when a time frees up on that day"),
        WAITLIST_KEPT,
        MEMBERS,
    ),
    # Visits the front desk books for patients who phone or walk in (members mode)
    DataItem(
        "desk_booking.patient_name",
        "desk_booking",
        "patient_name",
        _l("Name of a patient who is not a member"),
        False,
        _DESK_PURPOSE,
        RESERVATION_KEPT,
        MEMBERS,
    ),
    DataItem(
        "desk_booking.patient_mobile",
        "desk_booking",
        "patient_mobile",
        _l("Their mobile phone number"),
        False,
        _DESK_PURPOSE,
        RESERVATION_KEPT,
        MEMBERS,
    ),
    DataItem(
        "desk_booking.notify",
        "desk_booking",
        "notify",
        _l("Whether the caller is told the time by text message"),
        False,
        _DESK_PURPOSE,
        RESERVATION_KEPT,
        MEMBERS,
    ),
    DataItem(
        "desk_booking.slot",
        "desk_booking",
        "slot",
        _l("Date and time of the visit"),
        True,
        _DESK_PURPOSE,
        RESERVATION_KEPT,
        MEMBERS,
    ),  # fmt: skip
    DataItem(
        "desk_booking.service",
        "desk_booking",
        "service",
        _l("Treatment booked"),
        True,
        _DESK_PURPOSE,
        RESERVATION_KEPT,
        MEMBERS,
        sensitive=True,
    ),  # fmt: skip
    DataItem(
        "desk_booking.doctor",
        "desk_booking",
        "doctor",
        _l("Doctor chosen (or any doctor)"),
        False,
        _DESK_PURPOSE,
        RESERVATION_KEPT,
        MEMBERS,
    ),  # fmt: skip
    DataItem(
        "desk_booking.note",
        "desk_booking",
        "note",
        _l("Note to the clinic"),
        False,
        _l("Preparing the visit"),
        RESERVATION_KEPT,
        MEMBERS,
        sensitive=True,
    ),  # fmt: skip
    # Reservation requests from visitors without an account (members mode)
    DataItem(
        "reservation_request.name",
        "reservation_request",
        "name",
        _l("Name"),
        True,
        _l("Calling back about the visit requested"),
        CONSULTATION,
        MEMBERS,
    ),
    DataItem(
        "reservation_request.password",
        "reservation_request",
        "password",
        _l("Password (stored only as a one-way hash)"),
        True,
        _l("Letting only the visitor open the request and its answer"),
        CONSULTATION,
        MEMBERS,
    ),
    DataItem(
        "reservation_request.mobile",
        "reservation_request",
        "mobile",
        _l("Mobile phone number"),
        True,
        _l("Calling back about the visit requested"),
        CONSULTATION,
        MEMBERS,
    ),
    DataItem(
        "reservation_request.email",
        "reservation_request",
        "email",
        _l("Email address"),
        False,
        _l("Answering by email when the visitor prefers it"),
        CONSULTATION,
        MEMBERS,
    ),
    DataItem(
        "reservation_request.notify",
        "reservation_request",
        "notify",
        _l("How to be told of the answer (text message, e-mail or not at all)"),
        False,
        _l("Telling the visitor the time booked or the clinic's answer"),
        CONSULTATION,
        MEMBERS,
    ),
    DataItem(
        "reservation_request.preferred_date",
        "reservation_request",
        "preferred_date",
        _l("Preferred date"),
        True,
        _l("Finding a time for the visit"),
        CONSULTATION,
        MEMBERS,
    ),
    DataItem(
        "reservation_request.preferred_time",
        "reservation_request",
        "preferred_time",
        _l("Preferred time"),
        True,
        _l("Finding a time for the visit"),
        CONSULTATION,
        MEMBERS,
    ),
    DataItem(
        "reservation_request.service",
        "reservation_request",
        "service",
        _l("Treatment asked for"),
        True,
        _l("Finding a time for the visit"),
        CONSULTATION,
        MEMBERS,
        sensitive=True,
    ),
    DataItem(
        "reservation_request.note",
        "reservation_request",
        "note",
        _l("Note to the clinic"),
        False,
        _l("Preparing the visit"),
        CONSULTATION,
        MEMBERS,
        sensitive=True,
    ),
    # Requests to exercise a right (both modes). A member's request names their account instead
    # of a name and a mobile number.
    DataItem(
        "rights_request.name",
        "rights_request",
        "name",
        _l("Name"),
        True,
        _l("Answering the request, after checking who asks"),
        RIGHTS_KEPT,
    ),
    DataItem(
        "rights_request.mobile",
        "rights_request",
        "mobile",
        _l("Mobile phone number"),
        True,
        _l("Calling back to check who asks, and telling them the answer is ready"),
        RIGHTS_KEPT,
    ),
    DataItem(
        "rights_request.details",
        "rights_request",
        "details",
        _l("What the request is about"),
        False,
        _l("Answering the request"),
        RIGHTS_KEPT,
    ),
    # Staff accounts
    DataItem(
        "staff.name",
        "staff",
        "name",
        _l("Staff member's name"),
        True,
        _l("Signing in and the access record"),
        STAFF_ACCOUNT,
    ),
    DataItem(
        "staff.username",
        "staff",
        "username",
        _l("Staff username"),
        True,
        _l("Signing in and the access record"),
        STAFF_ACCOUNT,
    ),
    DataItem(
        "staff.password",
        "staff",
        "password",
        _l("Staff password (stored only as a one-way hash)"),
        True,
        _l("Signing in"),
        STAFF_ACCOUNT,
    ),
    # Records made automatically
    DataItem(
        "automatic.visit_record",
        "automatic",
        None,
        _l("Visit record (IP address, time, page)"),
        True,
        _l("Security and answering lawful requests"),
        VISIT_RECORD,
        basis=_l("Protection of Communications Secrets Act, article 15-2 (keeping visit records)"),
    ),
    DataItem(
        "automatic.sign_in_record",
        "automatic",
        None,
        _l("Sign-in record (identity verification: account, time, IP address)"),
        True,
        _l("Security and answering lawful requests"),
        IDENTITY_RECORD,
        # The same two laws as the policy's list of records (policy/default_*.md).
        basis=_l(
            "Act on Promotion of Information and Communications Network Utilization and "
            "Information Protection (identity-verification records); Personal Information "
            "Protection Act, article 15(1)(2) and article 29 (safety measures: identifying who "
            "signs in)"
        ),
    ),
    DataItem(
        "automatic.access_record",
        "automatic",
        None,
        _l("Access record (which staff member opened which record, and when)"),
        True,
        _l("Showing that personal data is handled only by those who need it"),
        ACCESS_RECORD,
        basis=_l(
            "Personal Information Protection Act, article 29; safety-measure standard, article 8 "
            "(access records)"
        ),
    ),
    DataItem(
        "automatic.consent_record",
        "automatic",
        None,
        _l("Consent record (consent id, choice, policy revision, time)"),
        True,
        _l("Showing that the clinic asked before it set optional cookies"),
        CONSENT_RECORD,
        basis=_l("Personal Information Protection Act, article 22 (showing how consent was asked)"),
    ),
    DataItem(
        "automatic.message_log",
        "automatic",
        None,
        _l(
            "Message log (which kind of message went to which masked number or address, by "
            "text, KakaoTalk or email, and when)"
        ),
        True,
        _l("Telling patients about their visits and answers, and showing that it was done"),
        MESSAGE_LOG_KEPT,
        basis=_l(
            "Personal Information Protection Act, article 15(1)(4) (telling patients about the "
            "visit or answer they asked for)"
        ),
    ),
    DataItem(
        "automatic.access_rights_record",
        "automatic",
        None,
        _l("Access-rights record (who granted, changed or removed which staff member's access)"),
        True,
        _l("Showing that only those who need it had access to personal data"),
        ACCESS_RIGHTS_RECORD,
        basis=_l("Safety-measure standard, article 5 (records of access rights, 3 years)"),
    ),
    DataItem(
        "automatic.limit_counter",
        "automatic",
        None,
        _l(
            "Attempt counters (how many sign-ins, sign-ups and password checks came lately, "
            "under a keyed hash of the ID and the IP address, neither kept in clear)"
        ),
        True,
        _l("Slowing down password guessing, ID probing and mass sign-ups"),
        LIMIT_COUNTER_KEPT,
    ),
    DataItem(
        "automatic.complaint_record",
        "automatic",
        None,
        _l("Destruction log (what was destroyed, when and why; no content)"),
        True,
        _l("Showing that records were destroyed on time and on request; handling complaints"),
        COMPLAINT_RECORD,
        basis=_l(
            "Personal Information Protection Act, article 21 (destruction); Act on Consumer "
            "Protection in Electronic Commerce, article 6 (records of complaints)"
        ),
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
        SESSION_COOKIE_KEPT,
        ("anonymous",),
    ),
    CookieItem(
        "session",
        "necessary",
        _l(
            "Keeps you signed in, opens the inquiry you unlocked, and protects forms "
            "against forgery (CSRF)"
        ),
        MEMBER_SESSION_COOKIE_KEPT,
        MEMBERS,
    ),
    CookieItem(
        "cookie_consent", "necessary", _l("Remembers your cookie choice"), CONSENT_COOKIE_KEPT
    ),
    CookieItem("lang", "preferences", _l("Remembers the language you chose"), LANG_COOKIE_KEPT),
)


@dataclass(frozen=True)
class Processor:
    """A company the clinic entrusts personal data to (위탁), named in the generated policy while
    ``engaged(config)`` says the site uses it."""

    key: str
    name: object
    work: object
    items: object
    engaged: Callable[[Mapping[str, Any]], bool]
    # Who exactly, from the configuration (the mail relay's host, the hosting company's name).
    detail: Callable[[Mapping[str, Any]], str] | None = None

    def label(self, config: Mapping[str, Any]) -> str:
        """The processor's name in the page's language, with what the configuration names."""
        detail = self.detail(config) if self.detail else ""
        return f"{self.name} ({detail})" if detail else str(self.name)


def _solapi(config: Mapping[str, Any]) -> bool:
    return config.get("CLINIC_SMS_PROVIDER") == "solapi"


PROCESSORS: tuple[Processor, ...] = (
    Processor(
        "solapi",
        _l("SOLAPI"),
        _l("Sending text messages and KakaoTalk notifications about visits and answers"),
        _l("Mobile phone number, the message (the clinic's name, a time and a link)"),
        _solapi,
    ),
    Processor(
        "kakao",
        _l("Kakao Corp., through SOLAPI"),
        _l("Delivering KakaoTalk notifications (Alimtalk)"),
        _l("Mobile phone number, the message (the clinic's name, a time and a link)"),
        lambda config: _solapi(config) and bool(config.get("SOLAPI_PFID")),
    ),
)


def _mail_host(config: Mapping[str, Any]) -> str:
    return str(config.get("MAIL_SERVER") or "")


def _hosting(config: Mapping[str, Any]) -> str:
    return str(config.get("HOSTING_PROVIDER") or "")


PROCESSORS += (
    Processor(
        "mail",
        _l("The clinic's e-mail relay"),
        _l("Sending e-mail: notices to patients who chose e-mail, and notices to the clinic"),
        _l("Email address, the message (the clinic's name, a time and a link)"),
        lambda config: bool(_mail_host(config)),
        _mail_host,
    ),
    Processor(
        "hosting",
        _l("The website's hosting provider"),
        _l("Running the server and the database that hold the website's data"),
        _l("Everything the website keeps (section 1), stored on its servers"),
        lambda config: bool(_hosting(config)),
        _hosting,
    ),
)


def processors_for(config: Mapping[str, Any]) -> list[Processor]:
    """The companies the site entrusts personal data to with this configuration."""
    return [processor for processor in PROCESSORS if processor.engaged(config)]


def items_for(mode: str) -> list[DataItem]:
    """What the site collects in ``mode``, in the order the policy lists it."""
    return [item for item in ITEMS if mode in item.modes]


def cookies_for(mode: str) -> list[CookieItem]:
    """The cookies the site may set in ``mode``."""
    return [cookie for cookie in COOKIES if mode in cookie.modes]


@dataclass(frozen=True)
class ConsentNotice:
    """What the law asks to be shown beside a consent box: the items, why, and for how long."""

    items: list[DataItem]
    purposes: list[str]
    retention: list[str]


def consent_notice(group: str, settings, sensitive: bool | None = None) -> ConsentNotice:
    """The notice for a consent to ``group``'s items (only the sensitive ones, or only the others,
    when ``sensitive`` says so), so the form, the policy and the retention rule say the same."""
    items = [
        item
        for item in ITEMS
        if item.group == group and (sensitive is None or item.sensitive == sensitive)
    ]
    return ConsentNotice(
        items=items,
        purposes=list(dict.fromkeys(str(item.purpose) for item in items)),
        retention=list(dict.fromkeys(item.retention.describe(settings) for item in items)),
    )


def form_fields(group: str) -> set[str]:
    """The form field names of ``group`` that the inventory declares."""
    return {item.field for item in ITEMS if item.group == group and item.field}
