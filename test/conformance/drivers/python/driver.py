"""Conformance driver for the generated Python SDK; the contract is in test/conformance/README.md.

Run as ``python3 driver.py <scenarios.json> <base URL>`` with generated/python/src on PYTHONPATH.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any, Dict, List, Optional

from plex_api_client import BackoffStrategy, PlexAPI, RetryConfig
from plex_api_client.models import components, errors, operations


# The client options (and request fields) the global headers are set through: the Python seed's
# names, given by the overlay spec/python-seed-names.overlay.yaml.
OPTION_NAMES = {
    "X-Plex-Client-Identifier": "client_id",
    "X-Plex-Product": "client_name",
    "X-Plex-Version": "client_version",
    "X-Plex-Platform": "platform",
    "X-Plex-Device": "device_nickname",
}


def option_name(header: str) -> str:
    """The client option a global header is set through: X-Plex-Product -> client_name."""
    return OPTION_NAMES[header]


def retry_config(policy: Optional[Dict[str, Any]]) -> Optional[RetryConfig]:
    if policy is None:
        return None
    if policy.get("strategy") != "backoff":
        return RetryConfig("none")
    b = policy.get("backoff", {})
    backoff = BackoffStrategy(
        b.get("initialInterval", 500),
        b.get("maxInterval", 60_000),
        b.get("exponent", 1.5),
        b.get("maxElapsedTime", 3_600_000),
    )
    return RetryConfig(
        "backoff", backoff, bool(policy.get("retryConnectionErrors", False))
    )


def raw(value: Any) -> Any:
    """An enum member's wire value; anything else as it is."""
    return getattr(value, "value", value)


def account_facts(account: components.UserPlexAccount) -> Dict[str, Any]:
    return {
        "id": account.id,
        "uuid": account.uuid,
        "authToken": account.auth_token,
        "email": account.email,
        "joinedAt": account.joined_at,
        "locale": account.locale,
        "anonymous": account.anonymous,
        "hasPassword": account.has_password,
        "mailingListStatus": raw(account.mailing_list_status),
        "subscriptionStatus": raw(account.subscription.status),
        "firstServiceStatus": raw(account.services[0].status)
        if account.services
        else None,
        "watchedIndicator": raw(account.profile.watched_indicator),
        "roles": account.roles,
    }


def call(sdk: PlexAPI, scenario: Dict[str, Any], base: str) -> Dict[str, Any]:
    spec = scenario["call"]
    args = spec["args"]
    options = spec.get("options", {})
    kwargs: Dict[str, Any] = {
        "retries": retry_config(options.get("retries")),
        "timeout_ms": options.get("timeoutMs"),
        "retry_codes": options.get("retryCodes"),
    }
    if scenario["serverUrl"] == "call":
        kwargs["server_url"] = base
    operation = spec["operation"]
    auth = sdk.authentication
    if operation == "getTransientToken":
        # Values the SDK does not know go in as raw strings: its own input check is tested.
        type_: Any = args["type"]
        scope: Any = args["scope"]
        res = auth.get_transient_token(type_=type_, scope=scope, **kwargs)
        return {"status": res.status_code}
    if operation == "getSourceConnectionInformation":
        res2 = auth.get_source_connection_information(source=args["source"], **kwargs)
        return {"status": res2.status_code}
    if operation == "getTokenDetails":
        res3 = auth.get_token_details(**kwargs)
        return {"status": res3.status_code, **account_facts(res3.user_plex_account)}
    if operation == "postUsersSignInData":
        body = args["requestBody"]
        request_body: operations.PostUsersSignInDataRequestBodyTypedDict = {
            "login": body["login"],
            "password": body["password"],
        }
        if "rememberMe" in body:
            request_body["remember_me"] = body["rememberMe"]
        if "verificationCode" in body:
            request_body["verification_code"] = body["verificationCode"]
        request: operations.PostUsersSignInDataRequestTypedDict = {
            "request_body": request_body
        }
        for header, value in args.get("globals", {}).items():
            request[option_name(header)] = value  # type: ignore[literal-required]
        res4 = auth.post_users_sign_in_data(request=request, **kwargs)
        account = res4.user_plex_account
        facts = {"status": res4.status_code, **account_facts(account)}  # type: ignore[arg-type]
        facts["pastSubscriptionsCount"] = len(account.past_subscriptions)
        return facts
    raise ValueError(f"unknown operation {operation}")


def error_report(error: BaseException) -> Dict[str, Any]:
    if not isinstance(error, errors.SDKBaseError):
        raise error
    status = error.status_code if isinstance(error, errors.HTTPError) else None
    return {"type": type(error).__name__, "status": status, "message": error.message}


def main(argv: List[str]) -> None:
    if len(argv) != 3:
        raise SystemExit("usage: driver.py <scenarios.json> <base URL>")
    with open(argv[1], encoding="utf-8") as f:
        document = json.load(f)
    client = document["client"]
    for scenario in document["scenarios"]:
        base = f"{scenario.get('baseUrl', argv[2])}/{scenario['id']}"
        client_options = scenario.get("clientOptions", {})
        globals_ = client["globals"]
        # Globals are set through the options the Python seed names them by.
        sdk = PlexAPI(
            access_token=client["accessToken"],
            client_id=globals_.get("X-Plex-Client-Identifier"),
            client_name=globals_.get("X-Plex-Product"),
            client_version=globals_.get("X-Plex-Version"),
            platform=globals_.get("X-Plex-Platform"),
            device_nickname=globals_.get("X-Plex-Device"),
            server_url=base if scenario["serverUrl"] == "client" else None,
            timeout_ms=client_options.get("timeoutMs"),
            retry_config=retry_config(client_options.get("retries")),
        )
        started = time.monotonic()
        line: Dict[str, Any]
        try:
            facts = call(sdk, scenario, base)
            line = {"id": scenario["id"], "ok": True, "facts": facts}
        except errors.SDKBaseError as error:
            line = {"id": scenario["id"], "ok": False, "error": error_report(error)}
        finally:
            sdk.close()
        line["elapsedMs"] = (time.monotonic() - started) * 1000
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv)
