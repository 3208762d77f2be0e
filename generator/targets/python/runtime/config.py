"""What a generated client tells the runtime about its API, and the options it was given."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Union

import httpx

from .errors import SDKValidationError
from .hooks import Hooks, hook_list
from .retries import RetryConfig
from .schema import Schema


@dataclasses.dataclass(frozen=True)
class BasicCredentials:
    username: str
    password: str


Credential = Union[str, Callable[[], str]]
"""A credential, or a function returning a fresh one (for tokens that expire)."""


@dataclasses.dataclass(frozen=True)
class ServerVariableSpec:
    name: str
    """Name in the URL template."""
    option: str
    """Client option that sets it."""
    default: str
    values: Optional[Sequence[str]] = None
    """The values it may take, when the API lists them."""


@dataclasses.dataclass(frozen=True)
class ServerSpec:
    url: str
    variables: Sequence[ServerVariableSpec] = ()


@dataclasses.dataclass(frozen=True)
class SecuritySchemeSpec:
    kind: str
    """"apiKey", "bearer" or "basic"."""
    option: str
    """Client option that holds the credential."""
    in_: str = "header"
    name: str = ""


@dataclasses.dataclass(frozen=True)
class ParamSpec:
    """A parameter of an operation, or (with ``option``) one set once on the client."""

    name: str
    in_: str
    style: str
    explode: bool
    schema: Optional[Schema] = None
    option: Optional[str] = None


@dataclasses.dataclass(frozen=True)
class ApiSpec:
    servers: Sequence[ServerSpec]
    security_schemes: Mapping[str, SecuritySchemeSpec]
    security: Sequence[Sequence[str]]
    """Alternatives; each lists the schemes that must all be applied."""
    globals: Sequence[ParamSpec] = ()


def server_url_from(server: ServerSpec, options: Mapping[str, Any]) -> str:
    """Fills a server URL template from client options, falling back to the defaults."""
    url = server.url
    for v in server.variables:
        value = options.get(v.option)
        text = v.default if value is None else str(value)
        if v.values is not None and text not in v.values:
            allowed = ", ".join(v.values)
            raise SDKValidationError(f"must be one of {allowed}", v.option)
        url = url.replace("{" + v.name + "}", text)
    return url


class SDKConfiguration:
    """A client's options. Credentials are kept out of its repr."""

    def __init__(
        self,
        api: ApiSpec,
        options: Dict[str, Any],
        server_url: Optional[str],
        server_idx: Optional[int],
        timeout_ms: Optional[int],
        retry_config: Optional[RetryConfig],
        client: Optional[httpx.Client],
        async_client: Optional[httpx.AsyncClient],
        debug_logger: Optional[logging.Logger],
        hooks: Hooks = None,
    ) -> None:
        self.api = api
        self.options = options
        self.server_url = server_url
        self.server_idx = server_idx
        self.timeout_ms = timeout_ms
        self.retry_config = retry_config
        self.debug_logger = debug_logger
        self.hooks = hook_list(hooks)
        self._client = client
        self._async_client = async_client
        self._owns_client = client is None
        self._owns_async_client = async_client is None

    def __repr__(self) -> str:
        return "SDKConfiguration(...)"

    def sync_client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(timeout=None, cookies=_no_cookies())
        return self._client

    def async_client(self) -> httpx.AsyncClient:
        if self._async_client is None:
            self._async_client = httpx.AsyncClient(timeout=None, cookies=_no_cookies())
        return self._async_client

    def close(self) -> None:
        if self._owns_client and self._client is not None:
            self._client.close()
            self._client = None

    async def aclose(self) -> None:
        if self._owns_async_client and self._async_client is not None:
            await self._async_client.aclose()
            self._async_client = None


def _no_cookies() -> httpx.Cookies:
    """A cookie jar that keeps nothing: a response's cookies never reach the next request."""
    import http.cookiejar

    policy = http.cookiejar.DefaultCookiePolicy(allowed_domains=[])
    return httpx.Cookies(http.cookiejar.CookieJar(policy=policy))


class SDKBase:
    """What every generated client has: its configuration, and closing its HTTP clients."""

    _config: SDKConfiguration

    def close(self) -> None:
        """Closes the HTTP client the SDK made itself (not one it was given)."""
        self._config.close()

    async def aclose(self) -> None:
        """Closes the async HTTP client the SDK made itself (not one it was given)."""
        await self._config.aclose()

    def __enter__(self) -> "SDKBase":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> "SDKBase":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def option_list(values: Optional[Sequence[str]]) -> Optional[List[str]]:
    return None if values is None else list(values)
