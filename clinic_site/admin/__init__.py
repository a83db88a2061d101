"""The admin shell under /admin: the gate every admin page passes and the dashboard, which shows
what the features put on it through the hooks (``platform/hooks.py``: admin_sections,
admin_notes, setup_steps, staff_sign_in). It imports no feature; features fill its hooks."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import routes

    app.register_blueprint(routes.bp)
    app.context_processor(routes.layout_context)
