"""
Sends one operation and decodes its answer, synchronously or with asyncio. The two share
everything but the sending: preparing the request, the retry policy, redirects and decoding.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import json
import time
from typing import Any, Callable, Dict, Generic, List, Mapping, Optional, Sequence
from typing import Tuple, TypeVar

import httpx

from .config import ApiSpec, ParamSpec, SDKConfiguration, ServerSpec, server_url_from
from .encodings import (
    assert_header_safe,
    encode_body,
    encode_query_part,
    serialize_cookie,
    serialize_header,
    serialize_path,
    serialize_query,
)
from .errors import (
    ConnectionError,
    HTTPDetails,
    HTTPError,
    RequestTimeoutError,
    ResponseValidationError,
    SDKBaseError,
    SDKError,
    SDKValidationError,
)
from .hooks import (
    HookContext,
    HookRaised,
    SDKHooks,
    run_after_error,
    run_after_success,
    run_before_request,
    run_now,
)
from .logger import RedactingLogger
from .retries import (
    DEFAULT_RETRY_CODES,
    BackoffStrategy,
    RetryConfig,
    backoff_delay,
    retry_after_ms,
    status_is_retried,
)
from .schema import BYTES, Schema, ValidationIssue

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class ResponseSpec:
    status: str
    """"200", "2XX" or "default"."""
    content_type: Optional[str] = None
    field: Optional[str] = None
    """Field of the response class the decoded body goes to."""
    schema: Optional[Schema] = None


@dataclasses.dataclass(frozen=True)
class ErrorSpec:
    status: str
    content_type: str
    schema: Optional[Schema]
    create: Callable[[Any, Any, HTTPDetails], HTTPError]
    """Makes the error from the decoded body, the parsed JSON and the response details."""


@dataclasses.dataclass(frozen=True)
class BodySpec:
    content_type: str
    required: bool
    schema: Optional[Schema] = None


@dataclasses.dataclass(frozen=True)
class OperationSpec(Generic[T]):
    operation_id: str
    method: str
    path: str
    servers: Optional[Sequence[ServerSpec]]
    """Servers of the operation itself; None when it uses the API's."""
    security: Optional[Sequence[Sequence[str]]]
    """Alternatives of schemes to apply; None to inherit the API's, empty for none."""
    params: Sequence[ParamSpec]
    body: Optional[BodySpec]
    accept: str
    responses: Sequence[ResponseSpec]
    errors: Sequence[ErrorSpec]
    response_type: Callable[..., T]
    request_fields: Optional[Sequence[str]] = None
    """For operations that take a request object: its field for each parameter, then the body's."""


@dataclasses.dataclass(frozen=True)
class RequestOptions:
    """Options of one call."""

    retries: Optional[RetryConfig] = None
    server_url: Optional[str] = None
    timeout_ms: Optional[int] = None
    http_headers: Optional[Mapping[str, str]] = None
    retry_codes: Optional[Sequence[str]] = None


@dataclasses.dataclass
class Prepared:
    method: str
    url: str
    base_url: str
    headers: Dict[str, str]
    content: Optional[bytes]
    credential_headers: List[str]


@dataclasses.dataclass
class Received:
    """A response with its body read."""

    response: httpx.Response
    text: str


def _checked(schema: Optional[Schema], value: Any, root: str) -> Any:
    if schema is None:
        return value
    try:
        return schema.encode(value, (root,))
    except ValidationIssue as issue:
        raise SDKValidationError(issue.message, issue.path) from None


def _base_url(
    config: SDKConfiguration, spec: OperationSpec[Any], options: RequestOptions
) -> str:
    if options.server_url:
        return options.server_url
    if spec.servers:
        return server_url_from(spec.servers[0], {})
    if config.server_url:
        return config.server_url
    index = config.server_idx or 0
    if not 0 <= index < len(config.api.servers):
        raise SDKValidationError(f"no server at index {index}", "server_idx")
    return server_url_from(config.api.servers[index], config.options)


def _key(p: ParamSpec) -> str:
    return f"{p.in_}:{p.name.lower() if p.in_ == 'header' else p.name}"


def _prepare(
    config: SDKConfiguration,
    spec: OperationSpec[Any],
    params: Sequence[Any],
    body: Any,
    options: RequestOptions,
) -> Prepared:
    path = spec.path
    query: List[str] = []
    headers: Dict[str, str] = {"accept": spec.accept}
    cookies: List[str] = []

    def apply(param: ParamSpec, value: Any) -> None:
        nonlocal path
        if value is None:
            return
        style = (param.name, param.style, param.explode)
        if param.in_ == "path":
            path = path.replace("{" + param.name + "}", serialize_path(value, *style))
        elif param.in_ == "query":
            query.extend(serialize_query(value, *style))
        elif param.in_ == "header":
            headers[param.name.lower()] = serialize_header(value, *style)
        else:
            cookies.append(serialize_cookie(value, *style))

    given = {_key(p) for p, v in zip(spec.params, params) if v is not None}
    # A global is sent unless the call gives the same parameter a value of its own.
    for g in config.api.globals:
        value = config.options.get(g.option or "")
        if _key(g) not in given and value is not None:
            apply(g, _checked(g.schema, value, g.name))
    for param, value in zip(spec.params, params):
        if value is None:
            if param.in_ == "path":
                raise SDKValidationError("a path parameter is required", param.name)
            continue
        apply(param, _checked(param.schema, value, param.name))

    before = set(headers)
    cookies_before = len(cookies)
    _apply_security(config, spec, headers, query, cookies)
    credential_headers = [h for h in headers if h not in before]
    if len(cookies) > cookies_before:
        credential_headers.append("cookie")

    content: Optional[bytes] = None
    if spec.body is not None and body is not None:
        wire = _checked(spec.body.schema, body, "body")
        headers["content-type"] = spec.body.content_type
        if isinstance(wire, bytes):
            content = wire
        else:
            content = encode_body(spec.body.content_type, wire).encode("utf-8")
    elif spec.body is not None and spec.body.required:
        raise SDKValidationError("a request body is required", "body")
    if cookies:
        headers["cookie"] = "; ".join(cookies)
    for name, value in (options.http_headers or {}).items():
        headers[name.lower()] = assert_header_safe(value, name)

    base = _base_url(config, spec, options).rstrip("/")
    url = base + path + ("?" + "&".join(query) if query else "")
    return Prepared(spec.method, url, base, headers, content, credential_headers)


def _apply_security(
    config: SDKConfiguration,
    spec: OperationSpec[Any],
    headers: Dict[str, str],
    query: List[str],
    cookies: List[str],
) -> None:
    alternatives = spec.security if spec.security is not None else config.api.security
    schemes = config.api.security_schemes
    chosen: Sequence[str] = []
    for alternative in alternatives:
        if all(
            k in schemes and config.options.get(schemes[k].option) is not None
            for k in alternative
        ):
            chosen = alternative
            break
    for key in chosen:
        scheme = schemes[key]
        credential = config.options.get(scheme.option)
        value = credential() if callable(credential) else credential
        if value is None:
            continue
        if scheme.kind == "basic":
            pair = f"{value.username}:{value.password}".encode("utf-8")
            headers["authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
            continue
        text = assert_header_safe(str(value), scheme.name or "Authorization")
        if scheme.kind == "bearer":
            bearer = text.lower().startswith("bearer ")
            headers["authorization"] = text if bearer else f"Bearer {text}"
        elif scheme.in_ == "header":
            headers[scheme.name.lower()] = text
        elif scheme.in_ == "query":
            query.append(f"{encode_query_part(scheme.name)}={encode_query_part(text)}")
        else:
            cookies.append(f"{scheme.name}={encode_query_part(text)}")


def _logger(config: SDKConfiguration) -> Optional[RedactingLogger]:
    if config.debug_logger is None:
        return None
    schemes = [s for s in config.api.security_schemes.values() if s.kind == "apiKey"]
    return RedactingLogger(
        config.debug_logger,
        [s.name for s in schemes if s.in_ == "header"],
        [s.name for s in schemes if s.in_ == "query"],
    )


REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 20


def _origin(url: httpx.URL) -> Any:
    return (url.scheme, url.host, url.port)


def _next_hop(
    prepared: Prepared, current: Prepared, response: httpx.Response
) -> Optional[Prepared]:
    """The request a redirect asks for; credentials dropped when it leaves the origin."""
    location = response.headers.get("location")
    if response.status_code not in REDIRECTS or location is None:
        return None
    target = response.url.join(location)
    headers = dict(current.headers)
    if _origin(target) != _origin(response.url):
        for name in prepared.credential_headers:
            headers.pop(name, None)
    method, content = current.method, current.content
    post = current.method == "POST" and response.status_code in (301, 302)
    if response.status_code == 303 or post:
        method = "HEAD" if method == "HEAD" else "GET"
        content = None
        headers.pop("content-type", None)
    return dataclasses.replace(
        current, method=method, url=str(target), headers=headers, content=content
    )


def _describe(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    cause = error.__cause__ or error.__context__
    return f"{text}: {cause}" if cause is not None and str(cause) not in text else text


class _Deadline(Exception):
    pass


def _received(response: httpx.Response, raw: bytes) -> Received:
    copy = httpx.Response(
        response.status_code,
        headers=response.headers,
        content=raw,
        request=response.request,
        extensions=response.extensions,
    )
    return Received(copy, copy.content.decode("utf-8", errors="replace"))


def _timeout_ms(config: SDKConfiguration, options: RequestOptions) -> Optional[int]:
    value = options.timeout_ms if options.timeout_ms is not None else config.timeout_ms
    return value if value is not None and value > 0 else None


def _httpx_timeout(deadline: Optional[float]) -> Any:
    if deadline is None:
        return httpx.USE_CLIENT_DEFAULT
    return httpx.Timeout(max(0.001, deadline - time.monotonic()))


def _failure(
    error: BaseException, spec: OperationSpec[Any], timeout: Optional[int]
) -> SDKBaseError:
    if isinstance(error, (httpx.TimeoutException, _Deadline, asyncio.TimeoutError)):
        return RequestTimeoutError(f"{spec.operation_id} timed out after {timeout} ms")
    return ConnectionError(f"{spec.operation_id}: {_describe(error)}")


_NETWORK_ERRORS = (
    httpx.HTTPError,
    httpx.InvalidURL,
    httpx.StreamError,
    _Deadline,
    OSError,
)


async def _hooked(
    hooks: Sequence[SDKHooks],
    context: HookContext,
    hop: int,
    current: Prepared,
    request: httpx.Request,
) -> Tuple[Prepared, httpx.Request]:
    """Runs the before_request hooks on an attempt's first request; redirects keep their headers."""
    if hop > 0 or not hooks:
        return current, request
    request = await run_before_request(hooks, context, request)
    kept = {
        k: v
        for k, v in request.headers.items()
        if k.lower() not in ("host", "content-length")
    }
    return dataclasses.replace(current, headers=kept), request


def _from_hook(response: httpx.Response) -> Received:
    """A response a hook gave, its body read."""
    return Received(response, response.read().decode("utf-8", errors="replace"))


def _chosen(error: Optional[Exception], failure: Optional[SDKBaseError]) -> Exception:
    """What to raise after the after_error hooks: retryable failures as they are, so the
    retry policy sees them; any other error carried out unchanged."""
    if error is None:
        error = failure or SDKBaseError("an after_error hook returned no response")
    if isinstance(error, (ConnectionError, RequestTimeoutError)):
        return error
    return HookRaised(error)


async def _after_failure(
    hooks: Sequence[SDKHooks], context: HookContext, failure: SDKBaseError
) -> Received:
    """The after_error hooks on a failure to get a response: a response they give, or the error."""
    response, error = await run_after_error(hooks, context, None, failure)
    if response is not None:
        return _from_hook(response)
    raise _chosen(error, failure)


async def _after_response(
    hooks: Sequence[SDKHooks], context: HookContext, received: Received
) -> Received:
    """The after_success or after_error hooks on a response."""
    if not hooks:
        return received
    response = received.response
    if 200 <= response.status_code < 300:
        replaced = await run_after_success(hooks, context, response)
    else:
        answer, error = await run_after_error(hooks, context, response, None)
        if answer is None:
            raise _chosen(error, None)
        replaced = answer
    return received if replaced is response else _from_hook(replaced)


async def _on_failure(
    error: BaseException,
    spec: OperationSpec[Any],
    timeout: Optional[int],
    logger: Optional[RedactingLogger],
    hooks: Sequence[SDKHooks],
    context: HookContext,
) -> Received:
    """An attempt that got no response: logged, then the after_error hooks or the error."""
    failure = _failure(error, spec, timeout)
    if logger is not None:
        logger.failure(failure)
    if not hooks:
        raise failure from error
    return await _after_failure(hooks, context, failure)


async def _on_received(
    received: Received,
    started: float,
    logger: Optional[RedactingLogger],
    hooks: Sequence[SDKHooks],
    context: HookContext,
) -> Received:
    """An attempt that got a response: logged, then the after_success or after_error hooks."""
    if logger is not None:
        ms = int((time.monotonic() - started) * 1000)
        r = received.response
        logger.response(r.status_code, r.reason_phrase, r.headers.items(), ms)
    return await _after_response(hooks, context, received)


def _attempt_sync(
    config: SDKConfiguration,
    spec: OperationSpec[Any],
    prepared: Prepared,
    options: RequestOptions,
    attempt: int,
    logger: Optional[RedactingLogger],
) -> Received:
    timeout = _timeout_ms(config, options)
    deadline = None if timeout is None else time.monotonic() + timeout / 1000
    client = config.sync_client()
    hooks = config.hooks
    context = HookContext(spec.operation_id, prepared.base_url, attempt)
    started = time.monotonic()

    def exchange() -> Received:
        current = prepared
        for hop in range(MAX_REDIRECTS + 1):
            request = client.build_request(
                current.method,
                current.url,
                headers=current.headers,
                content=current.content,
                timeout=_httpx_timeout(deadline),
            )
            current, request = run_now(_hooked(hooks, context, hop, current, request))
            if logger is not None:
                logger.request(
                    request.method, str(request.url), request.headers.items(), attempt
                )
            response = client.send(request, stream=True, follow_redirects=False)
            try:
                hop_to = _next_hop(prepared, current, response)
                if hop_to is not None:
                    current = hop_to
                    continue
                chunks: List[bytes] = []
                for chunk in response.iter_raw():
                    chunks.append(chunk)
                    if deadline is not None and time.monotonic() > deadline:
                        raise _Deadline()
                return _received(response, b"".join(chunks))
            finally:
                response.close()
        raise ConnectionError(
            f"{spec.operation_id}: more than {MAX_REDIRECTS} redirects"
        )

    try:
        received = exchange()
    except _NETWORK_ERRORS as error:
        return run_now(_on_failure(error, spec, timeout, logger, hooks, context))
    return run_now(_on_received(received, started, logger, hooks, context))


async def _attempt_async(
    config: SDKConfiguration,
    spec: OperationSpec[Any],
    prepared: Prepared,
    options: RequestOptions,
    attempt: int,
    logger: Optional[RedactingLogger],
) -> Received:
    timeout = _timeout_ms(config, options)
    deadline = None if timeout is None else time.monotonic() + timeout / 1000
    client = config.async_client()
    hooks = config.hooks
    context = HookContext(spec.operation_id, prepared.base_url, attempt)
    started = time.monotonic()

    async def exchange() -> Received:
        current = prepared
        for hop in range(MAX_REDIRECTS + 1):
            request = client.build_request(
                current.method,
                current.url,
                headers=current.headers,
                content=current.content,
                timeout=_httpx_timeout(deadline),
            )
            current, request = await _hooked(hooks, context, hop, current, request)
            if logger is not None:
                logger.request(
                    request.method, str(request.url), request.headers.items(), attempt
                )
            response = await client.send(request, stream=True, follow_redirects=False)
            try:
                hop_to = _next_hop(prepared, current, response)
                if hop_to is not None:
                    current = hop_to
                    continue
                chunks: List[bytes] = []
                async for chunk in response.aiter_raw():
                    chunks.append(chunk)
                return _received(response, b"".join(chunks))
            finally:
                await response.aclose()
        raise ConnectionError(
            f"{spec.operation_id}: more than {MAX_REDIRECTS} redirects"
        )

    try:
        if timeout is None:
            received = await exchange()
        else:
            received = await asyncio.wait_for(exchange(), timeout / 1000)
    except (*_NETWORK_ERRORS, asyncio.TimeoutError) as error:
        return await _on_failure(error, spec, timeout, logger, hooks, context)
    return await _on_received(received, started, logger, hooks, context)


@dataclasses.dataclass
class _Policy:
    backoff: Optional[BackoffStrategy]
    """None when nothing is retried."""
    codes: Sequence[str]
    connection_errors: bool


def _policy(config: SDKConfiguration, options: RequestOptions) -> _Policy:
    policy = options.retries or config.retry_config or RetryConfig("none")
    codes = options.retry_codes or policy.retry_codes or DEFAULT_RETRY_CODES
    if policy.strategy != "backoff":
        return _Policy(None, codes, False)
    return _Policy(
        policy.backoff or BackoffStrategy(), codes, policy.retry_connection_errors
    )


def _wait_ms(
    policy: _Policy,
    attempt: int,
    started: float,
    received: Optional[Received],
    error: Optional[SDKBaseError],
) -> Optional[float]:
    """Milliseconds to wait before trying again, or None when this outcome is final."""
    backoff = policy.backoff
    if backoff is None:
        return None
    if received is not None:
        retryable = status_is_retried(received.response.status_code, policy.codes)
    else:
        retryable = isinstance(error, ConnectionError) and policy.connection_errors
    if not retryable:
        return None
    header = received.response.headers.get("retry-after") if received else None
    asked = retry_after_ms(header, time.time() * 1000) or 0.0
    # Retry-After can lengthen the wait, never shorten it below the backoff.
    wait = min(
        float(backoff.max_interval), max(asked, backoff_delay(attempt - 1, backoff))
    )
    elapsed = (time.monotonic() - started) * 1000
    return None if elapsed + wait > backoff.max_elapsed_time else wait


def _unexpected(spec: OperationSpec[Any], error: Exception) -> SDKBaseError:
    # The message names the error's type only: its text may quote a credential.
    return SDKBaseError(
        f"Unexpected error in {spec.operation_id}: {type(error).__name__}"
    )


def _unpack(spec: OperationSpec[Any], args: Any) -> Tuple[Sequence[Any], Any]:
    """Parameter values and body: the arguments as they are, or read from a request object."""
    names = spec.request_fields
    if names is None:
        return list(args), None
    if args is None:
        values: List[Any] = [None] * len(names)
    elif isinstance(args, Mapping):
        for key in args:
            if key not in names:
                raise SDKValidationError(
                    "is not a field of the request", f"request.{key}"
                )
        values = [args.get(n) for n in names]
    else:
        values = [getattr(args, n, None) for n in names]
    count = len(spec.params)
    return values[:count], values[count] if spec.body is not None else None


def call_sync(
    config: SDKConfiguration,
    spec: OperationSpec[T],
    args: Any,
    options: RequestOptions,
) -> T:
    """Sends an operation and returns its response object; raises SDKBaseError subclasses.

    ``args`` are the parameter values in order, or the request object of an operation that
    takes one.
    """
    try:
        params, body = _unpack(spec, args)
        prepared = _prepare(config, spec, params, body, options)
        policy = _policy(config, options)
        logger = _logger(config)
        started = time.monotonic()
        attempt = 1
        while True:
            received: Optional[Received] = None
            error: Optional[SDKBaseError] = None
            try:
                received = _attempt_sync(
                    config, spec, prepared, options, attempt, logger
                )
            except (ConnectionError, RequestTimeoutError) as failure:
                error = failure
            wait = _wait_ms(policy, attempt, started, received, error)
            if wait is None:
                if received is None:
                    raise error or ConnectionError(spec.operation_id)
                return _decode(spec, received)
            time.sleep(wait / 1000)
            attempt += 1
    except HookRaised as carried:
        raise carried.error from None
    except SDKBaseError:
        raise
    except Exception as error:
        raise _unexpected(spec, error) from error


async def call_async(
    config: SDKConfiguration,
    spec: OperationSpec[T],
    args: Any,
    options: RequestOptions,
) -> T:
    """The asyncio twin of call_sync."""
    try:
        params, body = _unpack(spec, args)
        prepared = _prepare(config, spec, params, body, options)
        policy = _policy(config, options)
        logger = _logger(config)
        started = time.monotonic()
        attempt = 1
        while True:
            received: Optional[Received] = None
            error: Optional[SDKBaseError] = None
            try:
                received = await _attempt_async(
                    config, spec, prepared, options, attempt, logger
                )
            except (ConnectionError, RequestTimeoutError) as failure:
                error = failure
            wait = _wait_ms(policy, attempt, started, received, error)
            if wait is None:
                if received is None:
                    raise error or ConnectionError(spec.operation_id)
                return _decode(spec, received)
            await asyncio.sleep(wait / 1000)
            attempt += 1
    except HookRaised as carried:
        raise carried.error from None
    except SDKBaseError:
        raise
    except Exception as error:
        raise _unexpected(spec, error) from error


def _media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def content_type_matches(declared: str, actual: str) -> bool:
    """Whether an actual content type satisfies a declared one (maybe a range like "text/*")."""
    want, got = _media_type(declared), _media_type(actual)
    if want in ("*/*", got):
        return True
    return want.endswith("/*") and got.startswith(want[:-1])


def _status_matches(declared: str, status: int) -> bool:
    if declared == str(status):
        return True
    return (
        len(declared) == 3
        and declared[1:].upper() == "XX"
        and declared[0] == str(status)[0]
    )


S = TypeVar("S", ResponseSpec, ErrorSpec)


def _pick(specs: Sequence[S], status: int) -> Optional[S]:
    exact = [s for s in specs if s.status == str(status)]
    ranged = [s for s in specs if _status_matches(s.status, status)]
    fallback = [s for s in specs if s.status == "default"]
    for found in (exact, ranged, fallback):
        if found:
            return found[0]
    return None


def _decode(spec: OperationSpec[T], received: Received) -> T:
    response = received.response
    status = response.status_code
    content_type = response.headers.get("content-type", "")
    http = HTTPDetails(status, content_type, response.headers, received.text, response)
    success = _pick(spec.responses, status) if 200 <= status < 300 else None
    if success is not None:
        headers: Dict[str, List[str]] = {}
        for name, value in response.headers.multi_items():
            headers.setdefault(name.lower(), []).append(value)
        fields: Dict[str, Any] = {
            "status_code": status,
            "content_type": content_type,
            "headers": headers,
            "raw_response": response,
        }
        if success.content_type is not None and success.field is not None:
            if not content_type_matches(success.content_type, content_type):
                raise SDKError("Unexpected content type", http)
            if success.schema is BYTES:
                fields[success.field] = response.content
            else:
                value, _ = _decode_body(
                    received.text, http, success.content_type, success.schema
                )
                fields[success.field] = value
        return spec.response_type(**fields)
    failure = _pick(spec.errors, status)
    if failure is not None and content_type_matches(failure.content_type, content_type):
        value, parsed = _decode_body(
            received.text, http, failure.content_type, failure.schema
        )
        raise failure.create(value, parsed, http)
    ok = 200 <= status < 300
    raise SDKError("Unexpected status code" if ok else "API error occurred", http)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _decode_body(
    text: str, http: HTTPDetails, declared: str, schema: Optional[Schema]
) -> Tuple[Any, Any]:
    """The decoded value and the parsed JSON (or the text, for a body that is not JSON)."""
    if "json" not in declared.lower():
        return text, text
    try:
        parsed = json.loads(text, parse_constant=_no_constants)
    except ValueError:
        raise ResponseValidationError("the body is not valid JSON", "$", http) from None
    if schema is None:
        return parsed, parsed
    try:
        return schema.decode(parsed, ("$",)), parsed
    except ValidationIssue as issue:
        raise ResponseValidationError(issue.message, issue.path, http) from None
    except RecursionError:
        raise ResponseValidationError(
            "the body is nested too deeply", "$", http
        ) from None


__all__ = [
    "ApiSpec",
    "BodySpec",
    "ErrorSpec",
    "OperationSpec",
    "RequestOptions",
    "ResponseSpec",
    "call_async",
    "call_sync",
    "content_type_matches",
]
