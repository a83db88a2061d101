"""/reservations/waitlist: a member's waiting list: the days they wait for (with a freed time on
offer when there is one), joining for a day, leaving it."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from ...accounts.access import member_required, the_member
from ...admin.readiness import collects_personal_data
from ...clinic import services as clinic
from ...core.dates import day as format_day
from ...extensions import db
from ..forms import ActionForm, chosen, doctor_choices, named_doctor, service_choices
from ..refusals import BookingRefused
from ..setup.queries import offered
from . import queries, services
from .forms import WaitlistForm
from .models import WaitlistEntry

bp = Blueprint("waitlist", __name__, url_prefix="/reservations/waitlist")


def _lang() -> str:
    return str(get_locale())


def _page(form: WaitlistForm, status: int = 200):
    member = the_member()
    treatments, doctors = offered(), clinic.doctors()
    lang = _lang()
    form.service.choices = service_choices(treatments, lang)
    form.doctor.choices = doctor_choices(doctors, lang)
    entries = queries.for_member(member.id)
    return render_template(
        "reservations/waitlist.html",
        form=form,
        entries=entries,
        offered={e.id for e in entries if queries.offered(e)},
        services={s.id: s.name(lang) for s in treatments},
        doctors={d.id: d.name(lang) for d in clinic.doctors(active_only=False)},
        several_doctors=len(doctors) > 1,
        leave_form=ActionForm(),
    ), status


@bp.get("")
@member_required
def index():
    return _page(WaitlistForm(formdata=None))


@bp.post("")
@collects_personal_data
@member_required
def join():
    member = the_member()
    form = WaitlistForm()
    if not form.validate():
        return _page(form, 422)
    try:
        service = chosen(form.service.data, offered())
        if service is None:
            raise BookingRefused("service", "service")
        doctor = named_doctor(request.form.get("doctor"), clinic.doctors())
        if not member.can_book:
            raise BookingRefused("hold" if member.on_hold else "waiting", "date")
        entry = services.join(member, form.date.data, service, doctor)
    except BookingRefused as refused:
        db.session.rollback()
        return _page(form, form.refused(refused, "date"))
    db.session.commit()
    flash(
        _("You are on the waiting list for %(day)s. If a time frees up, we tell you at once.",
          day=format_day(entry.day)),
        "success",
    )  # fmt: skip
    return redirect(url_for("waitlist.index"), code=303)


@bp.post("/<int:id>/leave")
@member_required
def leave(id: int):
    entry = db.get_or_404(WaitlistEntry, id)
    if entry.member_id != the_member().id:
        abort(404)  # another member's entry is not there at all
    services.leave(entry)
    db.session.commit()
    flash(_("You have left the waiting list for that day."), "success")
    return redirect(url_for("waitlist.index"), code=303)
