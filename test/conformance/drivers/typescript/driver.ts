// Conformance driver for the generated TypeScript SDK; the contract is in test/conformance/README.md.
import { readFileSync } from "node:fs";
import { PlexAPI } from "../../../../generated/typescript/src/index.ts";
import type { RequestOptions } from "../../../../generated/typescript/src/lib/config.ts";
import type { RetryConfig } from "../../../../generated/typescript/src/lib/retries.ts";
import * as errors from "../../../../generated/typescript/src/models/errors/index.ts";
import type * as components from "../../../../generated/typescript/src/models/components/index.ts";
import type * as operations from "../../../../generated/typescript/src/models/operations/index.ts";

interface Scenario {
  id: string;
  baseUrl?: string;
  serverUrl: "client" | "call";
  clientOptions: { timeoutMs?: number; retries?: RetryConfig };
  call: {
    operation: string;
    args: Record<string, unknown>;
    options: { timeoutMs?: number; retries?: RetryConfig; retryCodes?: string[] };
  };
}

interface ScenarioFile {
  client: { accessToken: string; globals: Record<string, string> };
  scenarios: Scenario[];
}

/** The client option a global header is set through: X-Plex-Product -> xPlexProduct. */
function optionName(header: string): string {
  const [first = "", ...rest] = header.split("-");
  return first.toLowerCase() + rest.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join("");
}

function accountFacts(account: components.UserPlexAccount): Record<string, unknown> {
  return {
    id: account.id,
    uuid: account.uuid,
    authToken: account.authToken,
    email: account.email,
    joinedAt: account.joinedAt,
    locale: account.locale,
    anonymous: account.anonymous,
    hasPassword: account.hasPassword,
    mailingListStatus: account.mailingListStatus,
    subscriptionStatus: account.subscription.status,
    firstServiceStatus: account.services[0]?.status ?? null,
    watchedIndicator: account.profile.watchedIndicator,
    roles: account.roles ?? null,
  };
}

async function call(sdk: PlexAPI, scenario: Scenario, options: RequestOptions): Promise<Record<string, unknown>> {
  const args = scenario.call.args;
  switch (scenario.call.operation) {
    case "getTransientToken": {
      // An unknown enum value goes through a cast, so the SDK's own input check is what is tested.
      const res = await sdk.authentication.getTransientToken(
        args["type"] as operations.GetTransientTokenQueryParamType, args["scope"] as operations.Scope, options);
      return { status: res.statusCode };
    }
    case "getSourceConnectionInformation": {
      const res = await sdk.authentication.getSourceConnectionInformation(String(args["source"]), options);
      return { status: res.statusCode };
    }
    case "getTokenDetails": {
      const res = await sdk.authentication.getTokenDetails(options);
      return { status: res.statusCode, ...accountFacts(res.userPlexAccount) };
    }
    case "postUsersSignInData": {
      const globals = (args["globals"] ?? {}) as Record<string, string>;
      const request: operations.PostUsersSignInDataRequest = {
        requestBody: args["requestBody"] as operations.PostUsersSignInDataRequestBody,
        ...Object.fromEntries(Object.entries(globals).map(([header, value]) => [optionName(header), value])),
      };
      const res = await sdk.authentication.postUsersSignInData(request, options);
      return { status: res.statusCode, ...accountFacts(res.userPlexAccount), pastSubscriptionsCount: res.userPlexAccount.pastSubscriptions.length };
    }
    default:
      throw new Error(`unknown operation ${scenario.call.operation}`);
  }
}

function errorReport(error: unknown): { type: string; status: number | null; message: string } {
  if (!(error instanceof errors.SDKBaseError)) throw error;
  const status = error instanceof errors.HTTPError ? error.statusCode : null;
  return { type: error.name, status, message: error.message };
}

async function main(): Promise<void> {
  const [file, base] = process.argv.slice(2);
  if (!file || !base) throw new Error("usage: driver <scenarios.json> <base URL>");
  const { client, scenarios } = JSON.parse(readFileSync(file, "utf8")) as ScenarioFile;
  for (const scenario of scenarios) {
    const serverURL = `${scenario.baseUrl ?? base}/${scenario.id}`;
    const sdk = new PlexAPI({
      accessToken: client.accessToken,
      ...Object.fromEntries(Object.entries(client.globals).map(([header, value]) => [optionName(header), value])),
      ...(scenario.serverUrl === "client" ? { serverURL } : {}),
      ...(scenario.clientOptions.timeoutMs !== undefined ? { timeoutMs: scenario.clientOptions.timeoutMs } : {}),
      ...(scenario.clientOptions.retries ? { retryConfig: scenario.clientOptions.retries } : {}),
    });
    const options: RequestOptions = { ...scenario.call.options, ...(scenario.serverUrl === "call" ? { serverURL } : {}) };
    const start = performance.now();
    let line: object;
    try {
      const facts = await call(sdk, scenario, options);
      line = { id: scenario.id, ok: true, facts, elapsedMs: performance.now() - start };
    } catch (error) {
      line = { id: scenario.id, ok: false, error: errorReport(error), elapsedMs: performance.now() - start };
    }
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

await main();
