"""Which reverse proxies are believed about the client's address and scheme.

``X-Forwarded-For`` and ``X-Forwarded-Proto`` are read (through Werkzeug's ProxyFix, for
``PROXY_COUNT`` proxies) only when the request arrives from an address in ``TRUSTED_PROXIES``.
A request that reaches the app directly, past the proxy, is taken at its own address: a forged
header then changes nothing, not the per-address rate limits and not the access record.
"""

from __future__ import annotations

from ipaddress import ip_address, ip_network

from werkzeug.middleware.proxy_fix import ProxyFix


class TrustedProxyFix:
    def __init__(self, app, hops: int, trusted: tuple[str, ...]):
        self.direct = app
        self.behind_proxy = ProxyFix(app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)
        self.trusted = tuple(ip_network(net, strict=False) for net in trusted)

    def _from_trusted(self, environ) -> bool:
        try:
            peer = ip_address(environ.get("REMOTE_ADDR", ""))
        except ValueError:
            return False
        return any(peer in net for net in self.trusted)

    def __call__(self, environ, start_response):
        app = self.behind_proxy if self._from_trusted(environ) else self.direct
        return app(environ, start_response)
