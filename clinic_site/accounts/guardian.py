"""The legal representative's consent for a child under 14, confirmed by a method the Enforcement
Decree names (article 17-2): a text message to the representative's mobile with a link to read
what the child's membership collects and consent or refuse, or staff calling them
(``management.confirm_guardian``). The link is signed with the site's key, names the child's
account and the representative's number, works for 7 days, and only while consent is awaited:
once answered, or after staff correct the number, it does nothing."""

from __future__ import annotations

from flask import current_app, request, url_for
from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer

from ..extensions import db
from ..identity.users import normal_username
from ..messages.recipients import recipient
from ..messages.services import tell
from ..platform import clock
from ..platform.passwords import hash_password, verify_password
from ..privacy.inventory import REPRESENTATIVE_LINK
from ..records.services import record_access, record_sign_in
from . import erasure
from .access import by_representative, current_member
from .models import Member
from .services import password_problem

RULE_REFUSED = "the legal representative refused consent"


class _ClinicClock(TimestampSigner):
    """Dates the link by the site's clock (which tests and the operator may set), not the
    machine's."""

    def get_timestamp(self) -> int:
        return int(clock.now().timestamp())


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(
        current_app.config["SECRET_KEY"], salt="representative-consent", signer=_ClinicClock
    )


def link_for(member: Member) -> str:
    token = _signer().dumps([member.id, member.guardian_mobile])
    return url_for("representative.consent", token=token, _external=True)


def ask(member: Member) -> None:
    """Send the representative of a child who just joined the link to answer, by text message
    when the clinic sends them (else staff call, as before)."""
    if member.waiting_for_guardian and member.guardian_mobile:
        tell("representative_consent", recipient("sms", mobile=member.guardian_mobile),
             link=link_for(member), member_id=member.id)  # fmt: skip


def awaiting(token: str) -> Member | None:
    """The child's account the link is for, while its representative's answer is awaited; None
    for a forged, expired or used link, or one sent to a number since corrected."""
    try:
        member_id, mobile = _signer().loads(
            token[:300], max_age=REPRESENTATIVE_LINK.days_from(clock.today()) * 86400
        )
    except (BadSignature, ValueError, TypeError):
        return None
    member = db.session.get(Member, member_id) if isinstance(member_id, int) else None
    if member is None or not member.waiting_for_guardian or member.guardian_mobile != mobile:
        return None
    return member


def consent(member: Member, password: str, ip: str = "") -> None:
    """The representative consented through the link, choosing the password with which they
    sign in for the child: the child may book. Refuses a weak password (AccountRefused)."""
    problem = password_problem(password, member.username, "password")
    if problem is not None:
        raise problem
    member.guardian_password_hash = hash_password(password)
    member.guardian_confirmed_at = clock.now()
    member.guardian_confirmed_how = "link"
    record_access(None, "update", "member", member.id, "representative_consented_by_link", ip)
    db.session.flush()


def authenticate(username: str, password: str, ip: str = "") -> Member | None:
    """The child's account whose representative password this is, else None; an unknown ID
    takes as long as a wrong password. Every attempt is in the sign-in record."""
    member = db.session.scalar(
        db.select(Member).where(
            Member.username == normal_username(username), Member.is_child.is_(True)
        )
    )
    stored = member.guardian_password_hash if member is not None else None
    if member is None or not verify_password(stored, password):
        record_sign_in("member", member.id if member else None, "refused", ip)
        return None
    record_sign_in("member", member.id, "representative", ip)
    return member


def check(member: Member, password: str, ip: str = "") -> bool:
    """The identity check before the representative changes or deletes the child's account."""
    ok = verify_password(member.guardian_password_hash, password or "")
    record_sign_in("member", member.id, "identity_verified" if ok else "identity_refused", ip)
    return ok


def refuse(member: Member, ip: str = "") -> None:
    """The representative refused: the registration is destroyed at once, as a withdrawal."""
    erasure.destroy_member(member, RULE_REFUSED, None, ip)


def record_act(response):
    """After each change the legal representative makes for the child (a POST that succeeded:
    details, a booking, a move, a cancellation), an access-record entry saying it was theirs."""
    if request.method == "POST" and response.status_code in (302, 303) and by_representative():
        member = current_member()
        if member is not None:
            act = f"by_representative:{request.endpoint}"
            record_access(member, "update", "member", member.id, act, request.remote_addr or "")
            db.session.commit()
    return response
