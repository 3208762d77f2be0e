"""The SDK's runtime: retries, errors, encoding and decoding, sending requests."""

from .config import BasicCredentials, Credential
from .hooks import HookContext, Hooks, SDKHooks
from .retries import BackoffStrategy, RetryConfig

__all__ = [
    "BackoffStrategy",
    "BasicCredentials",
    "Credential",
    "HookContext",
    "Hooks",
    "RetryConfig",
    "SDKHooks",
]
