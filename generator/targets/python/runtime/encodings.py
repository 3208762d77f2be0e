"""Parameters and bodies on the wire: OpenAPI styles, percent-encoding, JSON and forms."""

from __future__ import annotations

import json
import re
import urllib.parse
from typing import Any, List, Mapping, Tuple

from .errors import SDKValidationError


def scalar(value: Any) -> str:
    """A wire value as text, the way JavaScript's String() and JSON.stringify write it."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dict, list)):
        return json_text(value)
    return str(value)


def json_text(value: Any) -> str:
    """Compact JSON, non-ASCII kept as it is, NaN refused; binary data is written as its text."""
    try:
        return json.dumps(
            value,
            separators=(",", ":"),
            ensure_ascii=False,
            allow_nan=False,
            default=_binary_as_text,
        )
    except ValueError as error:
        raise SDKValidationError(str(error), "body") from None


def _binary_as_text(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    raise TypeError(f"{type(value).__name__} is not JSON")


def _quote(text: str, safe: str = "-_.~") -> str:
    try:
        return urllib.parse.quote(text, safe=safe)
    except UnicodeEncodeError:
        raise SDKValidationError("text is not valid Unicode", "parameter") from None


def encode_path_segment(text: str) -> str:
    """Percent-encodes all but unreserved characters; "." and ".." never act as segments."""
    encoded = _quote(text)
    if encoded in (".", ".."):
        return encoded.replace(".", "%2E")
    return encoded


def encode_query_part(text: str) -> str:
    return _quote(text)


def _entries(value: Mapping[str, Any]) -> List[Tuple[str, Any]]:
    return [(k, v) for k, v in value.items() if v is not None]


def serialize_path(value: Any, name: str, style: str, explode: bool) -> str:
    """A path parameter in simple, label or matrix style."""

    def enc(v: Any) -> str:
        return encode_path_segment(scalar(v))

    if style == "label":
        if isinstance(value, list):
            return "." + ("." if explode else ",").join(enc(v) for v in value)
        if isinstance(value, dict):
            kv = _entries(value)
            if explode:
                return "." + ".".join(f"{enc(k)}={enc(v)}" for k, v in kv)
            return "." + ",".join(f"{enc(k)},{enc(v)}" for k, v in kv)
        return "." + enc(value)
    if style == "matrix":
        key = encode_path_segment(name)
        if isinstance(value, list):
            if explode:
                return "".join(f";{key}={enc(v)}" for v in value)
            return f";{key}=" + ",".join(enc(v) for v in value)
        if isinstance(value, dict):
            kv = _entries(value)
            if explode:
                return "".join(f";{enc(k)}={enc(v)}" for k, v in kv)
            return f";{key}=" + ",".join(f"{enc(k)},{enc(v)}" for k, v in kv)
        return f";{key}={enc(value)}"
    if isinstance(value, list):
        return ",".join(enc(v) for v in value)
    if isinstance(value, dict):
        kv = _entries(value)
        if explode:
            return ",".join(f"{enc(k)}={enc(v)}" for k, v in kv)
        return ",".join(f"{enc(k)},{enc(v)}" for k, v in kv)
    return enc(value)


def serialize_query(value: Any, name: str, style: str, explode: bool) -> List[str]:
    """Encoded ``name=value`` pairs for one query parameter."""
    key = encode_query_part(name)

    def enc(v: Any) -> str:
        return encode_query_part(scalar(v))

    if style == "deepObject" and isinstance(value, dict):
        pairs: List[str] = []
        for k, v in _entries(value):
            items = v if isinstance(v, list) else [v]
            pairs.extend(f"{key}%5B{encode_query_part(k)}%5D={enc(i)}" for i in items)
        return pairs
    if isinstance(value, list):
        items = [v for v in value if v is not None]
        if explode:
            return [f"{key}={enc(v)}" for v in items]
        sep = {"spaceDelimited": "%20", "pipeDelimited": "%7C"}.get(style, ",")
        return [f"{key}=" + sep.join(enc(v) for v in items)]
    if isinstance(value, dict):
        kv = _entries(value)
        if explode:
            return [f"{encode_query_part(k)}={enc(v)}" for k, v in kv]
        return [f"{key}=" + ",".join(f"{encode_query_part(k)},{enc(v)}" for k, v in kv)]
    return [f"{key}={enc(value)}"]


_UNSAFE_HEADER = re.compile(r"[\r\n\0]")


def assert_header_safe(text: str, name: str) -> str:
    """Refuses CR, LF and NUL (no header can be smuggled in) and text HTTP cannot carry."""
    if _UNSAFE_HEADER.search(text):
        raise SDKValidationError(
            "header values must not contain CR, LF or NUL", f"header {name}"
        )
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        raise SDKValidationError(
            "header values must be ISO-8859-1 text", f"header {name}"
        ) from None
    return text


def serialize_header(value: Any, name: str, style: str, explode: bool) -> str:
    if isinstance(value, list):
        text = ",".join(scalar(v) for v in value)
    elif isinstance(value, dict):
        kv = _entries(value)
        if explode:
            text = ",".join(f"{k}={scalar(v)}" for k, v in kv)
        else:
            text = ",".join(f"{k},{scalar(v)}" for k, v in kv)
    else:
        text = scalar(value)
    return assert_header_safe(text, name)


def serialize_cookie(value: Any, name: str, style: str, explode: bool) -> str:
    text = (
        ",".join(scalar(v) for v in value) if isinstance(value, list) else scalar(value)
    )
    return f"{name}={encode_query_part(text)}"


def encode_json(body: Any) -> str:
    return json_text(body)


def encode_form(body: Any) -> str:
    """application/x-www-form-urlencoded: lists repeat their key, nested values go as JSON."""
    if not isinstance(body, dict):
        raise SDKValidationError("a form body must be an object", "body")
    pairs: List[str] = []
    for key, value in _entries(body):
        for item in value if isinstance(value, list) else [value]:
            k = encode_query_part(key).replace("%20", "+")
            v = encode_query_part(scalar(item)).replace("%20", "+")
            pairs.append(f"{k}={v}")
    return "&".join(pairs)


def encode_text(body: Any) -> str:
    return body if isinstance(body, str) else scalar(body)


def encode_body(content_type: str, body: Any) -> str:
    """The body encoder for a declared content type."""
    media = content_type.lower()
    if "json" in media:
        return encode_json(body)
    if media.startswith("application/x-www-form-urlencoded"):
        return encode_form(body)
    return encode_text(body)
