"""The clinic's own details, kept in one row and edited by the owner."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..cache.revision import ShownOnPages
from ..extensions import Model
from ..platform.database import UTCDateTime
from ..privacy.inventory import BACKUP_KEPT, CONSULTATION


class ClinicSettings(ShownOnPages, Model):
    __tablename__ = "clinic_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    opening_hours: Mapped[str] = mapped_column(Text, default="")
    privacy_manager_name: Mapped[str] = mapped_column(String(60), default="")
    privacy_manager_position: Mapped[str] = mapped_column(String(60), default="")
    privacy_manager_phone: Mapped[str] = mapped_column(String(30), default="")
    privacy_manager_email: Mapped[str] = mapped_column(String(254), default="")
    show_consultation_titles: Mapped[bool] = mapped_column(default=False)
    consultation_retention_days: Mapped[int] = mapped_column(default=CONSULTATION.default)
    cookie_revision: Mapped[int] = mapped_column(default=1)
    analytics_snippet: Mapped[str] = mapped_column(Text, default="")
    closed_on_public_holidays: Mapped[bool] = mapped_column(default=True)
    # English versions, shown on English pages when the owner wrote them.
    clinic_name_en: Mapped[str] = mapped_column(String(100), default="")
    address_en: Mapped[str] = mapped_column(String(200), default="")
    opening_hours_en: Mapped[str] = mapped_column(Text, default="")
    privacy_manager_name_en: Mapped[str] = mapped_column(String(60), default="")
    privacy_manager_position_en: Mapped[str] = mapped_column(String(60), default="")
    # What Korean clinic sites show in the footer: the representative (대표자) and the business
    # registration number (사업자등록번호, written 123-45-67890).
    representative: Mapped[str] = mapped_column(String(60), default="")
    representative_en: Mapped[str] = mapped_column(String(60), default="")
    business_number: Mapped[str] = mapped_column(String(12), default="")
    # Where Korean patients reach a clinic besides the phone: plain links, nothing loaded.
    kakao_channel_url: Mapped[str] = mapped_column(String(200), default="")
    naver_place_url: Mapped[str] = mapped_column(String(200), default="")
    social_url: Mapped[str] = mapped_column(String(200), default="")
    # Whether the clinic sends private insurance claim documents through 실손24.
    silson24: Mapped[bool] = mapped_column(default=False)
    # Backups older than this are destroyed by the purge (the policy states it).
    backup_retention_days: Mapped[int] = mapped_column(default=BACKUP_KEPT.default)
    # The setup list's step for the week: done once the owner has saved it (a first start fills
    # one in, which nobody has looked at yet).
    hours_checked: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
