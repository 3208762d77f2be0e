"""Code a client runs around every request: before it is sent, after a 2xx, after a failure."""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
from typing import Any, Awaitable, Callable, Coroutine, Optional, Sequence, Tuple
from typing import TypeVar, Union, cast

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

MaybeAwaitable = Union[T, Awaitable[T]]
"""What a hook returns: a value, or (``async def`` hooks, in the async methods) an awaitable of one."""


class SDKHooks:
    """Subclass and override any of the three methods; each may return a replacement for
    what it was given, or None to keep it. They run on every attempt, retries included, in
    the order the hooks were given. In the async methods a hook may be ``async def``; the
    sync methods refuse an async hook.
    """

    def before_request(
        self, context: HookContext, request: httpx.Request
    ) -> MaybeAwaitable[Optional[httpx.Request]]:
        """Runs before each attempt is sent; may return the request to send instead."""
        return None

    def after_success(
        self, context: HookContext, response: httpx.Response
    ) -> MaybeAwaitable[Optional[httpx.Response]]:
        """Runs after each 2xx response; may return the response to use instead."""
        return None

    def after_error(
        self,
        context: HookContext,
        response: Optional[httpx.Response],
        error: Optional[Exception],
    ) -> MaybeAwaitable[Optional[AfterErrorResult]]:
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


async def _guarded(call: Callable[[], MaybeAwaitable[T]]) -> T:
    """Runs a hook, awaiting what an async one returns; an exception it raises ends the call
    unchanged (see HookRaised)."""
    try:
        result = call()
        if inspect.isawaitable(result):
            if not _in_event_loop():
                if inspect.iscoroutine(result):
                    result.close()
                raise HookRaised(TypeError(ASYNC_IN_SYNC))
            return cast(T, await result)
        return cast(T, result)
    except HookRaised:
        raise
    except Exception as error:
        raise HookRaised(error) from error


async def run_before_request(
    hooks: Sequence[SDKHooks], context: HookContext, request: httpx.Request
) -> httpx.Request:
    for hook in hooks:
        replaced: Optional[httpx.Request] = await _guarded(
            lambda: hook.before_request(context, request)
        )
        request = replaced or request
    return request


async def run_after_success(
    hooks: Sequence[SDKHooks], context: HookContext, response: httpx.Response
) -> httpx.Response:
    for hook in hooks:
        replaced: Optional[httpx.Response] = await _guarded(
            lambda: hook.after_success(context, response)
        )
        response = replaced or response
    return response


async def run_after_error(
    hooks: Sequence[SDKHooks],
    context: HookContext,
    response: Optional[httpx.Response],
    error: Optional[Exception],
) -> AfterErrorResult:
    for hook in hooks:
        replaced: Optional[AfterErrorResult] = await _guarded(
            lambda: hook.after_error(context, response, error)
        )
        if replaced is not None:
            response, error = replaced
    return response, error


ASYNC_IN_SYNC = "an async hook cannot run in a sync call; call the _async method"


def _in_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def run_now(work: Coroutine[Any, Any, T]) -> T:
    """Runs hook code in a sync call, where nothing may be awaited: it finishes at once unless
    an async hook waits, which a sync call cannot do."""
    try:
        work.send(None)
    except StopIteration as done:
        return cast(T, done.value)
    work.close()
    raise HookRaised(TypeError(ASYNC_IN_SYNC))


class HookRaised(Exception):
    """Carries an exception a hook raised, or an error an after_error hook chose, to be
    raised as it is rather than wrapped as an unexpected error."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error
