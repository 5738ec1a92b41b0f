import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const TEST_KEY = "test-proxy-key-5ecret-value";

export interface RecordedCall {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface FakeBflOptions {
  /** Origin put into `polling_url` (default: the origin the request arrived on). */
  pollingOrigin?: string;
  /** Origin put into `result.sample` (`"self"`: the origin the poll arrived on). */
  deliveryOrigin?: string;
  /** Polls before a task is Ready. */
  pendingPolls?: number;
  /**
   * Answer polls only on the task's own polling origin, like BFL's regional clusters: elsewhere a task is
   * `Task not found`.
   */
  strictPollingOrigin?: boolean;
}

type Scripted = { status: number; body: string; headers?: Record<string, string> };

/**
 * A tiny in-process BFL: submit, get_result (Pending then Ready) and a delivery route with image bytes. It is a
 * Web handler, so tests can inject it as `fetch`, or serve it on a loopback socket with `listen()`.
 */
export function createFakeBfl(options: FakeBflOptions = {}) {
  const calls: RecordedCall[] = [];
  const tasks = new Map<string, number>();
  const homes = new Map<string, string>();
  const scripted: Scripted[] = [];
  let counter = 0;
  let image: Uint8Array<ArrayBuffer> = new Uint8Array(1024).fill(7);

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => (headers[k] = v));
    const body = request.method === "POST" ? await request.text() : "";
    calls.push({ method: request.method, url: request.url, headers, body });
    const next = scripted.shift();
    if (next) return new Response(next.body, { status: next.status, headers: next.headers ?? {} });
    if (url.pathname.startsWith("/results/")) {
      return new Response(image, {
        status: 200,
        headers: { "content-type": "image/jpeg", "set-cookie": "a=b" },
      });
    }
    if (request.headers.get("x-key") !== TEST_KEY) {
      return Response.json({ detail: "Not authenticated - Invalid Authentication" }, { status: 403 });
    }
    if (url.pathname === "/v1/get_result") {
      const id = url.searchParams.get("id") ?? "";
      const polls = tasks.get(id);
      const foreign = options.strictPollingOrigin === true && homes.get(id) !== url.origin;
      if (polls === undefined || foreign)
        return Response.json({ id, status: "Task not found", result: null });
      tasks.set(id, polls + 1);
      if (polls < (options.pendingPolls ?? 1)) {
        return Response.json({
          id,
          status: "Pending",
          result: null,
          progress: 0.5,
          details: null,
          preview: null,
        });
      }
      const se = new Date(Date.now() + 10 * 60_000).toISOString();
      const delivery =
        options.deliveryOrigin === "self"
          ? url.origin
          : (options.deliveryOrigin ?? "https://delivery-eu1.bfl.ai");
      return Response.json(
        {
          id,
          status: "Ready",
          result: {
            sample: `${delivery}/results/${id}/sample.jpeg?se=${encodeURIComponent(se)}&sig=abc`,
            seed: 1,
          },
          progress: null,
          details: null,
          preview: null,
        },
        { headers: { "set-cookie": "session=upstream" } },
      );
    }
    const model = /^\/v1\/([a-z0-9.-]+(?:\/[a-z0-9.-]+)?)$/.exec(url.pathname)?.[1];
    if (request.method === "POST" && model) {
      const id = `task-${++counter}`;
      tasks.set(id, 0);
      const origin = options.pollingOrigin ?? url.origin;
      homes.set(id, origin);
      return Response.json(
        { id, polling_url: `${origin}/v1/get_result?id=${id}`, cost: 3, input_mp: 0, output_mp: 1 },
        { headers: { "set-cookie": "upstream=1" } },
      );
    }
    return Response.json({ detail: "Not Found" }, { status: 404 });
  }

  return {
    calls,
    handle,
    /** Tasks submitted and not yet answered `Ready` (BFL's own view of what is running). */
    running: () => [...tasks].filter(([, polls]) => polls <= (options.pendingPolls ?? 1)).map(([id]) => id),
    /** A `fetch` that answers from this fake, whatever host is asked (the host is recorded). */
    fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
      handle(new Request(input, init))) as typeof fetch,
    /** Makes the next answer this one, whatever is asked. */
    script(status: number, body: string, headers?: Record<string, string>) {
      scripted.push(headers ? { status, body, headers } : { status, body });
    },
    setImage(bytes: Uint8Array<ArrayBuffer>) {
      image = bytes;
    },
    async listen(): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
      const server = createServer((req, res) => void serveNode(handle, req, res));
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        server,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      };
    },
  };
}

async function serveNode(
  handle: (r: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const init: RequestInit = { method: req.method ?? "GET", headers: req.headers as Record<string, string> };
  if (req.method === "POST") init.body = Buffer.concat(chunks);
  const response = await handle(new Request(`http://${req.headers.host}${req.url}`, init));
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}
