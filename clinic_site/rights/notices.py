"""What a requester is told when their request is answered or needs more time: a visitor by text
message to the number they gave, a member as they chose to be told; the words never say what
the request is about."""

from __future__ import annotations

from flask import url_for

from ..accounts.models import Member
from ..extensions import db
from ..messages.recipients import member_recipient, recipient
from ..messages.services import tell
from .models import RightsRequest
from .services import token_for


def tell_requester(row: RightsRequest, kind: str) -> None:
    """Queue ``kind`` ("rights_answered" or "rights_extended") for the requester of ``row``. A
    visitor's link is their request's page; a member's, their rights page."""
    if row.member_id is not None:
        to = member_recipient(db.session.get(Member, row.member_id))
        link = url_for("rights_account.index", _external=True)
        tell(kind, to, link=link, member_id=row.member_id)
    else:
        link = url_for("rights.show", token=token_for(row), _external=True)
        tell(kind, recipient("sms", mobile=row.mobile), link=link)
