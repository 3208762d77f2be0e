import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server received it. */
export interface RecordedRequest {
  method: string;
  /** The URL path, without the query string. */
  path: string;
  /** The query string exactly as sent, without the leading "?" ("" when there is none). */
  rawQuery: string;
  /** The query, decoded; a repeated key gives an array. */
  query: Record<string, string | string[]>;
  /** Node's header object: lower-case names, repeated headers joined. */
  headers: IncomingHttpHeaders;
  /** Header names and values in the order received, as [name, value, name, value, ...]. */
  rawHeaders: string[];
  /** The exact body bytes, as a latin1 string (one character per byte). */
  body: string;
}

/** What the server answers. */
export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  /** A string is sent as UTF-8; bytes are sent as they are. */
  body?: string | Uint8Array;
  /** Send status, headers and body, then keep the response open (a body that never finishes). */
  stall?: boolean;
}

/** Never answers: the socket stays open until the client gives up or the server closes. */
export const HANG = Symbol("hang");

/** A reply, or a function that decides the reply once the request has been received. */
export type Script = ScriptedResponse | typeof HANG | ((request: RecordedRequest) => ScriptedResponse | typeof HANG);

export interface TestServer {
  /** "http://127.0.0.1:<port>" */
  readonly base: string;
  readonly port: number;
  /** Every request received since the last reset(), in order. */
  readonly requests: RecordedRequest[];
  /** Queues replies; each request takes the next one. With none left, the server answers 599. */
  reply(...scripts: Script[]): void;
  /** Forgets recorded requests and queued replies, and drops connections left hanging. */
  reset(): void;
  close(): Promise<void>;
}

/** The value of one header in a request, once per time it was sent (names compared case-insensitively). */
export function headerValues(request: RecordedRequest, name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i]!.toLowerCase() === name.toLowerCase()) values.push(request.rawHeaders[i + 1]!);
  }
  return values;
}

/** A JSON reply. */
export function json(status: number, value: unknown, headers: Record<string, string | string[]> = {}): ScriptedResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(value) };
}

/** A query string decoded; a repeated key gives an array. */
export function decodeQuery(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of search) {
    // Own keys only: a parameter named `constructor` must not find Object's.
    const prev = Object.hasOwn(query, key) ? query[key] : undefined;
    query[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return query;
}

/** Starts an HTTP server on 127.0.0.1 on a free port. */
export async function startServer(): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const queue: Script[] = [];
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const query = decodeQuery(url.searchParams);
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        path: url.pathname,
        rawQuery: url.search.replace(/^\?/, ""),
        query,
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks).toString("latin1"),
      };
      requests.push(recorded);

      const script = queue.shift() ?? { status: 599, headers: { "content-type": "text/plain" }, body: "no scripted response" };
      const answer = typeof script === "function" ? script(recorded) : script;
      if (answer === HANG || answer.stall) {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
      }
      if (answer === HANG) return;
      res.writeHead(answer.status, answer.headers ?? {});
      if (answer.stall) res.write(answer.body ?? "");
      else res.end(answer.body ?? "");
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const dropHanging = () => {
    for (const res of hanging) res.socket?.destroy();
    hanging.clear();
  };

  return {
    base: `http://127.0.0.1:${port}`,
    port,
    requests,
    reply: (...scripts) => void queue.push(...scripts),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      dropHanging();
    },
    close: () => {
      dropHanging();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
