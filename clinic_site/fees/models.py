"""A line of a fee list, and a certificate fee's announced changes (its history too)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..cache.revision import ShownOnPages
from ..extensions import Model
from ..platform.database import UTCDateTime
from ..platform.translated import in_language

KINDS = ("non_covered", "certificate")
# Whether a non-covered price includes materials and drugs: not said, included, charged apart.
MATERIALS = ("", "included", "separate")
PRICE_MAX = 1_000_000_000  # a fee above a billion won is a typing slip


class Fee(ShownOnPages, Model):
    """A line of the non-covered fee list or the certificate fee list: whole won, one price or a
    range, and the day the line last changed (shown beside it, as Korean clinics do)."""

    __tablename__ = "fee"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("price_max IS NULL OR price_max >= price", name="range_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    category: Mapped[str] = mapped_column(String(60), default="")
    code: Mapped[str] = mapped_column(String(20), default="")
    materials: Mapped[str] = mapped_column(String(10), default="")
    # A certificate's item of the Ministry's notice (notice_items.json), which sets its cap.
    item: Mapped[str | None] = mapped_column(String(40), nullable=True)
    price: Mapped[int]
    price_max: Mapped[int | None] = mapped_column(nullable=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    def label(self, lang: str) -> str:
        return in_language(self.name, self.name_en, lang)


class FeeChange(ShownOnPages, Model):
    """A certificate fee's new price, announced on ``announced_on`` to apply from ``starts_on``
    (at least 14 days later). Past changes are the line's history."""

    __tablename__ = "fee_change"
    __table_args__ = (
        Index("ix_fee_change_fee_id", "fee_id"),
        CheckConstraint("price >= 0", name="change_price_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    fee_id: Mapped[int] = mapped_column(ForeignKey("fee.id", ondelete="CASCADE"))
    price: Mapped[int]
    price_max: Mapped[int | None] = mapped_column(nullable=True)
    # The price it replaces, kept for the history once the change applies.
    previous_price: Mapped[int]
    previous_price_max: Mapped[int | None] = mapped_column(nullable=True)
    announced_on: Mapped[date] = mapped_column(Date)
    starts_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
