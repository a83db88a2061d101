"""Reservations and the slot seats that keep capacity. The treatments and the owner's booking rules
are ``setup/models.py``; visitors' requests ``requests/models.py``."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ..platform.database import UTCDateTime
from .statuses import HOLDING


class Reservation(Model):
    __tablename__ = "reservation"
    __table_args__ = (
        Index("ix_reservation_day", "day"),
        Index("ix_reservation_starts_at", "starts_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # A member's booking, or one staff made from a visitor's request.
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), nullable=True, index=True
    )
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("reservation_request.id", ondelete="CASCADE"), nullable=True, index=True
    )
    service_id: Mapped[int | None] = mapped_column(
        ForeignKey("service.id", ondelete="SET NULL"), nullable=True
    )
    doctor_id: Mapped[int | None] = mapped_column(
        ForeignKey("doctor.id", ondelete="SET NULL"), nullable=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    day: Mapped[date] = mapped_column(Date)  # the clinic's date of the visit
    status: Mapped[str] = mapped_column(String(12))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # A patient who is not a member, booked by the front desk (a phone call, a walk-in): their
    # name and mobile, kept and destroyed with the visit.
    patient_name: Mapped[str | None] = mapped_column(String(50), nullable=True)
    patient_mobile: Mapped[str | None] = mapped_column(String(13), nullable=True)
    # Whether a caller booked by the desk is told by text message ("sms") or not ("none").
    notify: Mapped[str | None] = mapped_column(String(8), nullable=True)
    # Staff who booked it on a member's behalf (a phone call), if any.
    booked_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL"), nullable=True
    )
    # The last change of status: when, and by whom ("member" or a staff member's name).
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    changed_by: Mapped[str] = mapped_column(String(60), default="")
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    holds: Mapped[list[SlotHold]] = relationship(
        back_populates="reservation", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def holds_slot(self) -> bool:
        return self.status in HOLDING


class SlotHold(Model):
    """One seat of one slot of one doctor, held by a reservation. Capacity lives in the unique
    constraints: a seat number runs from 1 to the slots' capacity and each (doctor, slot, seat)
    exists once, so two bookings can never take the same seat, however many arrive at once; and
    a member holds each slot once, so no one is booked twice at the same time."""

    __tablename__ = "slot_hold"
    __table_args__ = (
        UniqueConstraint("doctor_id", "starts_at", "seat", name="uq_slot_hold_seat"),
        UniqueConstraint("member_id", "starts_at", name="uq_slot_hold_member"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reservation_id: Mapped[int] = mapped_column(
        ForeignKey("reservation.id", ondelete="CASCADE"), index=True
    )
    doctor_id: Mapped[int] = mapped_column(ForeignKey("doctor.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seat: Mapped[int]
    member_id: Mapped[int | None] = mapped_column(nullable=True)

    reservation: Mapped[Reservation] = relationship(back_populates="holds")
