"""Retry policies: jittered exponential backoff that honours Retry-After."""

from __future__ import annotations

import dataclasses
import email.utils
import random
import re
from typing import Callable, List, Optional, Sequence


@dataclasses.dataclass
class BackoffStrategy:
    """Waits between attempts, in milliseconds."""

    initial_interval: int = 500
    """Milliseconds before the first retry."""
    max_interval: int = 60_000
    """Longest wait between two attempts; caps Retry-After too."""
    exponent: float = 1.5
    """Growth factor of the wait from one retry to the next."""
    max_elapsed_time: int = 3_600_000
    """No retry starts once this many milliseconds have passed since the first attempt."""


@dataclasses.dataclass
class RetryConfig:
    """How failed requests are tried again. ``RetryConfig("none")`` turns retries off."""

    strategy: str = "backoff"
    """"backoff" or "none"."""
    backoff: Optional[BackoffStrategy] = None
    """Waits between attempts; the defaults when absent."""
    retry_connection_errors: bool = False
    """Also retry when the server cannot be reached or the connection breaks."""
    retry_codes: Optional[List[str]] = None
    """Statuses to retry ("503", "5XX"); 429, 500, 502, 503 and 504 when absent."""


DEFAULT_RETRY_CODES = ["429", "500", "502", "503", "504"]

_RANGE = re.compile(r"^[1-5]XX$", re.IGNORECASE)
_HTTP_DATE = re.compile(
    r"^[A-Za-z]{3,9},? \d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$"
    r"|^[A-Za-z]{3} [A-Za-z]{3} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}$"
)


def status_is_retried(status: int, codes: Sequence[str]) -> bool:
    """Whether a status is one of the codes ("503", or a range such as "5XX")."""
    text = str(status)
    return any(
        c == text or (_RANGE.match(c) is not None and c[0] == text[0]) for c in codes
    )


def retry_after_ms(header: Optional[str], now_ms: float) -> Optional[float]:
    """Milliseconds a Retry-After header asks for (delta-seconds or an HTTP date)."""
    if header is None:
        return None
    text = header.strip()
    if re.fullmatch(r"[0-9]+", text):
        return int(text) * 1000.0
    if not _HTTP_DATE.match(text):
        return None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() * 1000.0 - now_ms)


def backoff_delay(
    attempt: int,
    backoff: BackoffStrategy,
    rand: Callable[[], float] = random.random,
) -> float:
    """The wait in ms before retry number ``attempt`` (0 first): between half and all of it."""
    try:
        grown = backoff.initial_interval * backoff.exponent**attempt
    except OverflowError:
        grown = float(backoff.max_interval)
    computed = min(float(backoff.max_interval), grown)
    return round(computed * (0.5 + rand() * 0.5))
