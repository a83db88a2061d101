"""Reservation requests from visitors without an account: ask for a day and time, then reopen the
request with its password to read the answer or withdraw it, exactly like a consultation."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from ...admin.readiness import collects_personal_data
from ...cache.pages import shared_page
from ...extensions import db, limit_from_config, limiter
from ...forms import antispam
from ...identity import opened
from ...limits.item_passwords import item_password_limits
from ...policy.services import consent_version
from ...privacy.inventory import consent_notice
from ...settings.queries import get_settings
from ..forms import ActionForm, service_choices
from ..models import Reservation
from ..refusals import BookingRefused
from ..setup.models import Service
from ..setup.queries import booking_rules, offered
from . import services as requests
from .forms import RequestForm, UnlockForm
from .models import ReservationRequest

bp = Blueprint("reservation_requests", __name__, url_prefix="/reservations/request")
KIND = "request"


@bp.before_request
def _offered():
    # The owner may turn requests off; then there is no such page.
    if not booking_rules().guest_requests:
        abort(404)


def _notices() -> dict:
    settings = get_settings()
    return {
        "privacy": consent_notice("reservation_request", settings, sensitive=False),
        "sensitive": consent_notice("reservation_request", settings, sensitive=True),
        "version": consent_version(),
    }


@bp.route("", methods=["GET", "POST"])
@collects_personal_data
@limiter.limit(limit_from_config("BOARD_POST_LIMIT"), methods=["POST"])
@shared_page()
def new():
    treatments = offered()
    form = RequestForm()
    form.service.choices = service_choices(treatments, str(get_locale()), _("Choose a treatment"))
    verdict = None
    if request.method == "POST":
        verdict = antispam.check(form)
        if verdict == antispam.HONEYPOT_FILLED:
            abort(400)
        service = next((s for s in treatments if str(s.id) == form.service.data), None)
        if form.validate() and verdict is None and service is not None:
            try:
                row = requests.create(
                    name=form.name.data,
                    password=form.password.data,
                    mobile=form.mobile.data,
                    email=form.email.data,
                    notify=form.notify.data,
                    service=service,
                    preferred_date=form.preferred_date.data,
                    preferred_time=form.preferred_time.data,
                    note=form.note.data,
                )
            except BookingRefused as refused:
                db.session.rollback()
                form.refused(refused, "preferred_date")
                return _form_page(form, verdict, 422)
            db.session.commit()
            opened.allow(KIND, row.id)
            flash(
                _(
                    "Your request is sent. The clinic will call you; keep your password to read "
                    "the answer here."
                ),
                "success",
            )
            return redirect(url_for("reservation_requests.show", id=row.id), code=303)
        if service is None and form.service.data:
            form.service.errors.append(_("Choose one of the treatments in the list."))
    return _form_page(form, verdict, 422 if (form.errors or verdict) else 200)


def _form_page(form: RequestForm, verdict: str | None, status: int):
    if request.method == "POST":
        antispam.refresh(form)
    return render_template(
        "reservations/request_new.html",
        form=form,
        too_fast=verdict == antispam.TOO_FAST,
        expired=verdict == antispam.EXPIRED,
        consent=_notices(),
    ), status


@bp.route("/<int:id>", methods=["GET", "POST"])
@item_password_limits(KIND)
def show(id: int):
    row = db.get_or_404(ReservationRequest, id)
    if opened.allowed(KIND, row.id):
        if request.method == "POST":
            return redirect(url_for("reservation_requests.show", id=row.id), code=303)
        service = db.session.get(Service, row.service_id) if row.service_id else None
        booked = db.session.scalar(
            db.select(Reservation).where(Reservation.request_id == row.id).limit(1)
        )
        return render_template(
            "reservations/request_show.html",
            row=row,
            service=service,
            booked=booked,
            form=ActionForm(),
        )
    form = UnlockForm()
    if form.validate_on_submit():
        if requests.check_password(row, form.password.data):
            opened.allow(KIND, row.id)
            return redirect(url_for("reservation_requests.show", id=row.id), code=303)
        form.password.errors.append(_("The password is not correct."))
    return render_template("reservations/request_unlock.html", form=form, row_id=row.id), (
        422 if form.errors else 200
    )


@bp.post("/<int:id>/withdraw")
def withdraw(id: int):
    row = db.get_or_404(ReservationRequest, id)
    if not opened.allowed(KIND, row.id):
        abort(403)
    requests.withdraw(row)
    db.session.commit()
    opened.forget(KIND, id)
    flash(_("Your request is withdrawn and deleted."), "success")
    return redirect(url_for("pages.home"), code=303)
