"""What the owner sets up for booking: the treatments that can be booked and the booking rules."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ...cache.revision import ShownOnPages
from ...extensions import Model
from ...platform.translated import in_language


class BookingSettings(ShownOnPages, Model):
    """The owner's booking rules, one row."""

    __tablename__ = "booking_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_minutes: Mapped[int] = mapped_column(default=30)
    per_slot: Mapped[int] = mapped_column(default=1)  # patients per doctor and slot
    horizon_days: Mapped[int] = mapped_column(default=30)
    notice_minutes: Mapped[int] = mapped_column(default=120)
    cancel_hours: Mapped[int] = mapped_column(default=24)  # a member cancels until then
    confirm_at_once: Mapped[bool] = mapped_column(default=True)
    guest_requests: Mapped[bool] = mapped_column(default=True)
    # The setup list's step "what patients can book": done once the owner has saved a treatment
    # to book, added one from the website's, or kept the list as it is.
    booking_checked: Mapped[bool] = mapped_column(default=False)


class Service(ShownOnPages, Model):
    """A treatment that can be booked, and how many slots it takes."""

    __tablename__ = "service"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_ko: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(80), default="")
    slots: Mapped[int] = mapped_column(default=1)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def name(self, lang: str) -> str:
        return in_language(self.name_ko, self.name_en, lang)
