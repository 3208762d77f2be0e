// The server every conformance driver talks to: it plays each scenario's exchanges in order,
// routing on the first path segment (the scenario id), and records what it received.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeQuery } from "../helpers/server.ts";
import type { Exchange, Reply } from "./scenarios.ts";

export interface ReceivedRequest {
  method: string;
  /** Path below the scenario's prefix. */
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** performance.now() when the request's headers arrived. */
  at: number;
}

export interface ScenarioServer {
  base: string;
  /** Requests per scenario id, in arrival order, including unexpected ones. */
  received(id: string): ReceivedRequest[];
  /** Forgets every request and rewinds every scenario, for the next driver. */
  reset(): void;
  close(): Promise<void>;
}

function headerValue(value: string | { httpDateInSeconds: number }): string {
  return typeof value === "string" ? value : new Date(Date.now() + value.httpDateInSeconds * 1000).toUTCString();
}

function send(res: ServerResponse, reply: Reply, hanging: Set<ServerResponse>): void {
  if ("hang" in reply) {
    hanging.add(res);
    return;
  }
  if ("destroy" in reply) {
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.headers ?? {})) headers[name] = headerValue(value);
  let body = reply.body ?? "";
  if (reply.json !== undefined) {
    headers["content-type"] ??= "application/json";
    body = JSON.stringify(reply.json);
  }
  // Browsers are not among the drivers, but the headers keep the server honest for any client.
  res.writeHead(reply.status, { "access-control-allow-origin": "*", ...headers });
  res.end(body);
}

export async function startScenarioServer(exchanges: Map<string, Exchange[]>): Promise<ScenarioServer> {
  const received = new Map<string, ReceivedRequest[]>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const [, id = "", ...rest] = url.pathname.split("/");
      const list = received.get(id) ?? [];
      received.set(id, list);
      list.push({ method: req.method ?? "", path: `/${rest.join("/")}`, query: decodeQuery(url.searchParams), headers: req.headers, body: Buffer.concat(chunks), at });
      const exchange = exchanges.get(id)?.[list.length - 1];
      if (!exchange) {
        res.writeHead(599, { "content-type": "text/plain" });
        res.end(`no exchange ${list.length} for scenario ${JSON.stringify(id)}`);
        return;
      }
      send(res, exchange.reply, hanging);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const dropHanging = () => {
    for (const res of hanging) res.socket?.destroy();
    hanging.clear();
  };
  return {
    base: `http://127.0.0.1:${port}`,
    received: (id) => received.get(id) ?? [],
    reset: () => {
      received.clear();
      dropHanging();
    },
    close: async () => {
      dropHanging();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
