import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PlexAPI } from "../../generated/typescript/src/index.ts";
import * as errors from "../../generated/typescript/src/models/errors/index.ts";
import { rejection } from "../helpers/async.ts";
import { userPlexAccount } from "../helpers/plex-fixtures.ts";
import { json, startServer, type TestServer } from "../helpers/server.ts";

// Two servers on 127.0.0.1 with different ports are two origins.
let home: TestServer;
let elsewhere: TestServer;

beforeAll(async () => {
  home = await startServer();
  elsewhere = await startServer();
});
afterAll(async () => {
  await home.close();
  await elsewhere.close();
});
beforeEach(() => {
  home.reset();
  elsewhere.reset();
});

const TOKEN = "tok-redirect-SECRET";
const client = () => new PlexAPI({ serverURL: home.base, accessToken: TOKEN, xPlexClientIdentifier: "redirect-tests" });

describe("redirects", () => {
  it("a same-origin 307 keeps the token and the request", async () => {
    home.reply({ status: 307, headers: { location: "/moved/user" } }, json(200, userPlexAccount()));
    const res = await client().authentication.getTokenDetails({ serverURL: home.base });
    expect(res.statusCode).toBe(200);
    expect(home.requests.map((r) => r.path)).toEqual(["/user", "/moved/user"]);
    expect(home.requests[1]?.headers["x-plex-token"]).toBe(TOKEN);
  });

  it("a cross-origin 308 drops the token but keeps the other headers", async () => {
    home.reply({ status: 308, headers: { location: `${elsewhere.base}/user` } });
    elsewhere.reply(json(200, userPlexAccount()));
    const res = await client().authentication.getTokenDetails({ serverURL: home.base });
    expect(res.userPlexAccount.authToken).toBe(userPlexAccount().authToken);
    expect(home.requests[0]?.headers["x-plex-token"]).toBe(TOKEN);
    expect(elsewhere.requests).toHaveLength(1);
    expect(elsewhere.requests[0]?.headers["x-plex-token"]).toBeUndefined();
    expect(elsewhere.requests[0]?.headers["x-plex-client-identifier"]).toBe("redirect-tests");
  });

  it("a token from a function is dropped across origins too, and a redirect back home does not restore it", async () => {
    const plex = new PlexAPI({ serverURL: home.base, accessToken: async () => TOKEN });
    home.reply({ status: 302, headers: { location: `${elsewhere.base}/hop` } }, json(200, userPlexAccount()));
    elsewhere.reply({ status: 302, headers: { location: `${home.base}/back` } });
    await plex.authentication.getTokenDetails({ serverURL: home.base });
    expect(elsewhere.requests[0]?.headers["x-plex-token"]).toBeUndefined();
    expect(home.requests.map((r) => [r.path, r.headers["x-plex-token"]])).toEqual([["/user", TOKEN], ["/back", undefined]]);
  });

  it("a 303 after a POST becomes a GET without the body", async () => {
    home.reply({ status: 303, headers: { location: "/users/result" } }, json(201, { ...userPlexAccount(), pastSubscriptions: [], trials: [] }));
    await client().authentication.postUsersSignInData({ requestBody: { login: "a@b.c", password: "p" } }, { serverURL: home.base }).catch(() => undefined);
    expect(home.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", "/users/signin", "login=a%40b.c&password=p"],
      ["GET", "/users/result", ""],
    ]);
    expect(home.requests[1]?.headers["content-type"]).toBeUndefined();
  });

  it("a 307 after a POST repeats the POST with its body", async () => {
    home.reply({ status: 307, headers: { location: "/users/signin2" } }, json(201, { ...userPlexAccount(), pastSubscriptions: [], trials: [] }));
    const res = await client().authentication.postUsersSignInData({ requestBody: { login: "a@b.c", password: "p" } }, { serverURL: home.base });
    expect(res.statusCode).toBe(201);
    expect(home.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", "/users/signin", "login=a%40b.c&password=p"],
      ["POST", "/users/signin2", "login=a%40b.c&password=p"],
    ]);
  });

  it("a redirect loop ends in ConnectionError after 20 redirects", async () => {
    const loop = () => ({ status: 302, headers: { location: "/user" } });
    home.reply(...Array.from({ length: 30 }, loop));
    const error = await rejection(client().authentication.getTokenDetails({ serverURL: home.base }));
    expect(error).toBeInstanceOf(errors.ConnectionError);
    expect(home.requests).toHaveLength(21);
    expect(String((error as Error).message)).not.toContain(TOKEN);
  });

  it("a custom fetcher still gets the redirect handled by the SDK", async () => {
    const seen: string[] = [];
    const plex = new PlexAPI({
      serverURL: home.base, accessToken: TOKEN,
      fetcher: (request) => {
        seen.push(`${request.url} ${request.headers.get("x-plex-token") ?? "-"}`);
        return fetch(request);
      },
    });
    home.reply({ status: 301, headers: { location: `${elsewhere.base}/user` } });
    elsewhere.reply(json(200, userPlexAccount()));
    await plex.authentication.getTokenDetails({ serverURL: home.base });
    expect(seen).toEqual([`${home.base}/user ${TOKEN}`, `${elsewhere.base}/user -`]);
  });
});
