"""Gunicorn settings for clinic_site: `gunicorn 'clinic_site:create_app()'` run from this folder
reads them (or `-c path/to/gunicorn.conf.py` from elsewhere). Environment variables of gunicorn
(GUNICORN_CMD_ARGS) and the command line still override each setting."""

from __future__ import annotations

import os

# Only the reverse proxy on this machine talks to the app; nothing else can reach it, so nothing
# else can send it forged X-Forwarded-* headers.
bind = os.environ.get("CLINIC_BIND", "127.0.0.1:8000")

# Sync workers: pages are short and CPU-bound (see the README's Speed section).
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))

# Whose X-Forwarded-Proto/-For gunicorn itself believes: the local proxy only. The app applies the
# same rule to X-Forwarded-For (CLINIC_PROXY_COUNT, TRUSTED_PROXIES).
forwarded_allow_ips = "127.0.0.1,::1"

# A worker stuck longer than this is replaced; the slowest page takes well under a second.
timeout = 30
graceful_timeout = 30


def post_worker_init(worker):
    """Say it when limits would be counted per worker: with memory:// each of several workers
    lets the full limit through. Read from the loaded app, wherever its settings came from."""
    config = getattr(worker.wsgi, "config", {})
    storage = str(config.get("RATELIMIT_STORAGE_URI", "memory://"))
    limited = config.get("RATELIMIT_ENABLED", True)
    if limited and worker.cfg.workers > 1 and storage.startswith("memory://"):
        worker.log.warning(
            "RATELIMIT_STORAGE_URI is memory:// while %d workers run: rate limits are then "
            "counted per worker, and each lets the full limit through. Set it to a Redis URL "
            "(redis://127.0.0.1:6379/0).",
            worker.cfg.workers,
        )


def when_ready(server):
    """Before the workers start: tell them the address gunicorn listens on, so the first of them
    can tell a new owner where to sign in (once per start: clinic_site.print_start_hints)."""
    address = server.cfg.address[0] if server.cfg.address else ("127.0.0.1", 8000)
    where = f"http://{address[0]}:{address[1]}" if isinstance(address, tuple) else str(address)
    os.environ["CLINIC_SERVED_AT"] = where
