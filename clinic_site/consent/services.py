"""Recording a visitor's cookie choice under the policy version in effect, and the consent ids that
name one browser's choices."""

from __future__ import annotations

import secrets

from ..policy.services import consent_version
from ..records.models import ConsentRecord
from ..records.services import record_consent

CHOICES = ("all", "necessary", "custom")


def new_consent_id() -> str:
    """A random id that names one browser's consent and nothing else about the visitor."""
    return secrets.token_urlsafe(12)


def record_choice(
    consent_id: str, choice: str, preferences: bool, analytics: bool, revision: int
) -> ConsentRecord:
    """Add a consent record for ``consent_id``; it names the cookie revision and the policy version
    in effect. Promises: nothing about the visitor beyond the choice is stored."""
    if choice not in CHOICES:
        raise ValueError(f"unknown choice {choice!r}")
    return record_consent(consent_id, choice, preferences, analytics, revision, consent_version())
