"""What every form shares: its base class, filters that tidy what people type, and validators
for Korean phone numbers that store them in one written form. Forms check shapes; services check
rules."""

from __future__ import annotations

from functools import lru_cache

from babel import support
from flask import request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto, _is_submitted
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from wtforms.fields import FileField, MultipleFileField
from wtforms.i18n import messages_path
from wtforms.validators import ValidationError

from .phones import normalise_mobile, normalise_phone


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


def strip(value):
    return value.strip() if isinstance(value, str) else value


def text(value):
    # Browsers count a line break as one character but send it as two (CRLF); store one, so the
    # limit the page shows is the limit the server applies. A text box left out of the request
    # altogether is empty text, as it would be had the browser sent it.
    if value is None:
        return ""
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


def mobile(form, field) -> None:
    """A Korean mobile number, stored as "010-1234-5678"."""
    normalised = normalise_mobile(field.data)
    if normalised is None:
        raise ValidationError(_l("Enter a Korean mobile number, for example 010-1234-5678."))
    field.data = normalised


def phone(form, field) -> None:
    """A Korean telephone number (landline or mobile), stored with hyphens."""
    normalised = normalise_phone(field.data)
    if normalised is None:
        raise ValidationError(_l("Enter a telephone number, for example 02-123-4567."))
    field.data = normalised
