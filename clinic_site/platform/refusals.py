"""The one shape of every refusal: a service that cannot do what it was asked raises a ``Refusal``.

A refusal names the rule it applies (``code``), the form field its answer belongs beside, if any
(``field``), and the values its words need (``details``). Each room subclasses it once, in its
``refusals.py``, with the words and the HTTP status of each of its codes (``WORDS``), so what a
person is told stays beside the rule and every route answers the same way: a form puts
``refusal.message`` beside ``refusal.field`` and answers ``refusal.status``
(``forms.base.Form.refused``); anything else becomes an error page with that status and message
(``core/errors.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l

UNKNOWN = (409, _l("This could not be done as things stand."))


class Refusal(Exception):
    """A rule refused what was asked; nothing of it is kept."""

    # code -> (HTTP status, lazily translated words, with %(name)s for ``details``)
    WORDS: ClassVar[Mapping[str, tuple[int, Any]]] = {}

    def __init__(self, code: str, field: str | None = None, **details: Any):
        super().__init__(code)
        self.code = code
        self.field = field
        self.details = details
        # Further refusals of the same request, where a service checks several rules at once
        # and tells every one (the owner's settings).
        self.also: list[Refusal] = []

    def every(self) -> list[Refusal]:
        """This refusal and those raised with it."""
        return [self, *self.also]

    @property
    def status(self) -> int:
        return self.WORDS.get(self.code, UNKNOWN)[0]

    @property
    def message(self) -> str:
        """The words for a person, in the page's language."""
        words = str(self.WORDS.get(self.code, UNKNOWN)[1])
        return words % self.details if self.details else words

    def __str__(self) -> str:
        return f"{type(self).__name__}({self.code})"
