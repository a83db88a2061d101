"""The clinic's own pages: texts the owner writes (greeting, directions, parking), treatments,
notices, and images. Texts are Markdown, in Korean with an
optional English version."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..cache.revision import ShownOnPages
from ..extensions import Model
from ..platform.database import UTCDateTime
from ..platform.translated import in_language

# The owner's texts: the line under the home page's heading, the director's greeting, directions,
# parking, private insurance claims (on the fee page), and (members mode) the terms of use.
TEXT_KEYS = ("slogan", "greeting", "transit", "parking", "insurance", "terms")


class PageText(ShownOnPages, Model):
    """One of the owner's texts, by key: the director's greeting, directions, parking."""

    __tablename__ = "page_text"

    key: Mapped[str] = mapped_column(String(20), primary_key=True)
    body_ko: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    def body(self, lang: str) -> str:
        return in_language(self.body_ko, self.body_en, lang)


class Treatment(ShownOnPages, Model):
    __tablename__ = "treatment"

    id: Mapped[int] = mapped_column(primary_key=True)
    title_ko: Mapped[str] = mapped_column(String(100))
    title_en: Mapped[str] = mapped_column(String(120), default="")
    body_ko: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    def title(self, lang: str) -> str:
        return in_language(self.title_ko, self.title_en, lang)

    def body(self, lang: str) -> str:
        return in_language(self.body_ko, self.body_en, lang)


class Notice(ShownOnPages, Model):
    __tablename__ = "notice"
    __table_args__ = (Index("ix_notice_published_at", "published_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title_ko: Mapped[str] = mapped_column(String(150))
    title_en: Mapped[str] = mapped_column(String(180), default="")
    body_ko: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    def title(self, lang: str) -> str:
        return in_language(self.title_ko, self.title_en, lang)

    def body(self, lang: str) -> str:
        return in_language(self.body_ko, self.body_en, lang)


class Image(ShownOnPages, Model):
    """An image the owner uploaded, re-encoded by the site and stored under the instance folder
    with a random name; ``kind`` is "clinic" (the clinic's photos) or "doctor"."""

    __tablename__ = "image"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(64), unique=True)
    mimetype: Mapped[str] = mapped_column(String(20))
    width: Mapped[int]
    height: Mapped[int]
    alt_ko: Mapped[str] = mapped_column(String(200))
    alt_en: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(10), default="clinic")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    def alt(self, lang: str) -> str:
        return in_language(self.alt_ko, self.alt_en, lang)
