"""Policy versions. Once stored, a version's text and dates never change; only a withdrawal (before
it takes effect) may be added to it."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import Date, ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from ..cache.revision import ShownOnPages
from ..extensions import Model, db
from ..platform.database import UTCDateTime
from .refusals import PolicyImmutable

# Columns that make up what was announced: "announced versions never change" covers them.
FROZEN = (
    "number", "body_ko", "body_en", "summary", "announced_on", "effective_on", "origin",
    "translation_of",
)  # fmt: skip


class PolicyVersion(ShownOnPages, Model):
    __tablename__ = "policy_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    # The text in Korean and in English (Markdown); a version has at least one of them.
    body_ko: Mapped[str | None] = mapped_column(Text, nullable=True)
    body_en: Mapped[str | None] = mapped_column(Text, nullable=True)
    summary: Mapped[str] = mapped_column(String(500))
    announced_on: Mapped[date] = mapped_column(Date)
    effective_on: Mapped[date] = mapped_column(Date, index=True)
    # "editor" (announced by the owner), "import" (history brought over) or "default" (first run).
    origin: Mapped[str] = mapped_column(String(10))
    # Which version's text (in the clinic's language) the translation translates: this version's
    # own number when the translation was brought up to date, an earlier one when the owner
    # changed the text and kept the translation as it was; None without a translation.
    translation_of: Mapped[int | None] = mapped_column(nullable=True)
    announced_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # This version adds a purpose, or an item to something collected with consent: each member
    # who agreed under an earlier version is asked again at their next sign-in.
    asks_consent_again: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    withdrawn_reason: Mapped[str | None] = mapped_column(String(500), nullable=True)

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def stale_translation(self, lang: str, main: str) -> int | None:
        """When the text in ``lang`` is a translation of an earlier version (the clinic changed
        the text in ``main``, its own language, and kept the translation), that version's
        number; else None."""
        if lang == main or not (self.body_ko if lang == "ko" else self.body_en):
            return None
        if self.translation_of is not None and self.translation_of != self.number:
            return self.translation_of
        return None

    def text_for(self, lang: str) -> tuple[str, str]:
        """The Markdown in ``lang`` when there is one, else in the other language: (text, lang)."""
        other = "en" if lang == "ko" else "ko"
        mine = self.body_ko if lang == "ko" else self.body_en
        if mine:
            return mine, lang
        theirs = self.body_ko if other == "ko" else self.body_en
        return theirs or "", other


@event.listens_for(PolicyVersion, "before_update")
def _refuse_changes(mapper, connection, target: PolicyVersion) -> None:
    # A last line of defence under the services: no code path may rewrite what was announced.
    state = db.inspect(target)
    for name in FROZEN:
        if state.attrs[name].history.has_changes():
            raise PolicyImmutable("announced", number=target.number)
