"""Who is a signed-in member, and the gate of pages only members may open."""

from __future__ import annotations

from functools import wraps

from flask import redirect, request, session, url_for

from ..identity.users import signed_in
from .models import Member


def current_member() -> Member | None:
    """The signed-in member, or None (a visitor, or a staff member: staff are not members)."""
    return signed_in("member")


def member_required(view):
    """Send anyone but a signed-in member to the sign-in page, and back here afterwards."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_member() is None:
            return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped


def the_member() -> Member:
    """The signed-in member, in a view behind ``member_required``."""
    member = current_member()
    if member is None:  # member_required let nobody else in
        raise RuntimeError("the_member() outside a member_required view")
    return member


# The session key that says the child's legal representative signed in, with their own password,
# to act for the child (accounts/guardian.py).
REPRESENTATIVE = "acting_representative"


def by_representative() -> bool:
    """Whether the signed-in member is a child whose legal representative is the one acting."""
    member = current_member()
    return member is not None and member.is_child and session.get(REPRESENTATIVE) == member.id
