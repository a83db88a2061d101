"""What the policy's rules refuse. The owner's words are translated; the import command's are
English, as the rest of the command line is."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..platform.refusals import Refusal


class PolicyRefused(Refusal):
    WORDS = {
        "already_published": (
            409,
            _l("A policy is published already: announce a new version to change it."),
        ),
        "details_missing": (
            409,
            _l(
                "Save the clinic's details and name the privacy manager first: they are part "
                "of the policy, and a published version never changes."
            ),
        ),
        "translation_stale": (
            422,
            _l(
                "You changed the policy text but not its translation. Bring the translation up "
                "to date, or tick the box below to keep it as the translation of version "
                "%(number)d: its readers are then told so and shown the way to the current text."
            ),
        ),
        "busy": (409, _l("Another version was being saved at the same moment; please try again.")),
        "too_soon": (
            422,
            _l(
                "The new version must take effect at least %(days)d days after it is announced: "
                "choose %(earliest)s or later."
            ),
        ),
        "overtaking": (
            422,
            _l(
                "Version %(number)d is announced to take effect on %(date)s. Choose %(date)s or "
                "later, or withdraw version %(number)d first."
            ),
        ),
        "too_far": (
            422,
            _l(
                "A new version may take effect at most %(days)d days after it is announced: "
                "choose %(latest)s or earlier."
            ),
        ),
        "empty": (422, _l("The policy text is empty.")),
        "no_version": (404, _l("There is no such version.")),
        "already_withdrawn": (409, _l("This version was already withdrawn.")),
        "in_effect": (
            409,
            _l("This version is already in effect; announce a new version instead."),
        ),
        "no_reason": (422, _l("Give the reason for withdrawing it.")),
        "announced": (409, "policy version %(number)d was announced and cannot change"),
        "import_dates": (422, "the effective date is before the announcement date"),
        "import_future": (
            422,
            "the announcement date is after today (%(today)s); import only versions already "
            "announced",
        ),
        "import_far": (
            422,
            "the effective date is more than %(days)d days after today: %(latest)s at the latest",
        ),
        "import_empty": (422, "the file is empty"),
        "import_language": (422, "the language must be ko or en"),
        "import_order": (
            422,
            "version %(number)d (announced %(announced)s, effective %(effective)s) is later; "
            "import older versions first, oldest first",
        ),
    }


class PolicyImmutable(PolicyRefused):
    """An announced policy version cannot be changed; announce a new version instead."""
