"""The staff second factor: time-based one-time codes (TOTP) from an authenticator app."""

from __future__ import annotations

import pyotp
import segno

from .. import clock
from ..extensions import db
from .models import StaffUser

ISSUER = "clinic_site"
STEP_SECONDS = 30


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
    """The secret the user's app should hold; made once and kept until enrolment completes."""
    if user.totp_secret is None:
        # Two first visits at once: only the first secret is kept, and both pages show it.
        db.session.execute(
            db.update(StaffUser)
            .where(StaffUser.id == user.id, StaffUser.totp_secret.is_(None))
            .values(totp_secret=new_secret())
        )
        db.session.refresh(user)
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
    if not user.has_second_factor:
        return False
    step = _matching_step(user.totp_secret, code)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True
