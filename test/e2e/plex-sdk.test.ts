// End-to-end tests of the generated Plex SDK (generated/typescript/src) against a real HTTP server on 127.0.0.1.
import { inspect } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PlexAPI, PlexAPICore, type RequestOptions, type SDKOptions } from "../../generated/typescript/src/index.ts";
import { authenticationGetTokenDetails } from "../../generated/typescript/src/funcs/authenticationGetTokenDetails.ts";
import { authenticationGetTransientToken } from "../../generated/typescript/src/funcs/authenticationGetTransientToken.ts";
import type * as components from "../../generated/typescript/src/models/components/index.ts";
import * as errors from "../../generated/typescript/src/models/errors/index.ts";
import {
  GetTransientTokenQueryParamType, Scope, type PostUsersSignInDataUserPlexAccount,
} from "../../generated/typescript/src/models/operations/index.ts";
import { HANG, headerValues, json, startServer, type RecordedRequest, type TestServer } from "../helpers/server.ts";
import { instance, rejection, settleWithin, waitUntil } from "../helpers/async.ts";

const TOKEN = "plex-token-7Hq2xZ9vLw";
const CLIENT_ID = "Postman";
const SIGN_IN_FORM = "login=username%40email.com&password=password123&verificationCode=123456";

const BAD_REQUEST = { errors: [{ code: 1000, message: "X-Plex-Client-Identifier is missing", status: 400 }] };
const UNAUTHORIZED = { errors: [{ code: 1001, message: "User could not be authenticated", status: 401 }] };
const HTML_500 = "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Oops</h1></body></html>";

const userPlexAccount: components.UserPlexAccount = {
  adsConsent: null,
  adsConsentReminderAt: null,
  adsConsentSetAt: null,
  anonymous: false,
  authToken: "CxoUzBTSV5hsxjTpFKaf",
  backupCodesCreated: false,
  confirmed: true,
  country: "US",
  email: "username@email.com",
  emailOnlyAuth: false,
  experimentalFeatures: false,
  friendlyName: "friendlyUsername",
  entitlements: ["android", "ios", "roku", "xbox_one"],
  guest: false,
  hasPassword: true,
  home: true,
  homeAdmin: true,
  homeSize: 2,
  id: 13692262,
  joinedAt: 1556281940,
  locale: null,
  mailingListActive: true,
  mailingListStatus: "active",
  maxHomeSize: 15,
  profile: {
    autoSelectAudio: true,
    defaultAudioLanguage: "ja",
    defaultSubtitleLanguage: null,
    autoSelectSubtitle: 1,
    defaultSubtitleAccessibility: 0,
    defaultSubtitleForced: 1,
    watchedIndicator: 1,
    mediaReviewsVisibility: 0,
  },
  protected: false,
  rememberExpiresAt: 1758720000,
  restricted: false,
  roles: ["plexpass"],
  scrobbleTypes: "",
  services: [
    { identifier: "metadata-dev", endpoint: "https://epg.provider.plex.tv", token: "DjoMtqFAGRL1uVtCyF1dKIorTbShJeqv", secret: null, status: "online" },
    { identifier: "tv.plex.sonos", endpoint: "https://sonos.plex.tv", token: null, secret: null, status: "offline" },
  ],
  subscription: {
    active: true,
    subscribedAt: "2021-04-12T18:21:12Z",
    status: "Active",
    paymentService: "braintree",
    plan: "lifetime",
    features: ["Android - PiP", "hwtranscode", "lyrics", "webhooks"],
  },
  subscriptionDescription: null,
  subscriptions: [{ active: true, subscribedAt: "2021-04-12T18:21:12Z", status: "Active", paymentService: "braintree", plan: "lifetime", features: ["hwtranscode"] }],
  thumb: "https://plex.tv/users/a4f43c1ebfde43a5/avatar?c=8372075101",
  title: "UsernameTitle",
  twoFactorEnabled: false,
  username: "Username",
  uuid: "dae343c1f45beb4f",
  attributionPartner: null,
};

const signedInAccount: PostUsersSignInDataUserPlexAccount = {
  ...userPlexAccount,
  authToken: "NewSessionToken123",
  pastSubscriptions: [
    {
      id: null,
      mode: null,
      renewsAt: null,
      endsAt: 1556281940,
      canceled: false,
      gracePeriod: false,
      onHold: false,
      canReactivate: false,
      canUpgrade: false,
      canDowngrade: false,
      canConvert: false,
      type: "plexpass",
      transfer: null,
      state: "ended",
      billing: { internalPaymentMethod: {}, paymentMethodId: null },
    },
  ],
  trials: [],
};

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.reset();
});

/** A client for the local server: server operations via the client option, plex.tv ones need a per-call serverURL. */
function client(options: SDKOptions = {}): PlexAPI {
  return new PlexAPI({ serverURL: server.base, accessToken: TOKEN, xPlexClientIdentifier: CLIENT_ID, ...options });
}

function only(): RecordedRequest {
  expect(server.requests).toHaveLength(1);
  return server.requests[0]!;
}

type ErrorEntries = Array<{ code?: number | undefined; message?: string | undefined; status?: number | undefined }> | undefined;
type TypedErrorClass = new (data: never, http: errors.HTTPDetails) => errors.HTTPError & { readonly errors?: ErrorEntries; readonly data$: unknown };

interface OperationCase {
  name: string;
  method: string;
  path: string;
  call: (sdk: PlexAPI, options?: RequestOptions) => Promise<unknown>;
  BadRequest: TypedErrorClass;
  Unauthorized: TypedErrorClass;
}

const operations: OperationCase[] = [
  {
    name: "getTransientToken",
    method: "GET",
    path: "/security/token",
    call: (sdk, options) => sdk.authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All, options),
    BadRequest: errors.GetTransientTokenBadRequest,
    Unauthorized: errors.GetTransientTokenUnauthorized,
  },
  {
    name: "getSourceConnectionInformation",
    method: "GET",
    path: "/security/resources",
    call: (sdk, options) => sdk.authentication.getSourceConnectionInformation("server://client-identifier", options),
    BadRequest: errors.GetSourceConnectionInformationBadRequest,
    Unauthorized: errors.GetSourceConnectionInformationUnauthorized,
  },
  {
    name: "getTokenDetails",
    method: "GET",
    path: "/user",
    call: (sdk, options) => sdk.authentication.getTokenDetails({ serverURL: server.base, ...options }),
    BadRequest: errors.GetTokenDetailsBadRequest,
    Unauthorized: errors.GetTokenDetailsUnauthorized,
  },
  {
    name: "postUsersSignInData",
    method: "POST",
    path: "/users/signin",
    call: (sdk, options) =>
      sdk.authentication.postUsersSignInData(
        { requestBody: { login: "username@email.com", password: "password123", verificationCode: "123456" } },
        { serverURL: server.base, ...options },
      ),
    BadRequest: errors.PostUsersSignInDataBadRequest,
    Unauthorized: errors.PostUsersSignInDataUnauthorized,
  },
];

describe("getTransientToken", () => {
  it("sends GET /security/token with the enum query, token, client identifier and accept header", async () => {
    server.reply(json(200, { token: "transient-abc" }, { "x-plex-protocol": "1.0" }));
    const result = await client().authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All);

    const req = only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/security/token");
    expect(req.rawQuery).toBe("type=delegation&scope=all");
    expect(req.query).toEqual({ type: "delegation", scope: "all" });
    expect(headerValues(req, "x-plex-token")).toEqual([TOKEN]);
    expect(headerValues(req, "x-plex-client-identifier")).toEqual([CLIENT_ID]);
    expect(req.headers["accept"]).toBe("application/json");
    expect(req.headers["content-type"]).toBeUndefined();
    expect(req.body).toBe("");

    expect(Object.keys(result).sort()).toEqual(["contentType", "headers", "rawResponse", "statusCode"]);
    expect(result.statusCode).toBe(200);
    expect(result.contentType).toBe("application/json");
    expect(result.headers["x-plex-protocol"]).toEqual(["1.0"]);
    expect(result.headers["content-type"]).toEqual(["application/json"]);
    expect(result.rawResponse).toBeInstanceOf(Response);
    expect(result.rawResponse.status).toBe(200);
    // The spec declares no body for this response, so it is left unread on the raw Response.
    expect(await result.rawResponse.json()).toEqual({ token: "transient-abc" });
  });

  it("gives every Set-Cookie header its own entry in the headers record", async () => {
    server.reply({ status: 200, headers: { "set-cookie": ["a=1; Path=/", "b=2; Path=/"] } });
    const result = await client().authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All);
    expect(result.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
  });
});

describe("getSourceConnectionInformation", () => {
  it("percent-encodes the source query parameter", async () => {
    server.reply({ status: 200 });
    const result = await client().authentication.getSourceConnectionInformation("server://client-identifier");

    const req = only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/security/resources");
    expect(req.rawQuery).toBe("source=server%3A%2F%2Fclient-identifier");
    expect(req.query).toEqual({ source: "server://client-identifier" });
    expect(headerValues(req, "x-plex-token")).toEqual([TOKEN]);
    expect(result.statusCode).toBe(200);
  });

  it("encodes characters that are reserved in a query string", async () => {
    server.reply({ status: 200 });
    await client().authentication.getSourceConnectionInformation("provider://a b&c=d+e/é");
    expect(only().rawQuery).toBe("source=provider%3A%2F%2Fa%20b%26c%3Dd%2Be%2F%C3%A9");
    expect(only().query).toEqual({ source: "provider://a b&c=d+e/é" });
  });
});

describe("getTokenDetails", () => {
  it("sends GET /user with the token and parses the UserPlexAccount", async () => {
    server.reply(json(200, userPlexAccount));
    const result = await client().authentication.getTokenDetails({ serverURL: server.base });

    const req = only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/user");
    expect(req.rawQuery).toBe("");
    expect(headerValues(req, "x-plex-token")).toEqual([TOKEN]);
    expect(headerValues(req, "x-plex-client-identifier")).toEqual([CLIENT_ID]);
    expect(req.headers["accept"]).toBe("application/json");

    expect(result.statusCode).toBe(200);
    expect(result.contentType).toBe("application/json");
    const account = result.userPlexAccount;
    expect(account.authToken).toBe("CxoUzBTSV5hsxjTpFKaf");
    expect(account.id).toBe(13692262);
    expect(account.profile.autoSelectAudio).toBe(true);
    expect(account.profile.defaultAudioLanguage).toBe("ja");
    expect(account.profile.autoSelectSubtitle).toBe(1);
    expect(account.services[0]!.status).toBe("online");
    expect(account.services[1]!.status).toBe("offline");
    expect(account.services[0]!.secret).toBeNull();
    expect(account.subscription.status).toBe("Active");
    expect(account.subscription.features).toEqual(["Android - PiP", "hwtranscode", "lyrics", "webhooks"]);
    expect(account.locale).toBeNull();
    expect(account.adsConsent).toBeNull();
    expect(account.adsConsentReminderAt).toBeNull();
    expect(account.subscriptionDescription).toBeNull();
    expect(account.attributionPartner).toBeNull();
    expect(account.profile.defaultSubtitleLanguage).toBeNull();
    expect(account).toEqual(userPlexAccount);
  });

  it("accepts a JSON content type with parameters", async () => {
    server.reply({ status: 200, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(userPlexAccount) });
    const result = await client().authentication.getTokenDetails({ serverURL: server.base });
    expect(result.contentType).toBe("application/json; charset=utf-8");
    expect(result.userPlexAccount.uuid).toBe("dae343c1f45beb4f");
  });

  it("appends the operation path to a per-call serverURL that has a path prefix", async () => {
    server.reply(json(200, userPlexAccount));
    await client().authentication.getTokenDetails({ serverURL: `${server.base}/api/v2/` });
    expect(only().path).toBe("/api/v2/user");
  });
});

describe("postUsersSignInData", () => {
  const credentials = { login: "username@email.com", password: "password123", verificationCode: "123456" };

  it("POSTs the exact form body without the access token and parses the 201 account", async () => {
    server.reply(json(201, signedInAccount));
    const result = await client().authentication.postUsersSignInData({ requestBody: credentials }, { serverURL: server.base });

    const req = only();
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/users/signin");
    expect(req.rawQuery).toBe("");
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req.body).toBe(SIGN_IN_FORM);
    expect(req.headers["content-length"]).toBe(String(SIGN_IN_FORM.length));
    expect(req.headers["x-plex-token"]).toBeUndefined();
    expect(headerValues(req, "x-plex-client-identifier")).toEqual([CLIENT_ID]);
    expect(req.headers["accept"]).toBe("application/json");

    expect(result.statusCode).toBe(201);
    expect(result.userPlexAccount.authToken).toBe("NewSessionToken123");
    expect(result.userPlexAccount.pastSubscriptions).toHaveLength(1);
    expect(result.userPlexAccount.pastSubscriptions[0]!.state).toBe("ended");
    expect(result.userPlexAccount.pastSubscriptions[0]!.renewsAt).toBeNull();
    expect(result.userPlexAccount.pastSubscriptions[0]!.billing).toEqual({ internalPaymentMethod: {}, paymentMethodId: null });
    expect(result.userPlexAccount.trials).toEqual([]);
    expect(result.userPlexAccount).toEqual(signedInAccount);
  });

  it("lets a request-level X-Plex-Client-Identifier override the client's global, sent once", async () => {
    server.reply(json(201, signedInAccount));
    await client({ xPlexProduct: "Plex Web" }).authentication.postUsersSignInData(
      { xPlexClientIdentifier: "request-level-id", requestBody: credentials },
      { serverURL: server.base },
    );
    const req = only();
    expect(headerValues(req, "x-plex-client-identifier")).toEqual(["request-level-id"]);
    expect(headerValues(req, "x-plex-product")).toEqual(["Plex Web"]);
  });

  it("sends rememberMe: true as rememberMe=true", async () => {
    server.reply(json(201, signedInAccount));
    await client().authentication.postUsersSignInData(
      { requestBody: { login: "username@email.com", password: "password123", rememberMe: true } },
      { serverURL: server.base },
    );
    expect(only().body).toBe("login=username%40email.com&password=password123&rememberMe=true");
  });

  it("form-encodes spaces as + and reserved characters in percent form", async () => {
    server.reply(json(201, signedInAccount));
    await client().authentication.postUsersSignInData(
      { requestBody: { login: "a+b@example.com", password: "p&ss=w rd/ü" } },
      { serverURL: server.base },
    );
    expect(only().body).toBe("login=a%2Bb%40example.com&password=p%26ss%3Dw+rd%2F%C3%BC");
    expect(new URLSearchParams(only().body).get("password")).toBe("p&ss=w rd/ü");
  });

  it("sends no body and no content type when the request has no body", async () => {
    server.reply(json(201, signedInAccount));
    await client().authentication.postUsersSignInData(undefined, { serverURL: server.base });
    const req = only();
    expect(req.method).toBe("POST");
    expect(req.body).toBe("");
    expect(req.headers["content-type"]).toBeUndefined();
  });
});

describe("default servers (captured with a fetcher, no network)", () => {
  function capturing(options: SDKOptions, reply: () => Response): { sdk: PlexAPI; captured: Request[] } {
    const captured: Request[] = [];
    const sdk = new PlexAPI({
      accessToken: TOKEN,
      xPlexClientIdentifier: CLIENT_ID,
      ...options,
      fetcher: async (request) => {
        captured.push(request);
        return reply();
      },
    });
    return { sdk, captured };
  }
  const accountResponse = (status: number, body: unknown) => () =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

  it("getTokenDetails goes to https://plex.tv/api/v2/user", async () => {
    const { sdk, captured } = capturing({}, accountResponse(200, userPlexAccount));
    const result = await sdk.authentication.getTokenDetails();
    expect(captured).toHaveLength(1);
    expect(captured[0]!.url.startsWith("https://plex.tv/api/v2/user")).toBe(true);
    expect(captured[0]!.url).toBe("https://plex.tv/api/v2/user");
    expect(captured[0]!.method).toBe("GET");
    expect(captured[0]!.headers.get("x-plex-token")).toBe(TOKEN);
    expect(result.userPlexAccount).toEqual(userPlexAccount);
  });

  it("a client-level serverURL does not redirect operations that declare their own server", async () => {
    const { sdk, captured } = capturing({ serverURL: "http://127.0.0.1:9" }, accountResponse(201, signedInAccount));
    await sdk.authentication.postUsersSignInData({ requestBody: { login: "username@email.com", password: "password123" } });
    expect(captured[0]!.url).toBe("https://plex.tv/api/v2/users/signin");
    expect(captured[0]!.method).toBe("POST");
    expect(await captured[0]!.text()).toBe("login=username%40email.com&password=password123");
  });

  it("server operations default to the declared server variables", async () => {
    const { sdk, captured } = capturing({}, () => new Response(null, { status: 200 }));
    await sdk.authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All);
    expect(captured[0]!.url).toBe("https://10.10.10.47:32400/security/token?type=delegation&scope=all");
  });

  it("a serverIdx with no server is refused before sending", async () => {
    const { sdk, captured } = capturing({ serverIdx: 3 }, () => new Response(null, { status: 200 }));
    const error = await rejection(sdk.authentication.getSourceConnectionInformation("server://x"));
    expect(instance(error, errors.SDKValidationError).path).toBe("serverIdx");
    expect(captured).toHaveLength(0);
  });
});

describe("server variables", () => {
  it("protocol, ip and port options build the server URL", async () => {
    server.reply({ status: 200 });
    const sdk = new PlexAPI({ protocol: "http", ip: "127.0.0.1", port: String(server.port), accessToken: TOKEN });
    const result = await sdk.authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All);
    const req = only();
    expect(req.path).toBe("/security/token");
    expect(req.headers["host"]).toBe(`127.0.0.1:${server.port}`);
    expect(headerValues(req, "x-plex-token")).toEqual([TOKEN]);
    expect(result.statusCode).toBe(200);
  });
});

describe("global X-Plex-* parameters", () => {
  const globals = {
    xPlexClientIdentifier: "3381b62b-9ab7-4e37-827b-203e9809eb58",
    xPlexProduct: "Plex for Roku",
    xPlexDevice: "Roku 3",
    xPlexVersion: "2.4.1",
    xPlexPlatform: "Roku",
  };
  const expected: Record<string, string> = {
    "x-plex-client-identifier": "3381b62b-9ab7-4e37-827b-203e9809eb58",
    "x-plex-product": "Plex for Roku",
    "x-plex-device": "Roku 3",
    "x-plex-version": "2.4.1",
    "x-plex-platform": "Roku",
  };
  const ok = [{ status: 200 }, { status: 200 }, json(200, userPlexAccount), json(201, signedInAccount)];

  it.each(operations.map((op, i) => [op.name, op, ok[i]!] as const))("all five are sent once each on %s", async (_name, op, reply) => {
    server.reply(reply);
    await op.call(client(globals));
    const req = only();
    for (const [name, value] of Object.entries(expected)) expect(headerValues(req, name), name).toEqual([value]);
  });

  it.each(operations.map((op, i) => [op.name, op, ok[i]!] as const))("globals that are not set are not sent on %s", async (_name, op, reply) => {
    server.reply(reply);
    await op.call(client({ xPlexClientIdentifier: "only-id", xPlexVersion: "9.9.9" }));
    const req = only();
    expect(headerValues(req, "x-plex-client-identifier")).toEqual(["only-id"]);
    expect(headerValues(req, "x-plex-version")).toEqual(["9.9.9"]);
    expect(req.headers["x-plex-product"]).toBeUndefined();
    expect(req.headers["x-plex-device"]).toBeUndefined();
    expect(req.headers["x-plex-platform"]).toBeUndefined();
  });
});

describe("error responses", () => {
  describe.each(operations.map((op) => [op.name, op] as const))("%s", (_name, op) => {
    it("400 JSON rejects with the operation's BadRequest", async () => {
      const body = JSON.stringify(BAD_REQUEST);
      server.reply({ status: 400, headers: { "content-type": "application/json", "x-request-id": "r-400" }, body });
      const error = await rejection(op.call(client()));

      const e = instance(error, op.BadRequest);
      expect(e).toBeInstanceOf(errors.HTTPError);
      expect(e).toBeInstanceOf(errors.SDKBaseError);
      expect(e).toBeInstanceOf(Error);
      expect(e).not.toBeInstanceOf(op.Unauthorized);
      expect(e).not.toBeInstanceOf(errors.SDKError);
      expect(e.name).toBe(op.BadRequest.name);
      expect(e.statusCode).toBe(400);
      expect(e.contentType).toBe("application/json");
      expect(e.errors).toEqual(BAD_REQUEST.errors);
      expect(e.errors?.[0]?.code).toBe(1000);
      expect(e.data$).toEqual(BAD_REQUEST);
      expect(e.message).toContain("X-Plex-Client-Identifier is missing");
      expect(e.message).toBe("X-Plex-Client-Identifier is missing");
      expect(e.body).toBe(body);
      expect(e.headers.get("x-request-id")).toBe("r-400");
      expect(e.rawResponse).toBeInstanceOf(Response);
      expect(e.rawResponse.status).toBe(400);

      const req = only();
      expect(req.method).toBe(op.method);
      expect(req.path).toBe(op.path);
    });

    it("401 JSON rejects with the operation's Unauthorized", async () => {
      const body = JSON.stringify(UNAUTHORIZED);
      server.reply({ status: 401, headers: { "content-type": "application/json" }, body });
      const error = await rejection(op.call(client()));

      const e = instance(error, op.Unauthorized);
      expect(e).toBeInstanceOf(errors.HTTPError);
      expect(e).toBeInstanceOf(errors.SDKBaseError);
      expect(e).not.toBeInstanceOf(op.BadRequest);
      expect(e.statusCode).toBe(401);
      expect(e.errors?.[0]?.code).toBe(1001);
      expect(e.errors?.[0]?.status).toBe(401);
      expect(e.message).toBe("User could not be authenticated");
      expect(e.body).toBe(body);
      expect(e.rawResponse).toBeInstanceOf(Response);
      expect(e.rawResponse.status).toBe(401);
    });

    it("500 HTML rejects with SDKError", async () => {
      server.reply({ status: 500, headers: { "content-type": "text/html" }, body: HTML_500 });
      const error = await rejection(op.call(client()));

      const e = instance(error, errors.SDKError);
      expect(e).toBeInstanceOf(errors.HTTPError);
      expect(e).toBeInstanceOf(errors.SDKBaseError);
      expect(e).not.toBeInstanceOf(op.BadRequest);
      expect(e.statusCode).toBe(500);
      expect(e.contentType).toBe("text/html");
      expect(e.body).toBe(HTML_500);
      expect(e.body).toContain("<h1>Oops</h1>");
      expect(e.message).toContain("API error occurred");
      expect(e.message).toContain("Status 500");
      expect(e.rawResponse.status).toBe(500);
    });
  });

  it("an error body without a message falls back to the response description", async () => {
    server.reply(json(400, {}));
    const e = instance(await rejection(operations[0]!.call(client())), errors.GetTransientTokenBadRequest);
    expect(e.message).toBe("Bad Request - A parameter was not specified, or was specified incorrectly.");
    expect(e.errors).toBeUndefined();
  });

  it("several error messages are joined", async () => {
    server.reply(json(401, { errors: [{ message: "first" }, { message: "second" }] }));
    const e = instance(await rejection(operations[1]!.call(client())), errors.GetSourceConnectionInformationUnauthorized);
    expect(e.message).toBe("first; second");
  });

  it("a 400 that is not JSON rejects with SDKError, not the typed error", async () => {
    server.reply({ status: 400, headers: { "content-type": "text/plain" }, body: "bad" });
    const error = await rejection(operations[0]!.call(client()));
    expect(error).toBeInstanceOf(errors.SDKError);
    expect(error).not.toBeInstanceOf(errors.GetTransientTokenBadRequest);
    expect((error as errors.SDKError).statusCode).toBe(400);
  });

  it("a 400 JSON error body that is not valid JSON rejects with ResponseValidationError", async () => {
    server.reply({ status: 400, headers: { "content-type": "application/json" }, body: "{not json" });
    const e = instance(await rejection(operations[2]!.call(client())), errors.ResponseValidationError);
    expect(e.statusCode).toBe(400);
    expect(e.path).toBe("$");
    expect(e.body).toBe("{not json");
  });

  it("getTokenDetails: a 200 with text/html rejects with SDKError", async () => {
    server.reply({ status: 200, headers: { "content-type": "text/html" }, body: "<html>login page</html>" });
    const error = await rejection(client().authentication.getTokenDetails({ serverURL: server.base }));
    const e = instance(error, errors.SDKError);
    expect(e).toBeInstanceOf(errors.HTTPError);
    expect(e.statusCode).toBe(200);
    expect(e.contentType).toBe("text/html");
    expect(e.body).toBe("<html>login page</html>");
    expect(e.message).toContain("Unexpected content type");
  });

  it("getTokenDetails: a 200 whose JSON is malformed rejects with ResponseValidationError", async () => {
    server.reply({ status: 200, headers: { "content-type": "application/json" }, body: '{"authToken":' });
    const e = instance(await rejection(client().authentication.getTokenDetails({ serverURL: server.base })), errors.ResponseValidationError);
    expect(e.statusCode).toBe(200);
    expect(e.body).toBe('{"authToken":');
  });

  it("postUsersSignInData: an undeclared success status (200 instead of 201) rejects with SDKError", async () => {
    server.reply(json(200, signedInAccount));
    const e = instance(await rejection(operations[3]!.call(client())), errors.SDKError);
    expect(e.statusCode).toBe(200);
    expect(e.message).toContain("Unexpected status code");
  });
});

describe("standalone functions", () => {
  it("return { ok: true, value } on success", async () => {
    server.reply(json(200, userPlexAccount));
    const core = new PlexAPICore({ accessToken: TOKEN, xPlexClientIdentifier: CLIENT_ID });
    const result = await authenticationGetTokenDetails(core, { serverURL: server.base });
    expect(result.ok).toBe(true);
    if (!result.ok) throw result.error;
    expect(result.error).toBeUndefined();
    expect(result.value.statusCode).toBe(200);
    expect(result.value.userPlexAccount).toEqual(userPlexAccount);
    expect(headerValues(only(), "x-plex-token")).toEqual([TOKEN]);
  });

  it("return { ok: false, error } on a 401 without throwing", async () => {
    server.reply(json(401, UNAUTHORIZED));
    const core = new PlexAPICore({ accessToken: TOKEN, xPlexClientIdentifier: CLIENT_ID });
    const promise = authenticationGetTokenDetails(core, { serverURL: server.base });
    const result = await promise; // would throw here if the function rejected
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error("expected an error result");
    expect(result.value).toBeUndefined();
    const e = instance(result.error, errors.GetTokenDetailsUnauthorized);
    expect(e.statusCode).toBe(401);
    expect(e.errors?.[0]?.code).toBe(1001);
  });

  it("return a ConnectionError result instead of throwing when the server is unreachable", async () => {
    const closed = await startServer();
    await closed.close();
    const result = await authenticationGetTransientToken(
      new PlexAPICore({ serverURL: closed.base }), GetTransientTokenQueryParamType.Delegation, Scope.All,
    );
    expect(result.ok).toBe(false);
    expect(result.error).toBeInstanceOf(errors.ConnectionError);
  });
});

describe("per-call options", () => {
  it("headers adds a header to that request only", async () => {
    server.reply({ status: 200 }, { status: 200 });
    const sdk = client();
    await sdk.authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All, { headers: { "X-Request-Id": "abc-123" } });
    await sdk.authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All);
    expect(server.requests).toHaveLength(2);
    expect(headerValues(server.requests[0]!, "x-request-id")).toEqual(["abc-123"]);
    expect(headerValues(server.requests[0]!, "x-plex-token")).toEqual([TOKEN]);
    expect(server.requests[1]!.headers["x-request-id"]).toBeUndefined();
  });

  it("headers override a generated header", async () => {
    server.reply({ status: 200 });
    await client({ xPlexProduct: "Plex Web" }).authentication.getSourceConnectionInformation("server://x", {
      headers: { "X-Plex-Product": "Override" },
    });
    expect(headerValues(only(), "x-plex-product")).toEqual(["Override"]);
  });

  it("serverURL sends a server operation to another server", async () => {
    server.reply({ status: 200 });
    const sdk = client({ serverURL: `${server.base}/wrong` });
    await sdk.authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All, { serverURL: `${server.base}/pms` });
    expect(only().path).toBe("/pms/security/token");
    expect(only().rawQuery).toBe("type=delegation&scope=all");
  });

  it("a header value with CR/LF is refused before sending", async () => {
    const error = await rejection(client({ xPlexDevice: "Roku\r\nX-Evil: 1" }).authentication.getSourceConnectionInformation("server://x"));
    expect(error).toBeInstanceOf(errors.SDKValidationError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("credentials", () => {
  it("the token never appears in JSON.stringify, String or inspect of the client", async () => {
    const sdk = new PlexAPI({ accessToken: TOKEN, serverURL: server.base, xPlexClientIdentifier: CLIENT_ID });
    void sdk.authentication; // creates the sub-client too
    const core = new PlexAPICore({ accessToken: TOKEN });
    for (const c of [sdk, core]) {
      expect(JSON.stringify(c)).not.toContain(TOKEN);
      expect(String(c)).not.toContain(TOKEN);
      expect(`${c}`).not.toContain(TOKEN);
      expect(JSON.stringify({ ...c })).not.toContain(TOKEN);
      expect(inspect(c, { depth: Infinity, showHidden: true })).not.toContain(TOKEN);
    }
    expect(JSON.stringify(sdk.authentication)).not.toContain(TOKEN);
    // The token is still there and used.
    server.reply({ status: 200 });
    await sdk.authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All);
    expect(headerValues(only(), "x-plex-token")).toEqual([TOKEN]);
  });

  it("an async accessToken function is called for each request and its value sent", async () => {
    let calls = 0;
    const sdk = client({
      accessToken: async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return `rotating-token-${calls}`;
      },
    });
    server.reply({ status: 200 }, json(200, userPlexAccount));
    await sdk.authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All);
    await sdk.authentication.getTokenDetails({ serverURL: server.base });
    expect(calls).toBe(2);
    expect(headerValues(server.requests[0]!, "x-plex-token")).toEqual(["rotating-token-1"]);
    expect(headerValues(server.requests[1]!, "x-plex-token")).toEqual(["rotating-token-2"]);
  });

  it("the accessToken function is not called for postUsersSignInData, which needs no security", async () => {
    let calls = 0;
    const sdk = client({
      accessToken: () => {
        calls += 1;
        return "should-not-be-sent";
      },
    });
    server.reply(json(201, signedInAccount));
    await sdk.authentication.postUsersSignInData({ requestBody: { login: "a@b.c", password: "x" } }, { serverURL: server.base });
    expect(calls).toBe(0);
    expect(only().headers["x-plex-token"]).toBeUndefined();
  });

  it("without an accessToken no X-Plex-Token header is sent", async () => {
    server.reply(json(401, UNAUTHORIZED));
    const sdk = new PlexAPI({ serverURL: server.base, xPlexClientIdentifier: CLIENT_ID });
    const error = await rejection(sdk.authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All));
    expect(error).toBeInstanceOf(errors.GetTransientTokenUnauthorized);
    expect(only().headers["x-plex-token"]).toBeUndefined();
  });
});

describe("transport failures", () => {
  it("a closed port gives ConnectionError", async () => {
    const closed = await startServer();
    const port = closed.port;
    await closed.close();
    const sdk = new PlexAPI({ protocol: "http", ip: "127.0.0.1", port: String(port), accessToken: TOKEN });
    const error = await rejection(sdk.authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All));
    const e = instance(error, errors.ConnectionError);
    expect(e).toBeInstanceOf(errors.SDKBaseError);
    expect(e).not.toBeInstanceOf(errors.RequestTimeoutError);
    expect(e.message).toContain("ECONNREFUSED");
    expect(e.message).not.toContain(TOKEN);
  });

  it("a server that never answers gives RequestTimeoutError after timeoutMs", async () => {
    server.reply(HANG);
    const started = Date.now();
    const error = await settleWithin(rejection(client().authentication.getTokenDetails({ serverURL: server.base, timeoutMs: 200 })), 3000);
    const elapsed = Date.now() - started;
    const e = instance(error, errors.RequestTimeoutError);
    expect(e).toBeInstanceOf(errors.SDKBaseError);
    expect(e.message).toBe("getTokenDetails timed out after 200 ms");
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(5000);
    expect(server.requests).toHaveLength(1);
  });

  it("the client-level timeoutMs applies too", async () => {
    server.reply(HANG);
    const error = await settleWithin(
      rejection(client({ timeoutMs: 150 }).authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All)),
      3000,
    );
    expect(instance(error, errors.RequestTimeoutError).message).toBe("getTransientToken timed out after 150 ms");
  });

  it("an AbortSignal aborted mid-request gives RequestAbortedError", async () => {
    const controller = new AbortController();
    // The server aborts the caller's signal once it has the whole request, then never answers.
    server.reply(() => {
      controller.abort();
      return HANG;
    });
    const error = await settleWithin(
      rejection(
        client().authentication.postUsersSignInData(
          { requestBody: { login: "username@email.com", password: "password123" } },
          { serverURL: server.base, signal: controller.signal, timeoutMs: 5000 },
        ),
      ),
      3000,
    );
    const e = instance(error, errors.RequestAbortedError);
    expect(e).toBeInstanceOf(errors.SDKBaseError);
    expect(e).not.toBeInstanceOf(errors.RequestTimeoutError);
    expect(e.message).toBe("post-users-sign-in-data was aborted");
    expect(server.requests).toHaveLength(1);
    expect(only().body).toBe("login=username%40email.com&password=password123");
  });

  it("a body that stops arriving gives RequestTimeoutError", async () => {
    server.reply({ status: 200, headers: { "content-type": "application/json", "content-length": "5000" }, body: '{"authToken":', stall: true });
    const error = await settleWithin(rejection(client().authentication.getTokenDetails({ serverURL: server.base, timeoutMs: 200 })), 3000);
    expect(instance(error, errors.RequestTimeoutError).message).toBe("getTokenDetails timed out after 200 ms");
  });

  it("an AbortSignal aborted before the call sends nothing", async () => {
    const error = await rejection(
      client().authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All, { signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(errors.RequestAbortedError);
    expect(server.requests).toHaveLength(0);
  });
});

// Node's fetch (undici 6) links a Request's signal to the signal it was built from through a WeakRef
// (nodejs/node#55428): after a GC an abort may never reach the fetch. The runtime races every wait
// against its own signal; these tests force the GC to prove timeouts and aborts still end the call.
describe("timeouts and aborts after a garbage collection", () => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const collectGarbage = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  it("timeoutMs fires even if a GC runs while waiting for the response", async () => {
    server.reply(HANG);
    const pending = rejection(client().authentication.getTokenDetails({ serverURL: server.base, timeoutMs: 300 }));
    await waitUntil(() => server.requests.length === 1);
    await collectGarbage();
    expect(await settleWithin(pending, 2000)).toBeInstanceOf(errors.RequestTimeoutError);
  });

  it("timeoutMs fires even if a GC runs while the body is arriving", async () => {
    server.reply({ status: 200, headers: { "content-type": "application/json", "content-length": "5000" }, body: '{"authToken":', stall: true });
    const pending = rejection(client().authentication.getTokenDetails({ serverURL: server.base, timeoutMs: 300 }));
    await waitUntil(() => server.requests.length === 1);
    await collectGarbage();
    expect(await settleWithin(pending, 2000)).toBeInstanceOf(errors.RequestTimeoutError);
  });

  it("an AbortSignal aborted after a GC ends the request", async () => {
    server.reply(HANG);
    const controller = new AbortController();
    const pending = rejection(
      client().authentication.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All, { signal: controller.signal }),
    );
    await waitUntil(() => server.requests.length === 1);
    await collectGarbage();
    controller.abort();
    expect(await settleWithin(pending, 2000)).toBeInstanceOf(errors.RequestAbortedError);
  });
});
