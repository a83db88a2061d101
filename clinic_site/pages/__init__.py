"""The site a patient meets, in both modes: the home page, the clinic and its doctors, treatments,
notices, the way to the clinic, and the owner's pages that keep them (the fee lists are a room of
their own: fees/)."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..platform import hooks
from ..platform.hooks import Section, Step

SECTIONS: tuple[tuple[str, object, int, dict], ...] = (
    ("pages_admin.texts", _l("The clinic's texts: home, greeting, directions"), 46, {}),
    ("pages_admin.items", _l("Treatments"), 47, {"kind": "treatments"}),
    ("pages_admin.items", _l("Notices"), 48, {"kind": "notices"}),
    ("pages_admin.image_upload", _l("Photos"), 49, {}),
)


# What a new clinic's site needs besides what the law asks for; not required to open the forms.
STEPS: tuple[tuple[object, str, str, int, dict], ...] = (
    (_l("Describe your treatments (at least one)"), "pages_admin.items", "has_treatments", 50,
     {"kind": "treatments"}),
    (_l("Write how to reach the clinic"), "pages_admin.texts", "has_directions", 55,
     {"_anchor": "directions"}),
    (_l("Post a first notice (opening news, holidays)"), "pages_admin.items", "has_notice", 60,
     {"kind": "notices"}),
)  # fmt: skip


def init_app(app: Flask) -> None:
    from . import admin_routes, routes, services

    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_routes.bp)
    hooks.cacheable_endpoints.add(app, "pages.image")
    for endpoint, label, order, args in SECTIONS:
        hooks.admin_sections.add(app, Section(endpoint, label, True, order, args))
    for label, endpoint, done, order, args in STEPS:
        hooks.setup_steps.add(
            app, Step(label, endpoint, getattr(services, done), order=order, args=args)
        )
