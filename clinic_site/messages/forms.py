"""The one form of the message log: sending a failed message again (its CSRF token only)."""

from __future__ import annotations

from ..forms.base import Form


class SendAgainForm(Form):
    inventory_group = None
