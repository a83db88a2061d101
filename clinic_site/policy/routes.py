"""The public policy pages: the version in effect with the announcement history, any one version,
and what a version changed."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
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


def _main() -> str:
    return current_app.config["CLINIC_LANGUAGE"]


def _text_lang() -> str:
    """The language of the policy's text on this page: ``?text=ko|en`` (a link from a stale
    translation to the current text), else the page's."""
    asked = request.args.get("text")
    return asked if asked in ("ko", "en") else _lang()


def _shown(version) -> dict:
    """The version's text for this reader: rendered HTML, which language it is in, and, when it
    is a translation of an earlier version, that version's number."""
    text, lang = version.text_for(_text_lang())
    return {
        "html": render(text),
        "text_lang": lang,
        "stale_of": version.stale_translation(lang, _main()),
        "main": _main(),
        "number": version.number,
    }


def found(number: int) -> PolicyVersion:
    return db.first_or_404(db.select(PolicyVersion).where(PolicyVersion.number == number))


@bp.get("/policy")
@shared_page()
def current():
    version, draft = services.current_or_draft()
    return render_template(
        "policy/current.html",
        version=version,
        draft=draft,
        shown=_shown(version) if version else None,
        history=queries.versions(),
        upcoming=queries.upcoming(clock.today()),
    )


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
    lang = _lang()
    if before is not None:
        # Compare like with like, in the reader's language when both versions have a current
        # text in it; else in the clinic's own language, and the page says so.
        if not _comparable(version, before, lang):
            lang = _main()
        rows = diff.compare(before.text_for(lang)[0], version.text_for(lang)[0])
    return render_template(
        "policy/changes.html",
        version=version,
        before=before,
        rows=rows,
        counts=diff.counts(rows),
        compared_lang=lang,
    )


def _comparable(version, before, lang: str) -> bool:
    """Whether both versions have their own current text in ``lang``."""
    for each in (version, before):
        text_lang = each.text_for(lang)[1]
        if text_lang != lang or each.stale_translation(lang, _main()) is not None:
            return False
    return True
