"""The staff second factor: time-based one-time codes (TOTP) from an authenticator app."""

from __future__ import annotations

import hashlib
import secrets

import pyotp
import segno

from ..extensions import db
from ..platform import clock
from ..platform.database import affected
from .models import RecoveryCode, StaffUser

ISSUER = "clinic_site"
STEP_SECONDS = 30
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, username: str, clinic_name: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=clinic_name or ISSUER)


def qr_data_uri(uri: str) -> str:
    """The enrolment QR code as an SVG data URI: drawn here, loaded from no other host."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


def _matching_step(secret: str, code: str) -> int | None:
    """The time step whose code ``code`` is, allowing one step of clock drift either way."""
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = clock.now()
    current = int(now.timestamp()) // STEP_SECONDS
    for step in (current, current - 1, current + 1):
        if pyotp.utils.strings_equal(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def start_enrolment(user: StaffUser) -> str:
    """The secret the user's app should hold; made once (by a POST: showing the page changes
    nothing) and kept until enrolment completes."""
    if user.totp_secret is None:
        # Two first visits at once: only the first secret is kept, and both pages show it.
        db.session.execute(
            db.update(StaffUser)
            .where(StaffUser.id == user.id, StaffUser.totp_secret.is_(None))
            .values(totp_secret=new_secret())
        )
        db.session.refresh(user)
    assert user.totp_secret is not None  # set just above, by this request or the other
    return user.totp_secret


def complete_enrolment(user: StaffUser, code: str) -> bool:
    """Finish enrolment if ``code`` proves the app holds the user's secret."""
    step = _matching_step(user.totp_secret or "", code) if user.totp_secret else None
    if step is None:
        return False
    user.totp_last_step = step
    return True


def verify(user: StaffUser, code: str) -> bool:
    """Whether ``code`` is the user's current code and has not been used before."""
    if not user.has_second_factor or user.totp_secret is None:
        return False
    step = _matching_step(user.totp_secret, code)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True


def _digest(code: str) -> str:
    normal = "".join(code.lower().split()).replace("-", "")
    return hashlib.sha256(normal.encode()).hexdigest()


def new_recovery_codes(user: StaffUser) -> list[str]:
    """Ten fresh recovery codes ("abcde-fghjk") for ``user``, replacing any earlier ones. They
    are returned once, to be shown once; only their digests are kept."""
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.staff_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        db.session.add(RecoveryCode(staff_id=user.id, digest=_digest(raw)))
    db.session.flush()
    return codes


def use_recovery_code(user: StaffUser, code: str) -> bool:
    """Spend one of the user's unused recovery codes, if ``code`` is one. Two requests with the
    same code at once: the update lets only one of them spend it."""
    spend = (
        db.update(RecoveryCode)
        .where(
            RecoveryCode.staff_id == user.id,
            RecoveryCode.digest == _digest(code),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=clock.now())
    )
    return affected(db.session, spend) == 1


def recovery_codes_left(user: StaffUser) -> int:
    return (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(RecoveryCode)
            .where(RecoveryCode.staff_id == user.id, RecoveryCode.used_at.is_(None))
        )
        or 0
    )
