"""The owner keeps the clinic's week, its closed days and its doctors under /admin/clinic."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from ..admin.gate import owner_required, require_staff
from ..core import dates
from ..extensions import db
from ..platform import clock
from ..settings.queries import get_settings
from ..settings.services import update_settings
from . import services
from .forms import WEEKDAY_NAMES, ClosedDayForm, DoctorForm, WeekForm
from .models import ClosedDay, Doctor, OpeningHours
from .refusals import CalendarRefused

bp = Blueprint("clinic_admin", __name__, url_prefix="/admin/clinic")
bp.before_request(require_staff)


def _week_data() -> dict:
    # The stored rows, not the calendar: a closed weekday keeps the hours it had, ready for the
    # day it opens again.
    rows = {row.weekday: row for row in db.session.scalars(db.select(OpeningHours))}
    days = []
    for weekday in range(7):
        row = rows.get(weekday)
        days.append(
            {
                "open": bool(row and not row.closed),
                "opens": row.opens if row else None,
                "closes": row.closes if row else None,
                "lunch_from": row.lunch_from if row else None,
                "lunch_to": row.lunch_to if row else None,
            }
        )
    return {"days": days, "closed_on_public_holidays": get_settings().closed_on_public_holidays}


def _index(entry) -> int:
    """The weekday of a list entry, from its name ("days-3"): entries come back in the order
    the browser sent them, which need not be the week's."""
    return int(entry.name.rsplit("-", 1)[1])


@bp.route("/hours", methods=["GET", "POST"])
@owner_required
def hours():
    form = WeekForm(data=_week_data() if request.method == "GET" else None)
    if form.validate_on_submit():
        services.save_week({_index(day): day.data for day in form.days})
        update_settings(
            closed_on_public_holidays=bool(form.closed_on_public_holidays.data), hours_checked=True
        )
        db.session.commit()
        flash(_("The opening hours are saved."), "success")
        return redirect(url_for("clinic_admin.hours"), code=303)
    return render_template("clinic/hours.html", form=form, names=WEEKDAY_NAMES), (
        422 if form.errors else 200
    )


def _closed_page(form: ClosedDayForm, status: int = 200):
    today = clock.today()
    days = db.session.scalars(
        db.select(ClosedDay).where(ClosedDay.day >= today).order_by(ClosedDay.day)
    )
    return render_template(
        "clinic/closed.html",
        form=form,
        days=list(days),
        holidays=services.public_holidays_from(today, lang=str(get_locale()), count=12),
    ), status


@bp.route("/closed", methods=["GET", "POST"])
@owner_required
def closed():
    form = ClosedDayForm()
    if form.validate_on_submit():
        try:
            services.close_day(form.day.data, form.reason_ko.data, form.reason_en.data)
        except CalendarRefused as refused:
            form.refused(refused, "day")
        else:
            db.session.commit()
            flash(_("Closed day added: %(day)s", day=dates.day(form.day.data)), "success")
            return redirect(url_for("clinic_admin.closed"), code=303)
    return _closed_page(form, 422 if form.errors else 200)


@bp.post("/closed/<day>/reopen")
@owner_required
def reopen(day: str):
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        abort(404)
    services.reopen_day(parsed)
    db.session.commit()
    flash(_("Closed day removed: %(day)s", day=dates.day(parsed)), "success")
    return redirect(url_for("clinic_admin.closed"), code=303)


@bp.get("/doctors")
@owner_required
def doctors():
    return render_template("clinic/doctors.html", doctors=services.doctors(active_only=False))


PROFILE = tuple(
    f"{field}_{lang}" for field in ("title", "specialties", "career") for lang in ("ko", "en")
)


def _doctor_data(doctor: Doctor) -> dict:
    own = services.doctor_hours(doctor.id)
    return {
        **{name: getattr(doctor, name) for name in PROFILE},
        # The placeholder a first start makes has no real name: the owner writes one.
        "name_ko": "" if doctor.placeholder else doctor.name_ko,
        "name_en": "" if doctor.placeholder else doctor.name_en,
        "active": doctor.active,
        "all_hours": not own,
        "days": [
            {
                "works": weekday in own,
                "starts": own[weekday][0] if weekday in own else None,
                "ends": own[weekday][1] if weekday in own else None,
            }
            for weekday in range(7)
        ],
    }


@bp.route("/doctors/new", methods=["GET", "POST"], defaults={"id": None})
@bp.route("/doctors/<int:id>", methods=["GET", "POST"])
@owner_required
def doctor(id: int | None):
    found = db.get_or_404(Doctor, id) if id is not None else None
    data = _doctor_data(found) if found and request.method == "GET" else None
    form = DoctorForm(data=data)
    if form.validate_on_submit():
        hours = None
        if not form.all_hours.data:
            hours = {_index(d): (d.starts.data, d.ends.data) for d in form.days if d.works.data}
        services.save_doctor(
            found,
            name_ko=form.name_ko.data,
            name_en=form.name_en.data or "",
            active=bool(form.active.data),
            hours=hours,
            **{name: form[name].data or "" for name in PROFILE},
        )
        db.session.commit()
        flash(_("The doctor is saved."), "success")
        return redirect(url_for("clinic_admin.doctors"), code=303)
    return render_template(
        "clinic/doctor.html", form=form, doctor=found, names=WEEKDAY_NAMES
    ), 422 if form.errors else 200
