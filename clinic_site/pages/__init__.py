"""The site a patient meets, in both modes: the home page, the clinic and its doctors, treatments,
the fee lists Korean law requires on a clinic's website, notices, the way to the clinic, and the
owner's pages that keep them."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..admin import Step, add_section, add_step
from ..policy.markdown import render
from ..security import cacheable


def _fees_listed() -> bool:
    from ..extensions import db
    from .models import Fee

    return db.session.scalar(db.select(Fee.id).limit(1)) is not None


def init_app(app: Flask) -> None:
    from . import admin_routes, routes

    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_routes.bp)
    cacheable(app, "pages.image")
    add_step(
        app,
        Step(
            _l("List the fees the law asks for (non-covered and certificates)"),
            "pages_admin.fees",
            _fees_listed,
            order=30,
        ),
    )
    app.add_template_filter(render, "markdown")
    for endpoint, label, order, args in (
        ("pages_admin.fees", _l("Fee lists"), 45, {}),
        ("pages_admin.texts", _l("Greeting, directions and parking"), 46, {}),
        ("pages_admin.items", _l("Treatments"), 47, {"kind": "treatments"}),
        ("pages_admin.items", _l("Notices"), 48, {"kind": "notices"}),
        ("pages_admin.image_upload", _l("Photos"), 49, {}),
    ):
        add_section(app, endpoint, label, owner_only=True, order=order, args=args)
