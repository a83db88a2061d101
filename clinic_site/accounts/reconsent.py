"""Consent asked again: when a policy version that adds a purpose, or an item to something
collected with consent, takes effect (``PolicyVersion.asks_consent_again``), each member who
agreed under an earlier version is asked at their next sign-in. Agreeing moves their consent to
the new version; refusing keeps the old terms, and the new use does not apply to them (a feature
that adds such a use checks ``agreed_to``). The access record names both versions."""

from __future__ import annotations

from ..extensions import db
from ..platform import clock
from ..policy.models import PolicyVersion
from ..records.services import record_access
from .models import Member


def asked(member: Member) -> PolicyVersion | None:
    """The newest version in effect that asks ``member`` to agree again, or None."""
    answered = max(member.consent_policy_version or 0, member.consent_refused_version or 0)
    return db.session.scalar(
        db.select(PolicyVersion)
        .where(
            PolicyVersion.asks_consent_again.is_(True),
            PolicyVersion.withdrawn_at.is_(None),
            PolicyVersion.effective_on <= clock.today(),
            PolicyVersion.number > answered,
        )
        .order_by(PolicyVersion.number.desc())
        .limit(1)
    )


def agreed_to(member: Member, number: int) -> bool:
    """Whether the member agreed under version ``number`` or a later one (a use it added may
    apply to them)."""
    return (member.consent_policy_version or 0) >= number


def agree(member: Member, version: PolicyVersion, ip: str = "") -> None:
    before = member.consent_policy_version or 0
    member.consent_policy_version = version.number
    member.agreed_at = clock.now()
    record_access(member, "update", "member", member.id,
                  f"consent_renewed:{before}>{version.number}", ip)  # fmt: skip
    db.session.flush()


def refuse(member: Member, version: PolicyVersion, ip: str = "") -> None:
    member.consent_refused_version = version.number
    record_access(member, "update", "member", member.id,
                  f"consent_refused:{member.consent_policy_version or 0}>{version.number}",
                  ip)  # fmt: skip
    db.session.flush()
