"""Request and response summaries for a debug logger, every credential redacted."""

from __future__ import annotations

import logging
import urllib.parse
from typing import Iterable, Sequence, Tuple

REDACTED = "[REDACTED]"
ALWAYS_SECRET = ("authorization", "cookie", "set-cookie", "proxy-authorization")


def _redact_url(url: str, secret_query: Sequence[str]) -> str:
    if not secret_query:
        return url
    parts = urllib.parse.urlsplit(url)
    pairs = []
    for pair in parts.query.split("&") if parts.query else []:
        name = urllib.parse.unquote_plus(pair.split("=", 1)[0])
        if name in secret_query:
            pairs.append(f"{pair.split('=', 1)[0]}={REDACTED}")
        else:
            pairs.append(pair)
    return urllib.parse.urlunsplit(parts._replace(query="&".join(pairs)))


class RedactingLogger:
    """Writes to a logging.Logger at DEBUG level; credentials become [REDACTED]."""

    def __init__(
        self,
        logger: logging.Logger,
        secret_headers: Iterable[str],
        secret_query: Iterable[str],
    ) -> None:
        self.logger = logger
        self.secret_headers = {*ALWAYS_SECRET, *(h.lower() for h in secret_headers)}
        self.secret_query = list(secret_query)

    def _headers(self, headers: Iterable[Tuple[str, str]]) -> str:
        lines = []
        for name, value in headers:
            shown = REDACTED if name.lower() in self.secret_headers else value
            lines.append(f"\n  {name.lower()}: {shown}")
        return "".join(lines)

    def request(
        self, method: str, url: str, headers: Iterable[Tuple[str, str]], attempt: int
    ) -> None:
        target = _redact_url(url, self.secret_query)
        text = f"> {method} {target} (attempt {attempt}){self._headers(headers)}"
        self.logger.debug("%s", text)

    def response(
        self, status: int, reason: str, headers: Iterable[Tuple[str, str]], ms: int
    ) -> None:
        text = f"< {status} {reason} ({ms} ms){self._headers(headers)}"
        self.logger.debug("%s", text)

    def failure(self, error: BaseException) -> None:
        self.logger.debug("< request failed: %s: %s", type(error).__name__, error)
