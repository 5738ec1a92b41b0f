// What happens when an upstream call does not end with an answer (the client leaves mid-call, or the upstream
// never answers) must not depend on the transport: the same scenario runs on the Web handler, the Node handler
// (undici / node:http upstream on loopback) and the Node handler given `fetch`, and must give the same outcome
// — what the client is told, which hooks run, what is logged, whether the upstream call is aborted and
// whether the client's slot is kept.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createFluxProxy } from "../src/index";
import { createNodeHandler } from "../src/node";
import type { FluxProxyOptions } from "../src/options";
import { createFakeBfl, TEST_KEY } from "./fakeBfl";
import { serve } from "./wire";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/**
 * A fake BFL whose answers wait until `release()` (never, unless called). It records each call's arrival and
 * whether the proxy aborted it, and is reachable both as an injected `fetch` and on a loopback socket.
 */
async function heldUpstream() {
  const fake = createFakeBfl({ deliveryOrigin: "self" });
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let arrive!: () => void;
  const arrived = new Promise<void>((r) => (arrive = r));
  let abort!: () => void;
  const aborted = new Promise<void>((r) => (abort = r));

  const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init?.signal;
      const onAbort = () => {
        abort();
        reject(new DOMException("This operation was aborted", "AbortError"));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      arrive();
      void released.then(() => fake.fetch(input, init).then(resolve, reject));
    })) as typeof globalThis.fetch;

  const server = await serve((req: IncomingMessage, res: ServerResponse) => {
    res.once("close", () => {
      if (!res.writableFinished) abort();
    });
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      arrive();
      void released.then(async () => {
        const init: RequestInit = { method: req.method ?? "GET", headers: { "x-key": TEST_KEY } };
        if (req.method === "POST") init.body = Buffer.concat(chunks);
        const answer = await fake.handle(new Request(`http://${req.headers.host}${req.url}`, init));
        if (res.destroyed) return;
        res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "" });
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
  });
  closers.push(server.close);
  return { url: server.url, fetch, arrived, aborted, release };
}

type Upstream = Awaited<ReturnType<typeof heldUpstream>>;

interface Sent {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly body?: string;
}

/** What a transport is asked to do: send a request, optionally leave once the upstream call has arrived. */
interface Transport {
  /** Resolves once the proxy has finished with the request; `undefined` when the client left. */
  send(sent: Sent, leaveMidCall?: boolean): Promise<{ status: number; body: string } | undefined>;
}

type Make = (options: FluxProxyOptions, upstream: Upstream) => Promise<Transport>;

const ORIGIN = "http://app.test";

const web: Make = (options, upstream) => {
  const proxy = createFluxProxy({ ...options, fetch: upstream.fetch });
  return Promise.resolve({
    async send(sent, leaveMidCall) {
      const controller = new AbortController();
      const init: RequestInit = { method: sent.method, signal: controller.signal };
      if (sent.body !== undefined) init.body = sent.body;
      const pending = proxy(new Request(`${ORIGIN}/api/flux${sent.path}`, init), {
        clientAddress: "192.0.2.1",
      });
      if (!leaveMidCall) {
        const res = await pending;
        return { status: res.status, body: await res.text() };
      }
      await upstream.arrived;
      controller.abort();
      await pending;
      return undefined;
    },
  });
};

const nodeWith =
  (withFetch: boolean): Make =>
  async (options, upstream) => {
    const handler = createNodeHandler(withFetch ? { ...options, fetch: upstream.fetch } : options);
    let handled: Promise<void> = Promise.resolve();
    const proxy = await serve((req, res) => void (handled = handler(req, res)));
    closers.push(proxy.close);
    return {
      send(sent, leaveMidCall) {
        return new Promise((resolve, reject) => {
          const client = http.request(
            {
              host: "127.0.0.1",
              port: proxy.port,
              method: sent.method,
              path: `/api/flux${sent.path}`,
              agent: false,
            },
            (res) => {
              const chunks: Buffer[] = [];
              res.on("data", (c: Buffer) => chunks.push(c));
              res.on("end", () => {
                void handled.then(() =>
                  resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
                );
              });
            },
          );
          client.on("error", (error) => {
            if (!leaveMidCall) reject(error);
          });
          client.end(sent.body);
          if (leaveMidCall) {
            void upstream.arrived.then(async () => {
              client.destroy();
              // `handled` is the request's own run once the upstream call has arrived
              await handled;
              resolve(undefined);
            });
          }
        });
      },
    };
  };

const transports: readonly (readonly [string, Make])[] = [
  ["the Web handler", web],
  ["the Node handler", nodeWith(false)],
  ["the Node handler with fetch", nodeWith(true)],
];

/** A proxy over a held upstream that records `onError`, the log and `onSubmit`. */
async function start(make: Make, limits: FluxProxyOptions["limits"] = {}) {
  const upstream = await heldUpstream();
  const errors: string[] = [];
  const events: string[] = [];
  const submitted: string[] = [];
  const transport = await make(
    {
      apiKey: TEST_KEY,
      allowAnonymous: true,
      upstream: upstream.url,
      imageProxy: { allowedOrigins: [upstream.url] },
      limits: { maxActiveTasksPerClient: 1, ...limits },
      onError: (event) => errors.push(`${event.kind}:${event.route}`),
      logger: (event) => events.push(`${event.level}:${event.event}`),
      onSubmit: (event) => void submitted.push(event.taskId),
    },
    upstream,
  );
  return { upstream, transport, errors, events, submitted };
}

const SUBMIT: Sent = { method: "POST", path: "/v1/flux-2-pro", body: JSON.stringify({ prompt: "x" }) };
const codeOf = (answer: { body: string } | undefined) =>
  answer && (JSON.parse(answer.body) as { code?: string }).code;

describe.each(transports)("an upstream call that ends without an answer, on %s", (_name, make) => {
  it.each([
    ["a poll", "/v1/get_result?id=task-1"],
    ["an image", `/v1/image?u=`],
  ])(
    "%s whose client leaves mid-call is aborted upstream, and is no upstream error (onError and the log stay quiet)",
    async (_kind, path) => {
      const { upstream, transport, errors, events } = await start(make);
      const full = path.endsWith("u=")
        ? `${path}${encodeURIComponent(`${upstream.url}/results/task-1/sample.jpeg`)}`
        : path;
      expect(await transport.send({ method: "GET", path: full }, true)).toBeUndefined();
      await upstream.aborted;
      expect(errors).toEqual([]);
      expect(events).toEqual([]);
    },
  );

  it("a submit whose client leaves mid-call runs to its end: onSubmit learns the task, the slot stays taken", async () => {
    const { upstream, transport, errors, submitted } = await start(make);
    const left = transport.send(SUBMIT, true);
    await upstream.arrived;
    upstream.release();
    expect(await left).toBeUndefined();
    expect(submitted).toEqual(["task-1"]);
    expect(errors).toEqual([]);
    const next = await transport.send(SUBMIT);
    expect(next?.status).toBe(429);
    expect(codeOf(next)).toBe("client_limit");
  });

  it("a poll the upstream never answers is 504 upstream_timeout, reported once, its call aborted", async () => {
    const { upstream, transport, errors, events } = await start(make, { upstreamTimeoutMs: 50 });
    const answer = await transport.send({ method: "GET", path: "/v1/get_result?id=task-1" });
    expect(answer?.status).toBe(504);
    expect(codeOf(answer)).toBe("upstream_timeout");
    await upstream.aborted;
    expect(errors).toEqual(["upstream:poll"]);
    expect(events).toEqual(["error:upstream_error"]);
  });

  it("a submit the upstream never answers is 504 upstream_timeout and keeps the slot (the task may exist)", async () => {
    const { transport, errors } = await start(make, { upstreamTimeoutMs: 50 });
    const answer = await transport.send(SUBMIT);
    expect(answer?.status).toBe(504);
    expect(codeOf(answer)).toBe("upstream_timeout");
    expect(errors).toEqual(["upstream:submit"]);
    const next = await transport.send(SUBMIT);
    expect(next?.status).toBe(429);
  });
});

it("the Web handler answers a request whose client left mid-call with a bodyless 499, not a BFL error", async () => {
  const upstream = await heldUpstream();
  const proxy = createFluxProxy({ apiKey: TEST_KEY, allowAnonymous: true, fetch: upstream.fetch });
  const controller = new AbortController();
  const pending = proxy(
    new Request(`${ORIGIN}/api/flux/v1/get_result?id=task-1`, { signal: controller.signal }),
    {
      clientAddress: "192.0.2.1",
    },
  );
  await upstream.arrived;
  controller.abort();
  const res = await pending;
  expect(res.status).toBe(499);
  expect(await res.text()).toBe("");
});
