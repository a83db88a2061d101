"""The owner edits the clinic's pages under /admin: the texts (greeting, directions, parking,
insurance claims), treatments, notices and images. Every text is Markdown, shown through the same
sanitising pipeline as the privacy policy."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from ..admin.gate import owner_required, require_staff
from ..clinic import services as clinic
from ..clinic.models import Doctor
from ..extensions import db
from . import images, services
from .forms import ImageForm, NoticeForm, TextsForm, TreatmentForm
from .models import TEXT_KEYS, Image, Notice, Treatment
from .refusals import PagesRefused

bp = Blueprint("pages_admin", __name__, url_prefix="/admin")
bp.before_request(require_staff)
# The lists the owner keeps: by the URL's name, the model, its form and the page's title.
LISTS: dict[str, tuple[Any, Any, Any]] = {
    "treatments": (Treatment, TreatmentForm, _l("Treatments")),
    "notices": (Notice, NoticeForm, _l("Notices")),
}


@bp.route("/pages", methods=["GET", "POST"])
@owner_required
def texts():
    # The terms of use are for members: a clinic without membership has none to write.
    keys = [k for k in TEXT_KEYS if k != "terms" or current_app.config["CLINIC_MODE"] == "members"]
    if request.method == "GET":
        data = {}
        for key in keys:
            row = services.text(key)
            data[f"{key}_ko"], data[f"{key}_en"] = (row.body_ko, row.body_en) if row else ("", "")
        form = TextsForm(data=data)
    else:
        form = TextsForm()
    if "terms" not in keys:
        del form.terms_ko
        del form.terms_en
    if form.validate_on_submit():
        for key in keys:
            services.save_text(key, form[f"{key}_ko"].data, form[f"{key}_en"].data)
        db.session.commit()
        flash(_("The texts are saved."), "success")
        return redirect(url_for("pages_admin.texts"), code=303)
    return render_template("pages/admin_texts.html", form=form), 422 if form.errors else 200


@bp.get("/<any(treatments, notices):kind>")
@owner_required
def items(kind: str):
    model, _form, title = LISTS[kind]
    rows = services.notices() if kind == "notices" else services.treatments()
    return render_template("pages/admin_items.html", kind=kind, rows=rows, title=title)


@bp.route("/<any(treatments, notices):kind>/new", methods=["GET", "POST"], defaults={"id": None})
@bp.route("/<any(treatments, notices):kind>/<int:id>", methods=["GET", "POST"])
@owner_required
def item(kind: str, id: int | None):
    model, form_class, title = LISTS[kind]
    row = db.get_or_404(model, id) if id is not None else None
    form = form_class(obj=row if request.method == "GET" else None)
    if form.validate_on_submit():
        values = {name: f.data for name, f in form._fields.items() if name != "csrf_token"}
        save = services.save_notice if kind == "notices" else services.save_treatment
        save(row, **values)
        db.session.commit()
        flash(_("Saved."), "success")
        if row is None and "another" in request.form:
            # Several treatments are written one after another: straight to an empty form.
            return redirect(url_for("pages_admin.item", kind=kind), code=303)
        return redirect(url_for("pages_admin.items", kind=kind), code=303)
    return render_template(
        "pages/admin_item.html", kind=kind, form=form, row=row, title=title
    ), 422 if form.errors else 200


@bp.post("/<any(treatments, notices):kind>/<int:id>/<any(up, down, delete):action>")
@owner_required
def item_action(kind: str, id: int, action: str):
    model, _form, _title = LISTS[kind]
    row = db.get_or_404(model, id)
    if action == "delete":
        db.session.delete(row)
    elif kind == "treatments":
        services.move(Treatment, row.id, -1 if action == "up" else 1)
    else:
        abort(404)  # notices are in date order
    db.session.commit()
    return redirect(url_for("pages_admin.items", kind=kind), code=303)


def _owners(form: ImageForm) -> list[Doctor]:
    doctors = clinic.doctors(active_only=False)
    lang = str(get_locale())
    form.owner.choices = [SelectChoice("clinic", _("The clinic"))] + [
        SelectChoice(str(d.id), d.name(lang)) for d in doctors
    ]
    return doctors


@bp.route("/images", methods=["GET", "POST"])
@owner_required
def image_upload():
    form = ImageForm()
    doctors = _owners(form)
    if form.validate_on_submit():
        upload = request.files.get("file")
        doctor = next((d for d in doctors if str(d.id) == form.owner.data), None)
        if upload is None or not upload.filename:
            form.file.errors.append(_("Choose an image file."))
        else:
            try:
                kind = "doctor" if doctor else "clinic"
                data = upload.read(images.MAX_BYTES + 1)
                row = images.store(data, form.alt_ko.data, form.alt_en.data or "", kind)
            except PagesRefused as refused:
                form.refused(refused, "file")
            else:
                if doctor is not None:
                    doctor.photo_id = row.id
                db.session.commit()
                flash(_("The image is saved."), "success")
                return redirect(url_for("pages_admin.image_upload"), code=303)
    return render_template(
        "pages/admin_images.html",
        form=form,
        gallery=services.images("clinic"),
        portraits=services.images("doctor"),
    ), 422 if form.errors else 200


@bp.post("/images/<int:id>/delete")
@owner_required
def image_delete(id: int):
    images.remove(db.get_or_404(Image, id))
    db.session.commit()
    flash(_("The image is deleted."), "success")
    return redirect(url_for("pages_admin.image_upload"), code=303)
