"""The legal representative's consent for a child under 14, confirmed by a method the Enforcement
Decree names (article 17-2): a text message to the representative's mobile with a link to read
what the child's membership collects and consent or refuse, or staff calling them
(``management.confirm_guardian``). The link is signed with the site's key, names the child's
account and the representative's number, works for 7 days, and only while consent is awaited:
once answered, or after staff correct the number, it does nothing."""

from __future__ import annotations

from flask import current_app, url_for
from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer

from ..extensions import db
from ..messages.recipients import recipient
from ..messages.services import tell
from ..platform import clock
from ..privacy.inventory import REPRESENTATIVE_LINK
from ..records.services import record_access
from . import erasure
from .models import Member

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
    return url_for("accounts.representative", token=token, _external=True)


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


def consent(member: Member, ip: str = "") -> None:
    """The representative consented through the link: the child may book."""
    member.guardian_confirmed_at = clock.now()
    member.guardian_confirmed_how = "link"
    record_access(None, "update", "member", member.id, "representative_consented_by_link", ip)
    db.session.flush()


def refuse(member: Member, ip: str = "") -> None:
    """The representative refused: the registration is destroyed at once, as a withdrawal."""
    erasure.destroy_member(member, RULE_REFUSED, None, ip)
