"""/admin/fees: the owner keeps both fee lists: adds a line, changes one in place (a
certificate's new price announced 14 days ahead), orders and removes lines, and keeps the
non-covered list as a CSV file (export and import)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from wtforms import SelectChoice

from ..admin.gate import owner_required, require_staff
from ..core.dates import day as format_day
from ..extensions import db
from ..platform import clock
from . import services, spreadsheet
from .forms import FeeForm, ImportForm
from .models import Fee, FeeChange
from .notice import notice
from .refusals import FeesRefused

bp = Blueprint("fees_admin", __name__, url_prefix="/admin/fees")
bp.before_request(require_staff)


def _items(form: FeeForm) -> None:
    lang = str(get_locale())
    form.item.choices = [SelectChoice("", _("Not an item of the notice (no cap)"))] + [
        SelectChoice(item.key, _("%(name)s (at most %(cap)s won%(unit)s)", name=item.name(lang),
                                 cap=f"{item.cap:,}", unit=_(" a page") if item.unit else ""))
        for item in notice().items.values()
    ]  # fmt: skip


def _values(form: FeeForm) -> dict:
    return {
        "name": form.name.data or "",
        "name_en": form.name_en.data or "",
        "price": form.price.data,
        "price_max": form.price_max.data or None,
        "note": form.note.data or "",
        "category": form.category.data or "",
        "code": form.code.data or "",
        "materials": form.materials.data or "",
        "item": form.item.data or None,
    }


def _index(form: FeeForm, import_form: ImportForm, status: int = 200):
    _items(form)
    return render_template(
        "fees/admin_index.html",
        form=form,
        import_form=import_form,
        non_covered=services.lines("non_covered"),
        certificate=services.lines("certificate"),
        updated=services.last_changed(),
        notice=notice(),
        lang=str(get_locale()),
    ), status


@bp.route("", methods=["GET", "POST"])
@owner_required
def index():
    form = FeeForm()
    _items(form)
    if form.validate_on_submit():
        values = _values(form)
        values.pop("name")
        try:
            services.add(form.kind.data, form.name.data or "", **values)
        except FeesRefused as refused:
            db.session.rollback()
            return _index(form, ImportForm(formdata=None), form.refused(refused, "price"))
        db.session.commit()
        flash(_("The line is added to the list."), "success")
        return redirect(url_for("fees_admin.index"), code=303)
    return _index(form, ImportForm(formdata=None), 422 if form.errors else 200)


@bp.route("/<int:id>", methods=["GET", "POST"])
@owner_required
def edit(id: int):
    """Change one line in place: a price change is an edit, not a removal and a new line."""
    row = db.get_or_404(Fee, id)
    form = FeeForm(obj=row if request.method == "GET" else None)
    _items(form)
    line = services.lines(row.kind)
    shown = next(each for each in line if each.fee.id == row.id)
    if request.method == "GET":
        form.price.data, form.price_max.data = shown.price, shown.price_max
        form.item.data = row.item or ""
    status = 200
    if form.validate_on_submit():
        try:
            announced = services.change(row, **_values(form), starts_on=form.starts_on.data)
        except FeesRefused as refused:
            db.session.rollback()
            status = form.refused(refused, "price")
        else:
            db.session.commit()
            if announced is not None:
                flash(_("The new fee is announced: it applies from %(day)s and shows beside the "
                        "current one until then.", day=format_day(announced.starts_on)),
                      "success")  # fmt: skip
            else:
                flash(_("The line is saved."), "success")
            return redirect(url_for("fees_admin.index"), code=303)
    elif form.errors:
        status = 422
    return render_template(
        "fees/admin_edit.html",
        form=form,
        row=row,
        line=shown,
        history=[c for c in services.history(row) if c.starts_on <= clock.today()],
        notice_days=services.NOTICE_DAYS,
    ), status


@bp.post("/<int:id>/<any(up, down):direction>")
@owner_required
def move(id: int, direction: str):
    services.move(db.get_or_404(Fee, id), -1 if direction == "up" else 1)
    db.session.commit()
    return redirect(url_for("fees_admin.index"), code=303)


@bp.post("/<int:id>/delete")
@owner_required
def delete(id: int):
    services.remove(db.get_or_404(Fee, id))
    db.session.commit()
    flash(_("The line is removed."), "success")
    return redirect(url_for("fees_admin.index"), code=303)


@bp.post("/changes/<int:id>/withdraw")
@owner_required
def withdraw(id: int):
    change = db.get_or_404(FeeChange, id)
    if change.starts_on <= clock.today():
        abort(404)  # a change in force is history, not an announcement
    services.withdraw(change)
    db.session.commit()
    flash(_("The announced fee is withdrawn; the current one stays."), "success")
    return redirect(url_for("fees_admin.edit", id=change.fee_id), code=303)


@bp.get("/non-covered.csv")
@owner_required
def export():
    return Response(
        spreadsheet.export_csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="non-covered-fees.csv"'},
    )


@bp.post("/import")
@owner_required
def import_csv():
    form = ImportForm()
    if not form.validate():
        return _index(FeeForm(formdata=None), form, 422)
    try:
        count = spreadsheet.import_csv(form.file.data.read(spreadsheet.CSV_LIMIT + 1))
    except FeesRefused as refused:
        db.session.rollback()
        return _index(FeeForm(formdata=None), form, form.refused(refused, "file"))
    db.session.commit()
    flash(_("The non-covered list now has the file's %(count)d lines.", count=count), "success")
    return redirect(url_for("fees_admin.index"), code=303)
