"""What a patient reads: the home page, the clinic and its doctors (and the days they see
patients), treatments, notices, and the way to the clinic; and the clinic's images."""

from __future__ import annotations

from datetime import date, time, timedelta
from urllib.parse import quote

from flask import Blueprint, abort, render_template, send_from_directory
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from ..cache.pages import shared_page
from ..clinic import services as clinic
from ..extensions import db
from ..platform import clock, hooks
from ..settings.queries import get_settings
from . import images, services
from .models import Image, Notice

bp = Blueprint("pages", __name__)

# Map services open the address in their own app or site: plain links, nothing loaded from them.
KAKAO_MAP = "https://map.kakao.com/link/search/"
NAVER_MAP = "https://map.naver.com/p/search/"


def _lang() -> str:
    return str(get_locale())


def _today() -> dict:
    """What the home page and the location page say about today."""
    today = clock.today()
    return {
        "hours_today": clinic.hours_on(today),
        "closure_today": clinic.closure(today, _lang()),
        "open_now": clinic.open_now(),
        "closures": clinic.upcoming_closures(today, _lang()),
        "week": clinic.week(),
    }


@bp.get("/")
@shared_page(clinic.open_now)
def home():
    gallery = services.images("clinic")
    return render_template(
        "pages/home.html",
        notices=services.notices(limit=3),
        slogan=services.text("slogan"),
        photo=gallery[0] if gallery else None,
        **_today(),
    )


# Short weekday names for a doctor's week ("Mon–Fri 09:00–18:00").
SHORT_WEEKDAYS = (_l("Mon"), _l("Tue"), _l("Wed"), _l("Thu"), _l("Fri"), _l("Sat"), _l("Sun"))
AWAY_LOOK_AHEAD = timedelta(days=27)  # four weeks from today


def _week_of(doctor_id: int) -> list[tuple[str, tuple[time, time]]]:
    """The doctor's ordinary week as patients read it: runs of weekdays with the same hours
    ("Mon–Fri", hours), days off left out."""
    runs: list[tuple[int, int, tuple[time, time]]] = []
    for weekday, hours in clinic.timetable(doctor_id):
        if hours is None:
            continue
        if runs and runs[-1][1] == weekday - 1 and runs[-1][2] == hours:
            runs[-1] = (runs[-1][0], weekday, hours)
        else:
            runs.append((weekday, weekday, hours))
    return [
        (
            str(SHORT_WEEKDAYS[first]) + ("" if first == last else "–" + str(SHORT_WEEKDAYS[last])),
            hours,
        )
        for first, last, hours in runs
    ]


def _days_away(doctor_id: int) -> list[date]:
    today = clock.today()
    return [
        day
        for source in hooks.doctor_days_away
        for day in source(doctor_id, today, today + AWAY_LOOK_AHEAD)
    ]


@bp.get("/about")
@shared_page()
def about():
    doctors = clinic.public_doctors()
    photos = {
        image.id: image
        for image in db.session.scalars(
            db.select(Image).where(Image.id.in_({d.photo_id for d in doctors if d.photo_id}))
        )
    }
    return render_template(
        "pages/about.html",
        greeting=services.text("greeting"),
        doctors=doctors,
        weeks={d.id: _week_of(d.id) for d in doctors},
        away={d.id: _days_away(d.id) for d in doctors},
        photos=photos,
        gallery=services.images("clinic"),
    )


@bp.get("/treatments")
@shared_page()
def treatments():
    return render_template("pages/treatments.html", treatments=services.treatments())


@bp.get("/notices")
@shared_page()
def notices():
    return render_template(
        "pages/notices.html",
        notices=services.notices(),
        closures=clinic.upcoming_closures(clock.today(), _lang(), limit=10),
    )


@bp.get("/notices/<int:id>")
@shared_page()
def notice(id: int):
    return render_template("pages/notice.html", notice=db.get_or_404(Notice, id))


@bp.get("/location")
@shared_page(clinic.open_now)
def location():
    address = get_settings().address  # the Korean address is what the map services find
    return render_template(
        "pages/location.html",
        transit=services.text("transit"),
        parking=services.text("parking"),
        kakao=KAKAO_MAP + quote(address) if address else None,
        naver=NAVER_MAP + quote(address) if address else None,
        **_today(),
    )


@bp.get("/images/<filename>")
def image(filename: str):
    row = db.session.scalar(db.select(Image).where(Image.filename == filename))
    if row is None:
        abort(404)
    response = send_from_directory(images.folder(), row.filename, mimetype=row.mimetype)
    # A name is never reused: the file behind it never changes.
    response.cache_control.max_age = 31_536_000
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response
