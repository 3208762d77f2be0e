"""
Schema descriptors that generated models declare next to their classes, read by one small
decoder (wire JSON to models, defaults filled in) and one encoder (models, dicts or
TypedDicts to wire JSON, checked before anything is sent).
"""

from __future__ import annotations

import copy
import enum
import json
import math
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

Path = Tuple[Union[str, int], ...]


class ValidationIssue(Exception):
    """A value that does not fit its schema: where, and why."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path_text(path)
        self.message = message


def path_text(path: Path) -> str:
    """``$.services[0].status`` from its parts."""
    out = ""
    for i, part in enumerate(path):
        if i == 0:
            out = str(part)
        elif isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}"
    return out


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {json.dumps(value)}"
    if isinstance(value, (int, float)):
        return f"number {value!r}"
    if isinstance(value, str):
        return f"string {json.dumps(value)}"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return f"a {type(value).__name__}"


def fail(path: Path, expected: str, value: Any) -> ValidationIssue:
    return ValidationIssue(path, f"expected {expected}, got {describe(value)}")


class Schema:
    """What a value must look like on the wire."""

    def decode(self, value: Any, path: Path) -> Any:
        """Wire value (parsed JSON) to the SDK's value; raises ValidationIssue."""
        raise NotImplementedError

    def encode(self, value: Any, path: Path) -> Any:
        """The caller's value to a wire value (JSON-ready); raises ValidationIssue."""
        raise NotImplementedError


class Primitive(Schema):
    def __init__(self, kind: str) -> None:
        self.kind = kind

    def _check(self, value: Any, path: Path) -> Any:
        kind = self.kind
        if kind == "any":
            return value
        if kind == "string":
            if isinstance(value, str):
                return value
            raise fail(path, "a string", value)
        if kind == "boolean":
            if isinstance(value, bool):
                return value
            raise fail(path, "a boolean", value)
        if kind == "null":
            if value is None:
                return None
            raise fail(path, "null", value)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise fail(path, "an integer" if kind == "integer" else "a number", value)
        if isinstance(value, float) and not math.isfinite(value):
            raise fail(path, "a number", value)
        if kind == "integer":
            if isinstance(value, float):
                if not value.is_integer():
                    raise fail(path, "an integer", value)
                return int(value)
            return value
        return value

    def decode(self, value: Any, path: Path) -> Any:
        return self._check(value, path)

    def encode(self, value: Any, path: Path) -> Any:
        return self._check(value, path)


STRING = Primitive("string")
INTEGER = Primitive("integer")
NUMBER = Primitive("number")
BOOLEAN = Primitive("boolean")
NULL = Primitive("null")
ANY = Primitive("any")


class Bytes(Schema):
    """Binary data (format: binary): bytes as they are; a string is taken as its UTF-8 bytes."""

    def decode(self, value: Any, path: Path) -> Any:
        if isinstance(value, (bytes, bytearray)):
            return bytes(value)
        if isinstance(value, str):
            return value.encode("utf-8")
        raise fail(path, "binary data", value)

    def encode(self, value: Any, path: Path) -> Any:
        return self.decode(value, path)


BYTES = Bytes()


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same kind: True is not 1, 1.0 is 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    return bool(a == b)


class Literal(Schema):
    def __init__(self, value: Any) -> None:
        self.value = value

    def decode(self, value: Any, path: Path) -> Any:
        if not _same(value, self.value):
            raise fail(path, json.dumps(self.value), value)
        return value

    def encode(self, value: Any, path: Path) -> Any:
        return self.decode(value, path)


class Enum(Schema):
    """A closed enum rejects unknown values; an open one passes them through as they are."""

    def __init__(self, cls: Any, open_: bool) -> None:
        self.cls = cls
        self.open = open_
        self.values: List[Any] = [m.value for m in cls]
        self.base = (
            "string" if all(isinstance(v, str) for v in self.values) else "number"
        )

    def _expected(self) -> str:
        return "one of " + ", ".join(json.dumps(v) for v in self.values)

    def _fits_base(self, value: Any) -> bool:
        if self.base == "string":
            return isinstance(value, str)
        return isinstance(value, (int, float)) and not isinstance(value, bool)

    def decode(self, value: Any, path: Path) -> Any:
        for member in self.cls:
            if _same(member.value, value):
                return member
        if self.open and self._fits_base(value):
            return value
        raise fail(path, self._expected(), value)

    def encode(self, value: Any, path: Path) -> Any:
        if isinstance(value, enum.Enum):
            value = value.value
        for v in self.values:
            if _same(v, value):
                return v
        if self.open and self._fits_base(value):
            return value
        raise fail(path, self._expected(), value)


class Array(Schema):
    def __init__(self, items: Schema) -> None:
        self.items = items

    def decode(self, value: Any, path: Path) -> Any:
        if not isinstance(value, list):
            raise fail(path, "an array", value)
        return [self.items.decode(v, path + (i,)) for i, v in enumerate(value)]

    def encode(self, value: Any, path: Path) -> Any:
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            raise fail(path, "an array", value)
        return [self.items.encode(v, path + (i,)) for i, v in enumerate(value)]


class Map(Schema):
    """A free-form object: any keys, values of one schema."""

    def __init__(self, values: Schema) -> None:
        self.values = values

    def decode(self, value: Any, path: Path) -> Any:
        if not isinstance(value, dict):
            raise fail(path, "an object", value)
        return {k: self.values.decode(v, path + (k,)) for k, v in value.items()}

    def encode(self, value: Any, path: Path) -> Any:
        if not isinstance(value, Mapping):
            raise fail(path, "an object", value)
        out: Dict[str, Any] = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise fail(path, "an object with string keys", value)
            out[k] = self.values.encode(v, path + (k,))
        return out


class Nullable(Schema):
    def __init__(self, inner: Schema) -> None:
        self.inner = inner

    def decode(self, value: Any, path: Path) -> Any:
        return None if value is None else self.inner.decode(value, path)

    def encode(self, value: Any, path: Path) -> Any:
        return None if value is None else self.inner.encode(value, path)


class Union_(Schema):
    """The first variant the value fits."""

    def __init__(self, variants: Sequence[Schema]) -> None:
        self.variants = list(variants)

    def _first(self, value: Any, path: Path, decode: bool) -> Any:
        issues: List[str] = []
        for variant in self.variants:
            try:
                if decode:
                    return variant.decode(value, path)
                return variant.encode(value, path)
            except ValidationIssue as issue:
                issues.append(issue.message)
        raise ValidationIssue(path, f"matches no variant ({'; '.join(issues)})")

    def decode(self, value: Any, path: Path) -> Any:
        return self._first(value, path, True)

    def encode(self, value: Any, path: Path) -> Any:
        return self._first(value, path, False)


class AllOf(Schema):
    """Every part must accept the value; it is kept as it is."""

    def __init__(self, parts: Sequence[Schema]) -> None:
        self.parts = list(parts)

    def decode(self, value: Any, path: Path) -> Any:
        for part in self.parts:
            part.decode(value, path)
        return copy.deepcopy(value)

    def encode(self, value: Any, path: Path) -> Any:
        encoded = [part.encode(value, path) for part in self.parts]
        if all(isinstance(e, dict) for e in encoded):
            merged: Dict[str, Any] = {}
            for e in encoded:
                merged.update(e)
            return merged
        return encoded[0] if encoded else value


class Ref(Schema):
    """A schema declared elsewhere, looked up when first used (it may be declared later)."""

    def __init__(self, get: Callable[[], Schema]) -> None:
        self.get = get
        self._target: Optional[Schema] = None

    def target(self) -> Schema:
        if self._target is None:
            self._target = self.get()
        return self._target

    def decode(self, value: Any, path: Path) -> Any:
        return self.target().decode(value, path)

    def encode(self, value: Any, path: Path) -> Any:
        return self.target().encode(value, path)


NO_DEFAULT: Any = object()


class Prop:
    """One property of an object: its Python name, wire name and schema."""

    def __init__(
        self,
        name: str,
        wire: str,
        schema: Schema,
        required: bool = False,
        default: Any = NO_DEFAULT,
    ) -> None:
        self.name = name
        self.wire = wire
        self.schema = schema
        self.required = required
        self.default = default
        self.has_default = default is not NO_DEFAULT


class Object(Schema):
    """An object decoded into a dataclass; encoded from that dataclass or a dict of its fields.

    ``extra`` names the dataclass field that keeps the properties the schema does not name
    (additionalProperties), and the schema of their values; without it, they are refused
    when sent and left out when received.
    """

    def __init__(
        self,
        cls: Any,
        props: Sequence[Prop],
        extra: Optional[Tuple[str, Schema]] = None,
    ) -> None:
        self.cls = cls
        self.props = list(props)
        self.extra = extra
        self.names = {p.name for p in self.props}
        self.wires = {p.wire for p in self.props}

    def decode(self, value: Any, path: Path) -> Any:
        if not isinstance(value, dict):
            raise fail(path, "an object", value)
        fields: Dict[str, Any] = {}
        for prop in self.props:
            if prop.wire not in value:
                if prop.has_default:
                    fields[prop.name] = _default(prop, path)
                elif prop.required:
                    raise ValidationIssue(
                        path + (prop.wire,), "is required but missing"
                    )
                continue
            fields[prop.name] = prop.schema.decode(
                value[prop.wire], path + (prop.wire,)
            )
        if self.extra is not None:
            name, schema = self.extra
            fields[name] = {
                k: schema.decode(v, path + (k,))
                for k, v in value.items()
                if isinstance(k, str) and k not in self.wires
            }
        return self.cls(**fields)

    def encode(self, value: Any, path: Path) -> Any:
        if isinstance(value, self.cls):
            read: Callable[[Prop], Any] = lambda p: getattr(value, p.name, None)
            extra: Dict[str, Any] = (
                dict(getattr(value, self.extra[0])) if self.extra is not None else {}
            )
        elif isinstance(value, Mapping):
            mapping = value
            read = lambda p: mapping.get(p.name, mapping.get(p.wire))
            extra = {
                k: v
                for k, v in mapping.items()
                if isinstance(k, str) and k not in self.names and k not in self.wires
            }
            if extra and self.extra is None:
                name = sorted(extra)[0]
                raise ValidationIssue(path + (name,), "is not a field of this object")
        else:
            raise fail(path, "an object", value)
        out: Dict[str, Any] = {}
        for prop in self.props:
            current = read(prop)
            if current is None:
                if prop.required:
                    try:
                        out[prop.wire] = prop.schema.encode(None, path + (prop.wire,))
                    except ValidationIssue:
                        where = path + (prop.wire,)
                        raise ValidationIssue(
                            where, "is required but missing"
                        ) from None
                continue
            out[prop.wire] = prop.schema.encode(current, path + (prop.wire,))
        if self.extra is not None:
            schema = self.extra[1]
            for k, v in extra.items():
                if k not in out:
                    out[k] = schema.encode(v, path + (k,))
        return out


def _default(prop: Prop, path: Path) -> Any:
    try:
        return prop.schema.decode(copy.deepcopy(prop.default), path + (prop.wire,))
    except ValidationIssue:
        return copy.deepcopy(prop.default)
