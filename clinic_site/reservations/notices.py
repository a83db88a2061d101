"""Mail to members about their reservations: the confirmation, with a calendar file, and the
reminder the day before. Like every notice of the site they carry no health information: the
date, the time, the clinic and a link; never the treatment, never the note."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale, format_datetime
from flask_babel import gettext as _
from icalendar import Calendar, Event

from ..accounts.models import Member
from ..extensions import db
from ..platform import clock
from ..platform.database import affected
from ..platform.mail import Attachment, configured, send_mail
from ..settings.queries import get_settings
from .models import Reservation


def calendar_file(reservation: Reservation) -> bytes:
    """An iCalendar (RFC 5545) event for the visit, made with the maintained icalendar library."""
    clinic = get_settings()
    calendar = Calendar()
    calendar.add("prodid", "-//clinic_site//reservations//EN")
    calendar.add("version", "2.0")
    event = Event()
    host = current_app.config.get("SERVER_NAME") or "clinic"
    event.add("uid", f"reservation-{reservation.id}@{host}")
    event.add("dtstamp", clock.now())
    event.add("dtstart", reservation.starts_at)
    event.add("dtend", reservation.ends_at)
    event.add("summary", clinic.clinic_name)
    if clinic.address:
        event.add("location", clinic.address)
    link = _link()
    if link:
        event.add("url", link)
    calendar.add_component(event)
    return calendar.to_ical()


def _link() -> str | None:
    """Where members see their reservations: from the request being answered, or, for the CLI's
    reminders, from SITE_URL (the site's public address); None when neither says."""
    if has_request_context():
        return url_for("reservations.index", _external=True)
    site = current_app.config.get("SITE_URL")
    return f"{site.rstrip('/')}/reservations" if site else None


def _when(reservation: Reservation) -> str:
    return format_datetime(clock.to_local(reservation.starts_at), "full")


def _recipient(reservation: Reservation) -> str | None:
    member = db.session.get(Member, reservation.member_id) if reservation.member_id else None
    return member.email if member is not None else None


def send_confirmation(reservation: Reservation) -> bool:
    """Mail the member that the visit is booked, with the calendar file; False when the member
    gave no email or mail is not set up."""
    to = _recipient(reservation)
    if not to or not configured():
        return False
    link = _link() or ""
    with force_locale(current_app.config["CLINIC_LANGUAGE"]):
        name = get_settings().clinic_name
        subject = _("Your visit to %(clinic)s is booked", clinic=name)
        text = _(
            "Your visit to %(clinic)s on %(when)s is booked. See or cancel it here: %(link)s",
            clinic=name,
            when=_when(reservation),
            link=link,
        )
    ics = Attachment("visit.ics", calendar_file(reservation), "text", "calendar")
    return send_mail(to, subject, text + "\n", attachments=(ics,))


def send_reminders(now: datetime | None = None) -> int:
    """Mail tomorrow's confirmed visits (clinic date) a reminder, once: each reservation is
    claimed by setting ``reminder_sent_at`` before its mail goes out, so a second run, even one
    running at the same moment, sends nothing twice. Returns how many were sent."""
    now = now or clock.now()
    tomorrow = clock.to_local(now).date() + timedelta(days=1)
    ids = list(
        db.session.scalars(
            db.select(Reservation.id).where(
                Reservation.day == tomorrow,
                Reservation.status == "confirmed",
                Reservation.member_id.is_not(None),
                Reservation.reminder_sent_at.is_(None),
            )
        )
    )
    sent = 0
    for reservation_id in ids:
        claimed = affected(
            db.session,
            db.update(Reservation)
            .where(Reservation.id == reservation_id, Reservation.reminder_sent_at.is_(None))
            .values(reminder_sent_at=now),
        )
        db.session.commit()
        if not claimed:
            continue  # another run took it
        reservation = db.session.get(Reservation, reservation_id)
        if reservation is not None and _remind(reservation):
            sent += 1
    return sent


def _remind(reservation: Reservation) -> bool:
    to = _recipient(reservation)
    if not to or not configured():
        return False
    link = _link()
    with force_locale(current_app.config["CLINIC_LANGUAGE"]):
        name = get_settings().clinic_name
        subject = _("Reminder: your visit to %(clinic)s tomorrow", clinic=name)
        text = _("A reminder of your visit to %(clinic)s on %(when)s.", clinic=name,
                 when=_when(reservation))  # fmt: skip
        if link:
            text += " " + _("To cancel, or for details: %(link)s", link=link)
    return send_mail(to, subject, text + "\n")
