import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createMockBfl, type HandleOptions, type MockBfl } from "./createMockBfl";
import type { MockBflOptions } from "./options";

/** Options of {@link startMockServer}: the listener settings plus every {@link MockBflOptions}. */
export interface StartMockServerOptions extends MockBflOptions {
  /** Port of the API listener; `0` picks a free one. @default 0 */
  readonly port?: number;
  /** Interface to bind. @default "127.0.0.1" */
  readonly host?: string;
  /**
   * Port of a second listener that `polling_url` points at, like BFL's cluster hosts (`api.eu2.bfl.ai`);
   * `false` keeps polling on the API origin. Overrides `pollingOrigin`. A poll that reaches another listener
   * gets HTTP 404, as at BFL, unless `strictPollingOrigin` is `false`. @default false
   * @example { pollingPort: 0 } // proves clients use polling_url verbatim
   */
  readonly pollingPort?: number | false;
  /**
   * Port of the delivery listener that serves `result.sample` (a separate origin, as at BFL); `false` serves
   * images from the API origin. Overrides `deliveryOrigin`. @default 0
   */
  readonly deliveryPort?: number | false;
  /** Serve this existing simulator instead of creating one from the options. */
  readonly mock?: MockBfl;
}

/** A running mock server. */
export interface MockServer {
  /** Base URL of the API, e.g. `http://127.0.0.1:4010` (use it as the client's `baseUrl`). */
  readonly url: string;
  /** Origin `polling_url` points at (the API origin unless `pollingPort` is set). */
  readonly pollingUrl: string;
  /** Origin of the delivery URLs (the API origin when `deliveryPort: false`). */
  readonly deliveryUrl: string;
  /** The simulator behind it, for inspection and control. */
  readonly mock: MockBfl;
  /** Stops every listener, drops open connections and clears the mock's timers. */
  close(): Promise<void>;
}

/**
 * Starts the simulator as a real Node HTTP server (Node only: `node:http` is imported lazily so the main
 * entry stays browser-safe).
 *
 * @example
 * const server = await startMockServer({ port: 0, speed: 10 });
 * const client = createFluxClient({ apiKey: "mock-key", baseUrl: server.url });
 * await server.close();
 */
export async function startMockServer(options: StartMockServerOptions = {}): Promise<MockServer> {
  const http = await import("node:http");
  const {
    port = 0,
    host = "127.0.0.1",
    pollingPort = false,
    deliveryPort = 0,
    mock: given,
    ...mockOptions
  } = options;
  const mock = given ?? createMockBfl(mockOptions);
  const servers: Server[] = [];
  const ports = { polling: undefined as number | undefined, delivery: undefined as number | undefined };

  const listen = async (wanted: number): Promise<number> => {
    const server = http.createServer(
      (req, res) => void serve(mock, req, res, origins(req, ports, mockOptions)),
    );
    server.keepAliveTimeout = 5000;
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(wanted, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  };

  try {
    const apiPort = await listen(port);
    if (pollingPort !== false) ports.polling = await listen(pollingPort);
    if (deliveryPort !== false) ports.delivery = await listen(deliveryPort);
    const urlHost =
      host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
    const at = (p: number | undefined) => `http://${urlHost}:${p ?? apiPort}`;
    return {
      url: at(apiPort),
      pollingUrl: at(ports.polling),
      deliveryUrl: at(ports.delivery),
      mock,
      close: () => closeAll(servers, mock),
    };
  } catch (error) {
    await closeAll(servers, mock);
    throw error;
  }
}

/** Origins for one request: the host name the client used, with the polling/delivery listener's port. */
function origins(
  req: IncomingMessage,
  ports: { polling: number | undefined; delivery: number | undefined },
  options: MockBflOptions,
): HandleOptions {
  const hostname = new URL(`http://${req.headers.host ?? "127.0.0.1"}`).hostname;
  return {
    ...(ports.polling !== undefined
      ? { pollingOrigin: `http://${hostname}:${ports.polling}` }
      : options.pollingOrigin !== undefined && { pollingOrigin: options.pollingOrigin }),
    ...(ports.delivery !== undefined
      ? { deliveryOrigin: `http://${hostname}:${ports.delivery}` }
      : options.deliveryOrigin !== undefined && { deliveryOrigin: options.deliveryOrigin }),
  };
}

async function serve(
  mock: MockBfl,
  req: IncomingMessage,
  res: ServerResponse,
  handle: HandleOptions,
): Promise<void> {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  try {
    const chunks: Uint8Array[] = [];
    if (req.method !== "GET" && req.method !== "HEAD")
      for await (const chunk of req) chunks.push(chunk as Uint8Array);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const host =
      req.headers.host ?? `${req.socket.localAddress ?? "127.0.0.1"}:${req.socket.localPort ?? 80}`;
    const request = new Request(new URL(req.url ?? "/", `http://${host}`), {
      method: req.method ?? "GET",
      headers,
      signal: controller.signal,
      ...(chunks.length > 0 && { body: Buffer.concat(chunks) }),
    });
    const outcome = await mock.handle(request, handle);
    if (outcome.kind === "reset") {
      req.socket.resetAndDestroy();
      return;
    }
    const { response } = outcome;
    const body = new Uint8Array(await response.arrayBuffer());
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => (out[name] = value));
    out["content-length"] = String(body.byteLength);
    res.writeHead(response.status, out);
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (error) {
    if (controller.signal.aborted) return;
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ detail: "Internal Server Error" }));
    console.error("flux-mock: request failed:", error instanceof Error ? error.message : error);
  }
}

async function closeAll(servers: readonly Server[], mock: MockBfl): Promise<void> {
  mock.close();
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          if (!server.listening) return resolve();
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
}
