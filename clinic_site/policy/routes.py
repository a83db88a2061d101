"""The public policy pages: the version in effect with the announcement history, any one version,
and what a version changed."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import get_locale

from ..cache.pages import shared_page
from ..core.markdown import render
from ..extensions import db
from ..platform import clock
from . import diff, queries, services
from .models import PolicyVersion

bp = Blueprint("policy", __name__)


def _lang() -> str:
    return str(get_locale())


def _shown(version) -> dict:
    """The version's text for this reader: rendered HTML and which language it is in."""
    text, lang = version.text_for(_lang())
    return {"html": render(text), "text_lang": lang}


def found(number: int) -> PolicyVersion:
    return db.first_or_404(db.select(PolicyVersion).where(PolicyVersion.number == number))


@bp.get("/policy")
@shared_page()
def current():
    version, draft = services.current_or_draft()
    page = render_template(
        "policy/current.html",
        version=version,
        draft=draft,
        shown=_shown(version) if version else None,
        history=queries.versions(),
        upcoming=queries.upcoming(clock.today()),
    )
    # The first-run default, if it was just made; after rendering, so nothing read is reloaded.
    db.session.commit()
    return page


@bp.get("/policy/<int:number>")
@shared_page()
def version(number: int):
    version = found(number)
    in_effect = queries.in_effect_on(clock.today())
    return render_template(
        "policy/version.html",
        version=version,
        shown=_shown(version),
        is_current=in_effect is not None and in_effect.number == version.number,
        is_upcoming=not version.withdrawn and version.effective_on > clock.today(),
    )


@bp.get("/policy/<int:number>/changes")
@shared_page()
def changes(number: int):
    version = found(number)
    before = queries.previous(version)
    rows: tuple = ()
    if before is not None:
        new_text, lang = version.text_for(_lang())
        # Compare like with like: the earlier version in the same language when it has it.
        rows = diff.compare(before.text_for(lang)[0], new_text)
    return render_template(
        "policy/changes.html",
        version=version,
        before=before,
        rows=rows,
        counts=diff.counts(rows),
    )
