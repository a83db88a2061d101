"""Bookable services, the booking rules, reservations and the slot seats that keep capacity, and
requests from visitors without an account."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Date, ForeignKey, Index, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime
from ..extensions import Model
from ..revision import shown_on_pages

# requested: waiting for staff to confirm; confirmed; cancelled (by the member or staff);
# declined (a request staff could not take); completed; no_show.
STATUSES = ("requested", "confirmed", "cancelled", "declined", "completed", "no_show")
HOLDING = ("requested", "confirmed")  # statuses that keep their slot


@shown_on_pages
class BookingSettings(Model):
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


@shown_on_pages
class Service(Model):
    """A treatment that can be booked, and how many slots it takes."""

    __tablename__ = "service"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_ko: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(80), default="")
    slots: Mapped[int] = mapped_column(default=1)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def name(self, lang: str) -> str:
        return (self.name_en if lang == "en" and self.name_en else self.name_ko) or self.name_ko


class ReservationRequest(Model):
    """A visitor without an account asks for a day and time; staff call back and book it or
    decline it. It holds no slot. Opened with its password, like a consultation."""

    __tablename__ = "reservation_request"
    __table_args__ = (
        Index("ix_reservation_request_created_at", "created_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    password_hash: Mapped[str] = mapped_column(String(255))
    mobile: Mapped[str] = mapped_column(String(13))
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    service_id: Mapped[int | None] = mapped_column(
        ForeignKey("service.id", ondelete="SET NULL"), nullable=True
    )
    preferred_date: Mapped[date] = mapped_column(Date)
    preferred_time: Mapped[time] = mapped_column(Time)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    consent_policy_version: Mapped[int | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # new | booked | declined | withdrawn
    status: Mapped[str] = mapped_column(String(10), default="new")
    answer: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The start of the retention period, as for a consultation's last reply.
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    answered_by: Mapped[str] = mapped_column(String(60), default="")


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
