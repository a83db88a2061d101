"""The base of every form: Flask-WTF's (CSRF token included), with WTForms' own messages in the
page's language, text fields read from the form body only, and one way to show a refusal."""

from __future__ import annotations

from functools import lru_cache

from babel import support
from flask import request
from flask_babel import get_locale
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto, _is_submitted
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from wtforms.fields import FileField, MultipleFileField
from wtforms.i18n import messages_path

from ..platform.refusals import Refusal


@lru_cache(maxsize=8)
def _wtforms_catalog(locale: str) -> support.NullTranslations:
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class _WTFormsMessages:
    """WTForms' own messages ("Not a valid choice.") in the page's language, from its catalog
    loaded once per language per process (Flask-WTF reads the file again on every request)."""

    def gettext(self, string: str) -> str:
        return _wtforms_catalog(str(get_locale())).ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _wtforms_catalog(str(get_locale())).ungettext(singular, plural, n)


_MESSAGES = _WTFormsMessages()


class Form(FlaskForm):
    """The base of every form here: Flask-WTF's (CSRF token included), with WTForms' messages
    translated cheaply."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return _MESSAGES

        def wrap_formdata(self, form, formdata):
            """What the form reads from a submitted request: its text fields from the form body
            only, and uploaded files only for its file fields. Flask-WTF would hand a file part
            named like a text field to that field, whose validators fail on it; here it is left
            out and the field counts as missing. A JSON body is not form data at all."""
            if formdata is not _Auto:
                return formdata
            if not _is_submitted():
                return None
            upload_names = {
                field.name for field in form if isinstance(field, FileField | MultipleFileField)
            }
            uploads = MultiDict(
                (name, upload)
                for name, upload in request.files.items(multi=True)
                if name in upload_names
            )
            if uploads:
                return CombinedMultiDict((uploads, request.form))
            return request.form or None

    def refused(self, refusal: Refusal, default_field: str) -> int:
        """Show ``refusal`` (and any raised with it) beside its field, or beside
        ``default_field`` when it names none or one this form lacks; returns its status."""
        for each in refusal.every():
            name = each.field if each.field in self._fields else default_field
            field = self[name]
            field.errors = [*field.errors, each.message]
        return refusal.status
