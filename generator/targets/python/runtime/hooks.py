"""Code a client runs around every request: before it is sent, after a 2xx, after a failure."""

from __future__ import annotations

import dataclasses
from typing import Callable, Optional, Sequence, Tuple, TypeVar, Union

import httpx


@dataclasses.dataclass(frozen=True)
class HookContext:
    """What a hook is told about the call it runs in."""

    operation_id: str
    base_url: str
    """The server URL the request goes to."""
    attempt: int
    """1 for the first attempt, 2 for the first retry, and so on."""


T = TypeVar("T")

AfterErrorResult = Tuple[Optional[httpx.Response], Optional[Exception]]


class SDKHooks:
    """Subclass and override any of the three methods; each may return a replacement for
    what it was given, or None to keep it. They run on every attempt, retries included, in
    the order the hooks were given, synchronously in both the sync and the async methods.
    """

    def before_request(
        self, context: HookContext, request: httpx.Request
    ) -> Optional[httpx.Request]:
        """Runs before each attempt is sent; may return the request to send instead."""
        return None

    def after_success(
        self, context: HookContext, response: httpx.Response
    ) -> Optional[httpx.Response]:
        """Runs after each 2xx response; may return the response to use instead."""
        return None

    def after_error(
        self,
        context: HookContext,
        response: Optional[httpx.Response],
        error: Optional[Exception],
    ) -> Optional[AfterErrorResult]:
        """Runs after each response that is not 2xx (error None) and each failure to get one
        (response None: a ConnectionError or RequestTimeoutError). May return the (response,
        error) to go on with: a response is then decoded as if the server had sent it, and
        with no response the error is raised.
        """
        return None


Hooks = Union[SDKHooks, Sequence[SDKHooks], None]
"""The ``hooks`` option of a client: one SDKHooks, several, or none."""


def hook_list(hooks: Hooks) -> Sequence[SDKHooks]:
    if hooks is None:
        return ()
    if isinstance(hooks, SDKHooks):
        return (hooks,)
    return tuple(hooks)


def _guarded(call: Callable[[], T]) -> T:
    """Runs a hook; an exception it raises ends the call unchanged (see HookRaised)."""
    try:
        return call()
    except HookRaised:
        raise
    except Exception as error:
        raise HookRaised(error) from error


def run_before_request(
    hooks: Sequence[SDKHooks], context: HookContext, request: httpx.Request
) -> httpx.Request:
    for hook in hooks:
        request = _guarded(lambda: hook.before_request(context, request)) or request
    return request


def run_after_success(
    hooks: Sequence[SDKHooks], context: HookContext, response: httpx.Response
) -> httpx.Response:
    for hook in hooks:
        response = _guarded(lambda: hook.after_success(context, response)) or response
    return response


def run_after_error(
    hooks: Sequence[SDKHooks],
    context: HookContext,
    response: Optional[httpx.Response],
    error: Optional[Exception],
) -> AfterErrorResult:
    for hook in hooks:
        replaced = _guarded(lambda: hook.after_error(context, response, error))
        if replaced is not None:
            response, error = replaced
    return response, error


class HookRaised(Exception):
    """Carries an exception a hook raised, or an error an after_error hook chose, to be
    raised as it is rather than wrapped as an unexpected error."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error
