// End-to-end behaviour of the generated Python SDK that the conformance scenarios do not cover:
// async twins, request objects as dataclasses or dicts, log redaction, redirects, custom clients.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { headerValues, json, startServer, type TestServer } from "../helpers/server.ts";
import { runScript } from "./helpers.ts";

const TOKEN = "py-secret-token-Zq81";
const ACCOUNT = {
  adsConsent: null, adsConsentReminderAt: null, adsConsentSetAt: null, authToken: "AcctTok", country: "US",
  email: "a@b.c", friendlyName: "f", entitlements: [], homeSize: 1, id: 7, joinedAt: 1, locale: null,
  mailingListStatus: "active", maxHomeSize: 15,
  profile: { defaultAudioLanguage: null, defaultSubtitleLanguage: null, autoSelectSubtitle: 1, defaultSubtitleAccessibility: 0, defaultSubtitleForced: 1, watchedIndicator: 1, mediaReviewsVisibility: 0 },
  rememberExpiresAt: 1, scrobbleTypes: "", services: [], subscription: { status: "Active" }, subscriptionDescription: null,
  thumb: "t", title: "t", username: "u", uuid: "uu", attributionPartner: null,
};

let server: TestServer;
let other: TestServer;
beforeAll(async () => {
  [server, other] = await Promise.all([startServer(), startServer()]);
});
afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
});
beforeEach(() => {
  server.reset();
  other.reset();
});

function sdk(extra = ""): string {
  return [
    "import asyncio, json, logging, sys",
    "import httpx",
    "from plex_api_client import PlexAPI, RetryConfig, BackoffStrategy",
    "from plex_api_client.models import components, errors, operations",
    `URL = ${JSON.stringify(server.base)}`,
    `s = PlexAPI(access_token=${JSON.stringify(TOKEN)}, client_id="cid", server_url=${JSON.stringify(server.base)}${extra})`,
  ].join("\n");
}

async function py(code: string): Promise<string> {
  const result = await runScript(code);
  expect(result.stderr).toBe("");
  return result.stdout.trim();
}

describe("Python SDK end to end", () => {
  it("async twins send the same request and decode the same response", async () => {
    server.reply(json(200, ACCOUNT));
    const out = await py(`${sdk()}
async def main():
    async with s:
        res = await s.authentication.get_token_details_async(server_url=${JSON.stringify(server.base)})
        print(res.user_plex_account.id, res.user_plex_account.has_password, res.user_plex_account.mailing_list_status)
asyncio.run(main())`);
    expect(out).toBe("7 True MailingListStatus.ACTIVE");
    expect(server.requests[0]!.headers["x-plex-token"]).toBe(TOKEN);
  }, 60_000);

  it("async calls retry and raise the declared errors", async () => {
    server.reply(json(503, {}), json(401, { errors: [{ message: "nope" }] }));
    const out = await py(`${sdk(", retry_config=RetryConfig('backoff', BackoffStrategy(10, 20, 1.5, 5000))")}
async def main():
    try:
        await s.authentication.get_transient_token_async(operations.GetTransientTokenQueryParamType.DELEGATION, operations.Scope.ALL)
    except errors.GetTransientTokenUnauthorized as e:
        print(type(e).__name__, e.status_code, e.message, e.errors[0].message)
asyncio.run(main())`);
    expect(out).toBe("GetTransientTokenUnauthorized 401 nope nope");
    expect(server.requests).toHaveLength(2);
  }, 60_000);

  it("a request is a dataclass or a dict with the same result; a misspelt key is refused before sending", async () => {
    const created = json(201, { ...ACCOUNT, pastSubscriptions: [], trials: [] });
    server.reply(created, created);
    const out = await py(`${sdk()}
body = operations.PostUsersSignInDataRequestBody(login="l@x", password="p w", verification_code="1")
a = s.authentication.post_users_sign_in_data(request=operations.PostUsersSignInDataRequest(request_body=body, client_name="prod"), server_url=URL)
b = s.authentication.post_users_sign_in_data(request={"request_body": {"login": "l@x", "password": "p w", "verification_code": "1"}, "client_name": "prod"}, server_url=URL)
print(a.user_plex_account == b.user_plex_account, a.user_plex_account.past_subscriptions)
try:
    s.authentication.post_users_sign_in_data(request={"request_body": {"login": "l", "pasword": "x"}}, server_url=URL)
except errors.SDKValidationError as e:
    print(e.path)`);
    expect(out.split("\n")).toEqual(["True []", "body.pasword"]);
    expect(server.requests).toHaveLength(2);
    for (const r of server.requests) {
      expect(r.body).toBe("login=l%40x&password=p+w&verificationCode=1");
      expect(r.headers["x-plex-token"]).toBeUndefined();
      expect(r.headers["x-plex-product"]).toBe("prod");
      expect(r.headers["x-plex-client-identifier"]).toBe("cid");
    }
  }, 60_000);

  it("never logs the token, nor puts it or the body in an error message", async () => {
    server.reply({ status: 500, headers: { "content-type": "text/html" }, body: `<p>${TOKEN}</p>` });
    const result = await runScript(`${sdk(', debug_logger=logging.getLogger("sdk")')}
logging.basicConfig(level=logging.DEBUG, stream=sys.stdout, format="%(name)s %(message)s")
try:
    s.authentication.get_source_connection_information("x", http_headers={"X-Extra": "1"})
except errors.SDKError as e:
    print("MESSAGE", e.message, repr(e), str(e))
print(repr(s._config))`);
    expect(result.stdout).toContain("x-plex-token: [REDACTED]");
    expect(result.stdout).toContain("MESSAGE API error occurred: Status 500");
    expect(result.stdout).not.toContain(TOKEN);
    expect(result.stderr).not.toContain(TOKEN);
  }, 60_000);

  it("follows redirects itself: same origin keeps the token, another origin never sees it", async () => {
    server.reply({ status: 307, headers: { location: "/moved" } }, { status: 302, headers: { location: `${other.base}/away` } });
    other.reply({ status: 200 });
    const out = await py(`${sdk()}
res = s.authentication.get_transient_token(operations.GetTransientTokenQueryParamType.DELEGATION, operations.Scope.ALL)
print(res.status_code)`);
    expect(out).toBe("200");
    expect(server.requests.map((r) => r.path)).toEqual(["/security/token", "/moved"]);
    expect(headerValues(server.requests[1]!, "x-plex-token")).toEqual([TOKEN]);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]!.headers["x-plex-token"]).toBeUndefined();
    expect(other.requests[0]!.headers["x-plex-client-identifier"]).toBe("cid");
  }, 60_000);

  it("uses a custom httpx client and per-call headers; server variables build the URL", async () => {
    server.reply({ status: 200 }, { status: 200 });
    const out = await py(`${sdk(', client=httpx.Client(headers={"x-custom": "yes"})')}
s.authentication.get_source_connection_information("a b", http_headers={"X-Call": "1"})
v = PlexAPI(ip="127.0.0.1", port="${server.port}", protocol="http")
v.authentication.get_source_connection_information("z")
try:
    PlexAPI(protocol="ftp").authentication.get_source_connection_information("z")
except errors.SDKValidationError as e:
    print(e.path)`);
    expect(out).toBe("protocol");
    expect(server.requests[0]!.headers["x-custom"]).toBe("yes");
    expect(server.requests[0]!.headers["x-call"]).toBe("1");
    expect(server.requests[0]!.rawQuery).toBe("source=a%20b");
    expect(server.requests[1]!.path).toBe("/security/resources");
  }, 60_000);

  it("fills defaults, keeps unknown open-enum values and rejects closed-enum arguments", async () => {
    server.reply(json(200, { ...ACCOUNT, mailingListStatus: "brand-new", services: [{ identifier: "i", endpoint: "e", token: null, secret: null, status: "weird" }] }));
    const out = await py(`${sdk()}
a = s.authentication.get_token_details(server_url=${JSON.stringify(server.base)}).user_plex_account
print(a.mailing_list_status, a.services[0].status, a.anonymous, a.profile.auto_select_audio, a.roles)
try:
    s.authentication.get_transient_token("impersonation", operations.Scope.ALL)  # type: ignore
except errors.SDKValidationError as e:
    print(e.path, isinstance(e, errors.SDKBaseError))`);
    expect(out.split("\n")).toEqual(["brand-new weird False True None", "type True"]);
    expect(server.requests).toHaveLength(1);
  }, 60_000);
});
