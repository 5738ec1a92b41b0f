import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createNodeHandler } from "../node";
import type { FluxProxyOptions } from "../options";
import { createFakeBfl, TEST_KEY } from "../../test/fakeBfl";
import { pollingUrlFor } from "../../test/helpers";
import { raw, serve } from "../../test/wire";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function start(options: FluxProxyOptions = {}, fakeOptions = {}) {
  const fake = createFakeBfl(fakeOptions);
  const upstream = await fake.listen();
  closers.push(upstream.close);
  const handler = createNodeHandler({
    apiKey: TEST_KEY,
    allowAnonymous: true,
    upstream: upstream.url,
    imageProxy: { allowedOrigins: [upstream.url] },
    ...options,
  });
  const proxy = await serve((req, res) => void handler(req, res));
  closers.push(proxy.close);
  return { fake, upstream, proxy };
}

describe("/node adapter on real sockets", () => {
  it("submits, polls and streams the image through node:http", async () => {
    const { fake, proxy, upstream } = await start({}, { pendingPolls: 0, deliveryOrigin: "self" });
    fake.setImage(new Uint8Array(300_000).fill(3));
    const submit = await fetch(`${proxy.url}/api/flux/v1/flux-2-pro`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "sid=1", authorization: "Bearer u" },
      body: JSON.stringify({ prompt: "a fox" }),
    });
    expect(submit.status).toBe(200);
    expect(submit.headers.get("set-cookie")).toBeNull();
    const { polling_url } = (await submit.json()) as { polling_url: string };
    expect(polling_url).toMatch(pollingUrlFor("task-1", proxy.url));
    expect(fake.calls[0]!.headers["x-key"]).toBe(TEST_KEY);
    expect(fake.calls[0]!.headers.cookie).toBeUndefined();
    expect(fake.calls[0]!.headers.authorization).toBeUndefined();

    const poll = (await (await fetch(polling_url)).json()) as { status: string; result: { sample: string } };
    expect(poll.status).toBe("Ready");
    expect(poll.result.sample.startsWith(`${proxy.url}/api/flux/v1/image?u=`)).toBe(true);
    expect(
      decodeURIComponent(poll.result.sample.split("u=")[1]!).startsWith(`${upstream.url}/results/`),
    ).toBe(true);

    const img = await fetch(poll.result.sample);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/jpeg");
    expect(img.headers.get("set-cookie")).toBeNull();
    expect((await img.arrayBuffer()).byteLength).toBe(300_000);
  });

  it.each([
    "/api/flux/v1/../v1/flux-2-pro",
    "/api/flux/v1/%2e%2e/v1/flux-2-pro",
    "/api/flux/v1/%2E%2E%2Fflux-2-pro",
    "/api/flux/v1/flux-2-pro%2f..",
    "/api/flux/v1/flux-2-pro/",
    "/api/flux/v1/flux-2-pro/x",
    "/api/flux//v1/flux-2-pro",
    "/api/flux/v1/.%2e/flux-2-pro",
    "/api/flux/v1/flux-2-pro%00",
    "/api/flux/v1\\flux-2-pro",
  ])("answers 404 for the traversal path %s without contacting BFL", async (path) => {
    const { fake, proxy } = await start();
    const res = await raw(proxy.port, "POST", path, { body: '{"prompt":"x"}' });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toEqual({ detail: "Not Found" });
    expect(fake.calls).toHaveLength(0);
  });

  it("answers 413 to a chunked body that grows past the limit", async () => {
    const { fake, proxy } = await start({ limits: { maxBodyBytes: 1000 } });
    const chunks = Array.from({ length: 20 }, () => Buffer.from("x".repeat(100)));
    const res = await raw(proxy.port, "POST", "/api/flux/v1/flux-2-pro", {
      headers: { "transfer-encoding": "chunked" },
      body: chunks,
    });
    expect(res.status).toBe(413);
    expect(fake.calls).toHaveLength(0);
  });

  it("answers 413 to an oversized Content-Length at once", async () => {
    const { proxy } = await start({ limits: { maxBodyBytes: 10 } });
    const res = await raw(proxy.port, "POST", "/api/flux/v1/flux-2-pro", {
      body: '{"prompt":"a long prompt"}',
    });
    expect(res.status).toBe(413);
  });

  it("aborts the upstream call when the client disconnects", async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((r) => (upstreamClosed = r));
    let arrived!: () => void;
    const reached = new Promise<void>((r) => (arrived = r));
    const hanging = await serve((req) => {
      arrived();
      req.socket.on("close", () => upstreamClosed());
    });
    closers.push(hanging.close);
    const handler = createNodeHandler({ apiKey: TEST_KEY, allowAnonymous: true, upstream: hanging.url });
    const proxy = await serve((req, res) => void handler(req, res));
    closers.push(proxy.close);
    const client = http.request({
      host: "127.0.0.1",
      port: proxy.port,
      path: "/api/flux/v1/get_result?id=abc",
      agent: false,
    });
    client.on("error", () => undefined);
    client.end();
    await reached;
    client.destroy();
    await closed;
  });

  it("turns an upstream that never answers into 504, and a redirect into 502 without following it", async () => {
    const silent = await serve(() => undefined);
    closers.push(silent.close);
    const handler = createNodeHandler({
      apiKey: TEST_KEY,
      allowAnonymous: true,
      upstream: silent.url,
      limits: { upstreamTimeoutMs: 50 },
    });
    const proxy = await serve((req, res) => void handler(req, res));
    closers.push(proxy.close);
    const res = await raw(proxy.port, "GET", "/api/flux/v1/get_result?id=abc");
    expect(res.status).toBe(504);
    expect(JSON.parse(res.body)).toHaveProperty("detail");

    const { fake, proxy: p2 } = await start();
    fake.script(302, "", { location: "http://169.254.169.254/latest/meta-data" });
    const redirected = await raw(p2.port, "GET", "/api/flux/v1/get_result?id=abc");
    expect(redirected.status).toBe(502);
    expect(redirected.headers.location).toBeUndefined();
    expect(fake.calls).toHaveLength(1);
  });

  async function proxyTo(
    upstream: (req: http.IncomingMessage, res: http.ServerResponse) => void,
    timeoutMs = 30_000,
  ) {
    const up = await serve(upstream);
    closers.push(up.close);
    const errors: unknown[] = [];
    const handler = createNodeHandler({
      apiKey: TEST_KEY,
      allowAnonymous: true,
      upstream: up.url,
      limits: { upstreamTimeoutMs: timeoutMs },
      onError: (event) => errors.push(event.error),
    });
    const proxy = await serve((req, res) => void handler(req, res));
    closers.push(proxy.close);
    return { proxy, errors };
  }

  it("passes an upstream 429 through with its body and Retry-After, and repeated headers joined", async () => {
    const { proxy } = await proxyTo((req, res) => {
      req.resume();
      res.writeHead(
        429,
        [
          ["Content-Type", "application/json"],
          ["Retry-After", "7"],
          ["Set-Cookie", "a=1"],
          ["Set-Cookie", "b=2"],
        ].flat(),
      );
      res.end('{"detail":"Too many active tasks"}');
    });
    const res = await raw(proxy.port, "POST", "/api/flux/v1/flux-2-pro", { body: '{"prompt":"x"}' });
    expect(res.status).toBe(429);
    expect(res.headers["retry-after"]).toBe("7");
    expect(res.headers["set-cookie"]).toBeUndefined();
    expect(JSON.parse(res.body)).toEqual({ detail: "Too many active tasks" });
  });

  it("answers 502 to an upstream JSON answer over 2 MB without buffering the rest", async () => {
    let sent = 0;
    const { proxy, errors } = await proxyTo((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (sent < 8 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("error", () => undefined);
      pump();
    });
    const res = await raw(proxy.port, "GET", "/api/flux/v1/get_result?id=abc");
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body)).toEqual({
      detail: "Could not reach BFL. Try again shortly.",
      code: "upstream_unreachable",
    });
    expect(String(errors[0])).toContain("too large");
    expect(sent).toBeLessThan(8 * 1024 * 1024);
  });

  it("answers 504 when the upstream answer stalls mid-body, and 502 when its connection resets", async () => {
    const stalled = await proxyTo((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"id":"abc",');
    }, 100);
    const slow = await raw(stalled.proxy.port, "GET", "/api/flux/v1/get_result?id=abc");
    expect(slow.status).toBe(504);

    const reset = await proxyTo((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"id":"abc",', () => req.socket.destroy());
    });
    const broken = await raw(reset.proxy.port, "POST", "/api/flux/v1/flux-2-pro", { body: '{"prompt":"x"}' });
    expect(broken.status).toBe(502);
    expect(broken.body).not.toContain(TEST_KEY);
  });

  it("answers 504 to an upstream that drips its body slower than the timeout allows in total", async () => {
    const { proxy } = await proxyTo((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      // a space every 40 ms: never a long gap, but the whole body would take 4 s
      let left = 100;
      const drip = setInterval(() => {
        if (res.destroyed) return clearInterval(drip);
        if (--left === 0) {
          clearInterval(drip);
          res.end("}");
        } else res.write(" ");
      }, 40);
    }, 300);
    const res = await raw(proxy.port, "GET", "/api/flux/v1/get_result?id=abc");
    expect(res.status).toBe(504);
  });

  it("settles at once when the client leaves while the upstream connection is still opening", async () => {
    // accepts TCP but never answers the TLS handshake: the connection to https://… never opens
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => {
      sockets.push(socket);
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    closers.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const { port } = silent.address() as net.AddressInfo;
    const handler = createNodeHandler({
      apiKey: TEST_KEY,
      allowAnonymous: true,
      upstream: `https://127.0.0.1:${port}`,
      limits: { upstreamTimeoutMs: 60_000 },
    });
    let handled!: Promise<void>;
    let connecting!: () => void;
    const reached = new Promise<void>((resolve) => (connecting = resolve));
    silent.on("connection", () => connecting());
    const proxy = await serve((req, res) => void (handled = handler(req, res)));
    closers.push(proxy.close);
    const client = http.request({
      host: "127.0.0.1",
      port: proxy.port,
      path: "/api/flux/v1/get_result?id=abc",
    });
    client.on("error", () => undefined);
    client.end();
    await reached;
    client.destroy();
    // without the fix this waits for the 60 s connect timeout (and the test times out)
    await handled;
  });

  it("uses options.fetch instead of its own upstream client when given", async () => {
    const fake = createFakeBfl();
    const handler = createNodeHandler({ apiKey: TEST_KEY, allowAnonymous: true, fetch: fake.fetch });
    const proxy = await serve((req, res) => void handler(req, res));
    closers.push(proxy.close);
    const res = await raw(proxy.port, "POST", "/api/flux/v1/flux-2-pro", { body: '{"prompt":"x"}' });
    expect(res.status).toBe(200);
    expect(fake.calls[0]!.url).toBe("https://api.bfl.ai/v1/flux-2-pro");
  });
});
