"""The clinic's own facts that pages and bookings share: its doctors, its week (opening hours with
a lunch break) and the days it is closed."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Date, ForeignKey, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from ..cache.revision import ShownOnPages
from ..extensions import Model
from ..platform.database import UTCDateTime
from ..platform.translated import in_language, name_in_language

WEEKDAYS = range(7)  # Monday 0 … Sunday 6, as datetime.weekday() counts


class Doctor(ShownOnPages, Model):
    __tablename__ = "doctor"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_ko: Mapped[str] = mapped_column(String(50))
    name_en: Mapped[str] = mapped_column(String(80), default="")
    position: Mapped[int] = mapped_column(default=0)  # the order the owner chose
    active: Mapped[bool] = mapped_column(default=True)
    # What the About page says of the doctor: title ("원장"), specialties, career (Markdown).
    title_ko: Mapped[str] = mapped_column(String(60), default="")
    title_en: Mapped[str] = mapped_column(String(80), default="")
    specialties_ko: Mapped[str] = mapped_column(String(200), default="")
    specialties_en: Mapped[str] = mapped_column(String(200), default="")
    career_ko: Mapped[str] = mapped_column(Text, default="")
    career_en: Mapped[str] = mapped_column(Text, default="")
    photo_id: Mapped[int | None] = mapped_column(
        ForeignKey("image.id", ondelete="SET NULL"), nullable=True
    )
    # The doctor a first start makes so that booking works at once: kept off the public pages
    # until the owner saves the doctor's real name.
    placeholder: Mapped[bool] = mapped_column(default=False)

    def name(self, lang: str) -> str:
        return name_in_language(self.name_ko, self.name_en, lang)

    def career_lines(self, lang: str) -> list[str]:
        """The career as the list the owner typed, one item per line (a leading "-" or "·" the
        owner may have typed is dropped)."""
        lines = (
            line.strip().lstrip("-·•*").strip() for line in self.text("career", lang).split("\n")
        )
        return [line for line in lines if line]

    def text(self, field: str, lang: str) -> str:
        """``field`` (title, specialties, career) in ``lang``, or in Korean when not written."""
        return in_language(getattr(self, f"{field}_ko"), getattr(self, f"{field}_en"), lang)


class OpeningHours(ShownOnPages, Model):
    """One weekday of the clinic's week. Closed days have no times."""

    __tablename__ = "opening_hours"

    weekday: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    opens: Mapped[time | None] = mapped_column(Time, nullable=True)
    closes: Mapped[time | None] = mapped_column(Time, nullable=True)
    lunch_from: Mapped[time | None] = mapped_column(Time, nullable=True)
    lunch_to: Mapped[time | None] = mapped_column(Time, nullable=True)

    @property
    def closed(self) -> bool:
        return self.opens is None or self.closes is None


class DoctorHours(ShownOnPages, Model):
    """The weekdays (and hours, within the clinic's) a doctor works. A doctor without any row
    works whenever the clinic is open."""

    __tablename__ = "doctor_hours"

    doctor_id: Mapped[int] = mapped_column(
        ForeignKey("doctor.id", ondelete="CASCADE"), primary_key=True
    )
    weekday: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    starts: Mapped[time] = mapped_column(Time)
    ends: Mapped[time] = mapped_column(Time)


class ClosedDay(ShownOnPages, Model):
    """A day the clinic is closed besides its weekly closed days and public holidays: a holiday
    of its own, a training day. The reason, if given, is shown to patients."""

    __tablename__ = "closed_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    reason_ko: Mapped[str] = mapped_column(String(100), default="")
    reason_en: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    def reason(self, lang: str) -> str:
        return in_language(self.reason_ko, self.reason_en, lang)
