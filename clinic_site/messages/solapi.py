"""SOLAPI's v4 HTTP API (https://api.solapi.com), as its SDKs (solapi-python, solapi-nodejs) use
it: each request signed with the API key's secret, messages sent one per request through
``POST /messages/v4/send-many/detail``, and looked up through ``GET /messages/v4/list``.

Every message carries the outbox row's key in its custom fields (``customFields.outboxKey``), so a
worker that lost the answer to a send can ask whether SOLAPI registered the message before
sending it again. A KakaoTalk message (알림톡, type ATA) that SOLAPI refuses (an unknown or
unapproved template, a wrong channel) is sent again at once as a text message.

The key and the secret go into the Authorization header and nowhere else: failures keep a code
(the HTTP status, SOLAPI's errorCode or statusCode), never SOLAPI's words.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import logging
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from ..platform import clock
from .adapters import Accepted, Draft, GiveUp, TryAgain
from .recipients import digits
from .sms import LMS_BYTES, LMS_SUBJECT_BYTES, clip, text_type

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
SEND = "/messages/v4/send-many/detail"
LIST = "/messages/v4/list"
KEY_FIELD = "outboxKey"
# How far back a lookup reaches before the message was written (the two clocks may differ).
LOOKUP_MARGIN = timedelta(days=1)
LOOKUP_PAGES = 5
_CODE = re.compile(r"[^A-Za-z0-9_.-]")


def _code(value: Any) -> str:
    """A provider's code, safe to keep: letters, digits and ._- only, short."""
    return _CODE.sub("", str(value or ""))[:40]


def signature(secret: str, date: str, salt: str) -> str:
    """SOLAPI's request signature: hex HMAC-SHA256 of date + salt, keyed with the secret."""
    return hmac.new(secret.encode(), (date + salt).encode(), hashlib.sha256).hexdigest()


class Solapi:
    def __init__(self, config: Mapping[str, Any]):
        self.key: str = config["SOLAPI_API_KEY"]
        self.secret: str = config["SOLAPI_API_SECRET"]
        self.sender = digits(config["SOLAPI_SENDER"])
        self.pfid: str = config.get("SOLAPI_PFID") or ""
        self.base = config["SOLAPI_BASE_URL"].rstrip("/")

    # --- the two things a provider does ------------------------------------------------------

    def send(self, message: Draft) -> Accepted:
        if message.channel == "kakao" and self.pfid and message.template_id:
            refused = self._send(self._kakao(message))
            if isinstance(refused, Accepted):
                return refused
            # The 알림톡 was refused as it stands: the same words go as a text message.
            log.info("message %s: KakaoTalk refused (%s), sent as text", message.id, refused)
        answer = self._send(self._text(message))
        if isinstance(answer, Accepted):
            return answer
        raise GiveUp(f"refused:{answer}")

    def find(self, message: Draft) -> Accepted | None:
        since = message.created_at - LOOKUP_MARGIN
        query: dict[str, Any] = {
            "to": digits(message.recipient),
            "dateType": "CREATED",
            "startDate": since.isoformat(timespec="seconds"),
            "limit": 100,
        }
        for _page in range(LOOKUP_PAGES):
            answer = self._request("GET", LIST + "?" + urllib.parse.urlencode(query))
            listed = answer.get("messageList") or {}
            stored = listed.values() if isinstance(listed, dict) else listed
            for item in stored:
                if not isinstance(item, dict):
                    continue
                if (item.get("customFields") or {}).get(KEY_FIELD) == message.key:
                    return Accepted(_code(item.get("messageId")), _code(item.get("type")))
            if not answer.get("nextKey"):
                return None
            query["startKey"] = answer["nextKey"]
        return None

    # --- the messages as SOLAPI takes them ---------------------------------------------------

    def _common(self, message: Draft) -> dict[str, Any]:
        return {
            "to": digits(message.recipient),
            "from": self.sender,
            "customFields": {KEY_FIELD: message.key},
        }

    def _kakao(self, message: Draft) -> dict[str, Any]:
        variables = {f"#{{{name}}}": str(value) for name, value in message.variables.items()}
        return {
            **self._common(message),
            "type": "ATA",
            "kakaoOptions": {
                "pfId": self.pfid,
                "templateId": message.template_id,
                "variables": variables,
                # SOLAPI sends the template's words as a text message to a phone without
                # KakaoTalk.
                "disableSms": False,
            },
        }

    def _text(self, message: Draft) -> dict[str, Any]:
        kind = text_type(message.text)
        payload = {**self._common(message), "type": kind, "text": clip(message.text, LMS_BYTES)}
        if kind == "LMS" and message.subject:
            payload["subject"] = clip(message.subject, LMS_SUBJECT_BYTES)
        return payload

    # --- the wire ----------------------------------------------------------------------------

    def _send(self, payload: dict[str, Any]) -> Accepted | str:
        """Send one message: what SOLAPI accepted, or the statusCode it refused it with."""
        answer = self._request("POST", SEND, {"messages": [payload], "showMessageList": True})
        for failed in answer.get("failedMessageList") or []:
            if isinstance(failed, dict):
                return _code(failed.get("statusCode")) or "unknown"
        for item in answer.get("messageList") or []:
            if isinstance(item, dict) and item.get("messageId"):
                return Accepted(_code(item["messageId"]), payload["type"])
        group = answer.get("groupInfo") or {}
        if (group.get("count") or {}).get("registeredSuccess") == 1 and group.get("groupId"):
            return Accepted(_code(group["groupId"]), payload["type"])
        raise TryAgain("bad_answer")

    def _authorization(self) -> str:
        date = clock.wall_now().isoformat(timespec="seconds")
        salt = secrets.token_hex(16)
        return (
            f"HMAC-SHA256 apiKey={self.key}, date={date}, salt={salt}, "
            f"signature={signature(self.secret, date, salt)}"
        )

    def _request(self, method: str, path: str, body: dict | None = None) -> dict:
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        request = urllib.request.Request(  # noqa: S310 - SOLAPI_BASE_URL is checked at start
            self.base + path,
            data=data,
            method=method,
            headers={"Authorization": self._authorization(), "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as error:
            raise _failure(error.code, error.read(), error.headers.get("Retry-After")) from None
        except (urllib.error.URLError, http.client.HTTPException, OSError):
            raise TryAgain("network") from None
        try:
            answer = json.loads(raw or b"{}")
        except ValueError:
            raise TryAgain("bad_answer") from None
        if not isinstance(answer, dict):
            raise TryAgain("bad_answer")
        return answer


def _failure(status: int, raw: bytes, retry_after: str | None) -> TryAgain | GiveUp:
    """An HTTP error as a try's failure: 429 and 5xx (and a refused signature, which a fixed key
    or clock mends) may go later; any other 4xx will not."""
    try:
        error_code = _code(json.loads(raw or b"{}").get("errorCode"))
    except (ValueError, AttributeError):
        error_code = ""
    if status == 429:
        return TryAgain("http_429", wait=_seconds(retry_after))
    if status >= 500:
        return TryAgain(f"http_5xx:{status}")
    if status in (401, 403):
        return TryAgain(f"auth:{error_code or status}")
    return GiveUp(f"rejected:{error_code or status}")


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
