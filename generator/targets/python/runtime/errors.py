"""Errors raised by the SDK. Every one of them extends SDKBaseError."""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Optional, Sequence

import httpx


class SDKBaseError(Exception):
    """Base of every error the SDK raises, so one ``except`` clause catches them all."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclasses.dataclass(frozen=True)
class HTTPDetails:
    """What the server answered, attached to errors raised for an HTTP response."""

    status_code: int
    content_type: str
    headers: httpx.Headers
    body: str
    raw_response: httpx.Response


class HTTPError(SDKBaseError):
    """An error raised for an HTTP response: its status, headers, body text and raw response."""

    status_code: int
    content_type: str
    headers: httpx.Headers
    body: str
    raw_response: httpx.Response

    def __init__(self, message: str, http: HTTPDetails) -> None:
        super().__init__(message)
        self.status_code = http.status_code
        self.content_type = http.content_type
        self.headers = http.headers
        self.body = http.body
        self.raw_response = http.raw_response


class SDKError(HTTPError):
    """A response the API description does not declare: another status or content type."""

    def __init__(self, message: str, http: HTTPDetails) -> None:
        # The body stays out of the message: it may hold credentials (plex.tv echoes tokens).
        content_type = json.dumps(http.content_type)
        text = f"{message}: Status {http.status_code} Content-Type {content_type}"
        super().__init__(text, http)


class ResponseValidationError(HTTPError):
    """The response body does not have the shape the API description promises."""

    path: str

    def __init__(self, message: str, path: str, http: HTTPDetails) -> None:
        super().__init__(f"Response validation failed at {path}: {message}", http)
        self.path = path


class SDKValidationError(SDKBaseError):
    """The input was rejected before any request was sent."""

    path: str

    def __init__(self, message: str, path: str) -> None:
        super().__init__(f"Invalid input at {path}: {message}")
        self.path = path


class ConnectionError(SDKBaseError):  # noqa: A001 - the SDK's own, not the builtin
    """The server could not be reached, or the connection broke."""


class RequestTimeoutError(SDKBaseError):
    """The request took longer than its timeout."""


def message_at(data: Any, path: Sequence[str]) -> Optional[str]:
    """The text at a path in a decoded JSON body; "*" steps into every item of a list."""
    values = [data]
    for step in path:
        found = []
        for value in values:
            if step == "*":
                if isinstance(value, list):
                    found.extend(value)
            elif isinstance(value, dict) and step in value:
                found.append(value[step])
        values = found
    texts = [v for v in values if isinstance(v, str) and v != ""]
    return "; ".join(texts) if texts else None


def message_or(data: Any, path: Sequence[str], fallback: str) -> str:
    """The message an error body holds at a path, or the fallback."""
    found = message_at(data, path)
    return fallback if found is None else found
