"""Configuration: defaults, then ``instance/config.py``, then the environment, then test overrides.

Nothing here is read at import time; ``load`` runs inside ``create_app`` so each app sees the
environment as it is when it is built.
"""

from __future__ import annotations

import os
import secrets
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask

from .privacy.inventory import REMEMBERED_SESSION

MODES = ("anonymous", "members")
LANGUAGES = ("ko", "en")

DEFAULTS: dict[str, object] = {
    "CLINIC_MODE": "anonymous",
    "CLINIC_TIMEZONE": "Asia/Seoul",
    "CLINIC_LANGUAGE": "ko",
    "CLINIC_STAFF_2FA": "required",
    # Seconds a person needs at least to fill a public form; bots post at once.
    "CLINIC_FORM_MIN_SECONDS": 2,
    # ...and the most: a form left open longer (or a stamp a bot keeps reusing) is sent again.
    "CLINIC_FORM_MAX_SECONDS": 86400,
    # hide_parameters: a failed statement's log line must never carry what a patient typed.
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
    # Create or upgrade the schema when the app starts: the quick start needs no extra step.
    "SCHEMA_AUTO_UPGRADE": True,
    # A whole request may carry an image the owner uploads (pages.images takes up to 8 MiB);
    # text fields stay small: MAX_FORM_MEMORY_SIZE holds each non-file field to 500 KiB.
    "MAX_CONTENT_LENGTH": 9 * 1024 * 1024,
    "MAX_FORM_MEMORY_SIZE": 500 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "session",
    # Only a member who ticks "keep me signed in" gets a lasting session cookie; every other
    # session cookie ends when the browser closes.
    "PERMANENT_SESSION_LIFETIME": REMEMBERED_SESSION.timedelta(),
    "WTF_CSRF_TIME_LIMIT": 60 * 60 * 4,
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_ENABLED": True,
    # With Redis down, count in memory rather than answer every request with 500.
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    "RATELIMIT_HEADERS_ENABLED": True,
    "RATELIMIT_KEY_PREFIX": "clinic",
    # Sign-in attempts per address (the clinic's staff may share one), and wrong passwords per
    # account and address, in tiers: each wait is longer than the last (limits/sign_in.py).
    "STAFF_LOGIN_LIMIT": "10 per minute;50 per hour",
    "STAFF_LOGIN_ACCOUNT_LIMIT": "5 per minute;10 per hour;20 per day",
    # Second-factor codes per signed-in account (six digits: few guesses allowed).
    "STAFF_CODE_LIMIT": "5 per minute;20 per hour",
    # A staff session unused this long ends: the next page asks for the password again.
    "STAFF_IDLE_MINUTES": 30,
    # argon2id at argon2-cffi's defaults (RFC 9106 low-memory profile); tests lower them.
    "PASSWORD_HASH_TIME_COST": 3,
    "PASSWORD_HASH_MEMORY_COST": 65536,
    "PASSWORD_HASH_PARALLELISM": 4,
    # Reverse proxies in front of the app whose X-Forwarded-* headers are trusted (0: none).
    "PROXY_COUNT": 0,
    # ...and only when the request comes from one of these addresses (the proxy's).
    "TRUSTED_PROXIES": ["127.0.0.1", "::1"],
    "BABEL_TRANSLATION_DIRECTORIES": "translations",
    "BABEL_DOMAIN": "messages",
    # The first request of each clinic day starts the purge in the background ("thread"); "inline"
    # runs it within that request (tests), "off" leaves it to cron alone.
    "DAILY_PURGE": "thread",
    # Pages every plain visitor sees alike are kept per worker (cache/pages.py) at most this long,
    # and at most this many; the site's revision renews them at once when their data changes.
    "PAGE_CACHE_SECONDS": 300,
    "PAGE_CACHE_ENTRIES": 500,
    # How often one address may post a cookie choice. How long a choice lasts is the inventory's
    # (CONSENT_COOKIE_DAYS in instance/config.py changes it).
    "CONSENT_LIMIT": "30 per minute;300 per hour",
    # New inquiries per address, and wrong inquiry passwords per inquiry and per address.
    "BOARD_POST_LIMIT": "5 per 10 minutes;20 per day",
    # One address, one inquiry, in tiers; no limit over all addresses, which a stranger could
    # fill to lock the author out.
    "BOARD_UNLOCK_POST_LIMIT": "5 per 15 minutes;10 per day",
    "BOARD_UNLOCK_IP_LIMIT": "20 per hour",
    # Outgoing mail for notices to the clinic; with no MAIL_SERVER nothing is sent (see mail.py).
    "MAIL_SERVER": None,
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_SENDER": None,
    # The company that hosts the site's server and database, if not the clinic itself: the
    # generated privacy policy names it as a processor (위탁). Set in instance/config.py.
    "HOSTING_PROVIDER": None,
    # Members mode: sign-in attempts (as for staff), identity checks per member, and new accounts
    # per address.
    "MEMBER_LOGIN_LIMIT": "10 per minute;50 per hour",
    "MEMBER_LOGIN_ACCOUNT_LIMIT": "5 per minute;10 per hour;20 per day",
    "MEMBER_VERIFY_LIMIT": "5 per 15 minutes",
    "MEMBER_REGISTER_LIMIT": "5 per hour;20 per day",
    # Clinic news goes out in the background ("thread") or within the request ("inline", tests),
    # in batches with a pause between them, so a small mail server is not flooded.
    "NEWS_SENDING": "thread",
    "NEWS_BATCH_SIZE": 50,
    "NEWS_BATCH_PAUSE_SECONDS": 1.0,
    # The site's public address (https://clinic.example): links in mail sent from the command
    # line (send-reminders), where no request tells the address.
    "SITE_URL": None,
    # Seconds a worker may keep showing (or not) the notice of an upcoming policy version.
    # Messages to patients (messages/): where text and KakaoTalk messages go ("none": text
    # messages are off, "console": printed, for development, "solapi": SOLAPI's v4 API).
    "CLINIC_SMS_PROVIDER": "none",
    "SOLAPI_API_KEY": None,
    "SOLAPI_API_SECRET": None,
    # The sender number registered with the provider (digits; dashes are dropped).
    "SOLAPI_SENDER": None,
    # The KakaoTalk channel's id (pfId); without it, text messages only.
    "SOLAPI_PFID": None,
    "SOLAPI_BASE_URL": "https://api.solapi.com",
    # Approved 알림톡 templates by message kind ({"reminder": "KA01TP..."}); a kind without one
    # goes as a text message. Variables: #{clinic}, #{when}, #{link} (docs/messages.md).
    "SOLAPI_TEMPLATES": {},
    # Delivery (flask send-messages): tries before a message is given up, the first wait after a
    # failed try (doubled each time, at most an hour), how long a claim lasts before another
    # worker may take the message over (longer than any one send), and the pause of --watch.
    "MESSAGES_MAX_ATTEMPTS": 6,
    "MESSAGES_RETRY_SECONDS": 60,
    "MESSAGES_CLAIM_SECONDS": 300,
    "MESSAGES_WATCH_SECONDS": 5.0,
}

SMS_PROVIDERS = ("none", "console", "solapi")

# Environment variables from the public contract, with how each is parsed.
_ENV: dict[str, Callable[[str], object]] = {
    "CLINIC_MODE": str,
    "DATABASE_URL": str,
    "SECRET_KEY": str,
    "RATELIMIT_STORAGE_URI": str,
    "CLINIC_STAFF_2FA": str,
    "CLINIC_FORM_MIN_SECONDS": float,
    "RATELIMIT_ENABLED": lambda v: v.strip().lower() not in ("0", "false", "no", "off"),
    "CLINIC_TIMEZONE": str,
    "CLINIC_LANGUAGE": str,
    "CLINIC_PROXY_COUNT": int,
    "CLINIC_SMS_PROVIDER": str,
    "SOLAPI_API_KEY": str,
    "SOLAPI_API_SECRET": str,
    "SOLAPI_SENDER": str,
    "SOLAPI_PFID": str,
    "SOLAPI_BASE_URL": str,
}


class ConfigError(RuntimeError):
    """The configuration cannot run a clinic site; the message says what to fix."""


def load(app: Flask, test_config: dict | None) -> None:
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    for name, parse in _ENV.items():
        raw = os.environ.get(name)
        if raw is not None and raw != "":
            try:
                value = parse(raw)
            except ValueError as exc:
                raise ConfigError(f"{name}={raw!r} is not valid: {exc}") from exc
            app.config["PROXY_COUNT" if name == "CLINIC_PROXY_COUNT" else name] = value
    if test_config:
        app.config.from_mapping(test_config)
    _fill_derived(app)
    _validate(app.config)


def _fill_derived(app: Flask) -> None:
    instance = Path(app.instance_path)
    if not app.config.get("DATABASE_URL"):
        instance.mkdir(parents=True, exist_ok=True)
        app.config["DATABASE_URL"] = f"sqlite:///{instance / 'clinic.sqlite3'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"]
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(instance)
    app.config["BABEL_DEFAULT_LOCALE"] = app.config["CLINIC_LANGUAGE"]
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["CLINIC_TIMEZONE"]


def _instance_secret(instance: Path) -> str:
    """The session key is made once and kept, so restarts do not sign everybody out."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def _validate(config) -> None:
    if config["CLINIC_MODE"] not in MODES:
        raise ConfigError(
            f"CLINIC_MODE={config['CLINIC_MODE']!r} is not a mode; use one of: {', '.join(MODES)}"
        )
    if config["CLINIC_LANGUAGE"] not in LANGUAGES:
        raise ConfigError(
            f"CLINIC_LANGUAGE={config['CLINIC_LANGUAGE']!r} is not offered; use ko or en"
        )
    if config["CLINIC_STAFF_2FA"] not in ("required", "optional"):
        raise ConfigError("CLINIC_STAFF_2FA must be 'required' or 'optional'")
    try:
        zoneinfo.ZoneInfo(config["CLINIC_TIMEZONE"])
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(
            f"CLINIC_TIMEZONE={config['CLINIC_TIMEZONE']!r} is not a time zone"
        ) from exc
    if not 0 <= float(config["CLINIC_FORM_MIN_SECONDS"]) <= 3:
        raise ConfigError("CLINIC_FORM_MIN_SECONDS must be between 0 and 3")
    _validate_messages(config)


def _validate_messages(config) -> None:
    """The text-message provider's settings. Errors name the setting, never its value: a key or
    a secret must not reach a log through a refused start."""
    provider = config["CLINIC_SMS_PROVIDER"]
    if provider not in SMS_PROVIDERS:
        raise ConfigError(
            f"CLINIC_SMS_PROVIDER={provider!r} is not a provider; use one of: "
            + ", ".join(SMS_PROVIDERS)
        )
    if provider == "solapi":
        missing = [
            name
            for name in ("SOLAPI_API_KEY", "SOLAPI_API_SECRET", "SOLAPI_SENDER")
            if not (config.get(name) or "").strip()
        ]
        if missing:
            raise ConfigError(f"CLINIC_SMS_PROVIDER=solapi needs {', '.join(missing)}")
        sender = config["SOLAPI_SENDER"].replace("-", "").strip()
        if not (sender.isdigit() and 8 <= len(sender) <= 12):
            raise ConfigError("SOLAPI_SENDER must be the registered sender number (digits)")
    base = urlsplit(config.get("SOLAPI_BASE_URL") or "")
    loopback = base.hostname in ("127.0.0.1", "localhost", "::1")
    if not (base.scheme == "https" or (base.scheme == "http" and loopback)) or not base.hostname:
        raise ConfigError(
            "SOLAPI_BASE_URL must be an https:// address (http:// only on this machine)"
        )
    if not isinstance(config.get("SOLAPI_TEMPLATES") or {}, dict):
        raise ConfigError("SOLAPI_TEMPLATES must map message kinds to template ids")
    for name in ("MESSAGES_MAX_ATTEMPTS", "MESSAGES_RETRY_SECONDS", "MESSAGES_CLAIM_SECONDS"):
        if int(config[name]) < 1:
            raise ConfigError(f"{name} must be at least 1")
