"""Every form field that holds personal data is listed in clinic_site/inventory.py.

A form declares which inventory group it collects for with ``inventory_group = "consultation"``
(or ``None`` when it collects no personal data). Forms that do not exist yet are simply not found.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from flask_wtf import FlaskForm
from wtforms import Form, StringField
from wtforms.fields.core import UnboundField

import clinic_site
from clinic_site.privacy.inventory import ITEMS, form_fields

# These tests follow a clinic's policy history from its first start.
pytestmark = pytest.mark.new_clinic

# Field names that hold personal data wherever they appear.
PERSONAL = {
    "name", "password", "mobile", "phone", "email", "email_opt_in", "username", "title", "body",
    "note", "slot", "service", "guardian_name", "guardian_mobile", "birth_date", "address",
    "preferred_date", "preferred_time", "doctor", "notify",
}  # fmt: skip
PERSONAL_PREFIXES = ("guardian_", "patient_")
# Forms in modules this package cannot edit yet; remove an entry once the form declares it.


def _all_forms() -> list[type]:
    for module in pkgutil.walk_packages(clinic_site.__path__, "clinic_site."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)
    found, todo = [], list(FlaskForm.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return [cls for cls in found if cls.__module__.startswith("clinic_site.")]


def _fields(cls: type) -> set[str]:
    return {name for name in dir(cls) if isinstance(getattr(cls, name, None), UnboundField)}


def _personal(names: set[str]) -> set[str]:
    return {n for n in names if n in PERSONAL or n.startswith(PERSONAL_PREFIXES)}


def problems(classes: list[type]) -> list[str]:
    """What is wrong: undeclared forms with personal fields, and personal fields not listed."""
    found = []
    groups = {item.group for item in ITEMS}
    for cls in classes:
        qualname = f"{cls.__module__}.{cls.__qualname__}"
        personal = _personal(_fields(cls))
        if "inventory_group" in vars(cls) or any("inventory_group" in vars(b) for b in cls.__mro__):
            group = cls.inventory_group
        else:
            if personal:
                found.append(f"{qualname} collects {sorted(personal)} but has no inventory_group")
            continue
        if group is None:
            continue
        if group not in groups:
            found.append(f"{qualname}: inventory group {group!r} does not exist")
            continue
        missing = personal - form_fields(group)
        if missing:
            found.append(f"{qualname}: {sorted(missing)} not in the inventory group {group!r}")
    return found


def test_every_personal_field_is_in_the_inventory():
    forms = _all_forms()
    assert any(cls.__name__ == "PolicyForm" for cls in forms)
    assert problems(forms) == []


def test_the_check_catches_an_unlisted_field():
    class Unlisted(Form):
        inventory_group = "consultation"
        name = StringField()
        phone = StringField()  # the consultation form does not list a landline

    class Undeclared(Form):
        guardian_email = StringField()

    found = problems([Unlisted, Undeclared])
    assert any("['phone']" in line for line in found)
    assert any("Undeclared" in line and "no inventory_group" in line for line in found)


def test_items_are_complete():
    for item in ITEMS:
        assert item.key == f"{item.group}.{item.field or item.key.split('.', 1)[1]}"
        assert str(item.purpose) and str(item.retention) and item.modes
