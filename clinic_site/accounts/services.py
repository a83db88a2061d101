"""Joining, signing in, proving who you are, and changing your details and password.

Services take what the person typed (already shaped by the forms) and the acting member; they never
read the request. Every sign-in and every identity check goes into the sign-in record, kept for
the period the inventory states.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..identity.users import normal_username
from ..messages.kinds import CHOICES
from ..platform import clock
from ..platform.passwords import hash_password, verify_password
from ..policy.services import consent_version
from ..records.services import record_sign_in
from .models import Member, new_session_token
from .refusals import AccountRefused

USERNAME = re.compile(r"^[A-Za-z0-9_]{4,20}$")
MIN_PASSWORD = 10


@cache
def _common_passwords() -> frozenset[str]:
    text = files(__package__).joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def password_problem(
    password: str, username: str, field: str = "password"
) -> AccountRefused | None:
    """Why ``password`` would not protect the account of ``username``, or None when it will do:
    at least 10 characters, not the ID, not on the list of passwords too common to be safe."""
    if len(password) < MIN_PASSWORD:
        return AccountRefused("password_short", field, n=MIN_PASSWORD)
    lowered = password.lower()
    if username and lowered == username.lower():
        return AccountRefused("password_is_id", field)
    if lowered in _common_passwords():
        return AccountRefused("password_common", field)
    return None


def username_taken(username: str) -> bool:
    return (
        db.session.scalar(db.select(Member.id).where(Member.username == normal_username(username)))
        is not None
    )


def _check_new(username: str, password: str) -> str:
    username = normal_username(username)
    if not USERNAME.match(username):
        raise AccountRefused("username_shape", "username")
    if username_taken(username):
        raise AccountRefused("username_taken", "username")
    problem = password_problem(password, username)
    if problem is not None:
        raise problem
    return username


def register_adult(
    *,
    name: str,
    username: str,
    password: str,
    phone: str,
    mobile: str,
    email: str | None,
    email_opt_in: bool,
    notify: str | None = None,
) -> Member:
    """A new member aged 14 or over, who agreed under the privacy-policy version in effect.
    Email news only with an email address to send it to. ``notify``: how they are told about
    their visits (messages.kinds.CHOICES; by text message unless they chose otherwise)."""
    username = _check_new(username, password)
    now = clock.now()
    member = Member(
        username=username,
        name=name,
        password_hash=hash_password(password),
        phone=phone or None,
        mobile=mobile,
        email=email or None,
        email_opt_in=bool(email and email_opt_in),
        notify=_notify(notify, CHOICES),
        consent_policy_version=consent_version(),
        agreed_at=now,
        created_at=now,
    )
    return _add(member)


def register_child(
    *,
    name: str,
    username: str,
    password: str,
    guardian_name: str,
    guardian_mobile: str,
    notify: str | None = None,
) -> Member:
    """A new member under 14, joined with the legal representative's consent. The account waits
    for staff to confirm the representative before it can book. Its messages go to the
    representative's mobile (``notify``: by text, KakaoTalk or not at all), never to an
    address of the child's."""
    username = _check_new(username, password)
    now = clock.now()
    member = Member(
        username=username,
        name=name,
        password_hash=hash_password(password),
        is_child=True,
        guardian_name=guardian_name,
        guardian_mobile=guardian_mobile,
        notify=_notify(notify, CHILD_CHOICES),
        consent_policy_version=consent_version(),
        agreed_at=now,
        created_at=now,
    )
    return _add(member)


def _add(member: Member) -> Member:
    db.session.add(member)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:
        # Two people chose the same ID at the same moment: the unique index keeps one.
        raise AccountRefused("username_taken", "username") from exc
    return member


def verify_identity(member: Member, password: str, ip: str = "") -> bool:
    """Whether ``password`` is the member's: the identity check before a change or withdrawal.
    Each check is an identity-verification record."""
    ok = verify_password(member.password_hash, password or "")
    record_sign_in("member", member.id, "identity_verified" if ok else "identity_refused", ip)
    return ok


def change_details(
    member: Member,
    *,
    phone: str | None,
    mobile: str | None,
    email: str | None,
    email_opt_in: bool,
    notify: str | None = None,
    representative: bool = False,
) -> Member:
    """Change the contact details an adult member gave. A child cannot add an e-mail address,
    news or a way of being told: the legal representative consented to none of it. The
    representative, signed in for the child (``representative``), may, with their own consent
    given by doing so; a child has no phone numbers of their own either way."""
    if member.is_child and not representative:
        return member
    if not member.is_child:
        member.phone = phone or member.phone
        member.mobile = mobile or member.mobile
    member.email = email or None
    member.email_opt_in = bool(member.email and email_opt_in)
    if notify:
        member.notify = _notify(notify, CHOICES)
    db.session.flush()
    return member


# A child's messages go to the representative's mobile: there is no e-mail to choose.
CHILD_CHOICES = ("sms", "kakao", "none")


def _notify(choice: str | None, allowed: tuple[str, ...]) -> str:
    """A ``notify`` choice the member may make; by text message when none was made."""
    return choice if choice in allowed else "sms"


def change_password(member: Member, new_password: str, representative: bool = False) -> Member:
    """Set a new password (with ``representative``, the legal representative's own, not the
    child's) and end every other session of the account (the caller signs this one in again)."""
    problem = password_problem(new_password, member.username, "new_password")
    if problem is not None:
        raise problem
    if representative:
        member.guardian_password_hash = hash_password(new_password)
    else:
        member.password_hash = hash_password(new_password)
    member.session_token = new_session_token()
    db.session.flush()
    return member


def sign_out_everywhere(member: Member) -> None:
    """End every session of the member: each browser's cookie names the old token."""
    member.session_token = new_session_token()
    db.session.flush()
