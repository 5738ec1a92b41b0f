// Where users deploy the proxy: the App Router behind `next start` (a bind address in request.url), the Edge
// runtime, builds with no secrets, runtimes with no client address, and Vite's dev-server proxy.
import { build } from "esbuild";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createServer as createViteServer, type ProxyOptions } from "vite";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createFluxProxy, createWebhookHandler, FluxProxyConfigError } from "../src/index";
import { createRouteHandler } from "../src/next";
import { createNodeHandler } from "../src/node";
import { createFakeBfl, TEST_KEY } from "./fakeBfl";
import { raw, serve, serveWeb } from "./wire";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  while (closers.length) await closers.pop()!();
});

const body = JSON.stringify({ prompt: "a fox" });

describe("Next.js App Router", () => {
  it("answers a browser on its real host name though request.url names the bind address", async () => {
    const fake = createFakeBfl({ pendingPolls: 0 });
    const { GET, POST } = createRouteHandler({
      apiKey: TEST_KEY,
      authorize: () => ({ allow: true, clientId: "ada" }),
      fetch: fake.fetch,
    });
    // what `next start -p 3000` hands a route handler for https://app.example.com:3000 over plain http
    const headers = { host: "app.example.com:3000", origin: "http://app.example.com:3000" };
    const submit = await POST(
      new Request("http://localhost:3000/api/flux/v1/flux-2-pro", { method: "POST", headers, body }),
    );
    expect(submit.status).toBe(200);
    const { polling_url } = (await submit.json()) as { polling_url: string };
    expect(new URL(polling_url).origin).toBe("http://app.example.com:3000");
    const poll = await GET(
      new Request(`http://localhost:3000${new URL(polling_url).pathname}${new URL(polling_url).search}`, {
        headers,
      }),
    );
    const ready = (await poll.json()) as { status: string; result: { sample: string } };
    expect(ready.status).toBe("Ready");
    expect(new URL(ready.result.sample).origin).toBe("http://app.example.com:3000");
  });

  it("refuses submits it cannot attribute to a client, saying how to fix it, instead of one site-wide bucket", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const fake = createFakeBfl();
    const { POST } = createRouteHandler({ apiKey: TEST_KEY, allowAnonymous: true, fetch: fake.fetch });
    const from = (ip: string) =>
      POST(
        new Request("https://app.example/api/flux/v1/flux-2-pro", {
          method: "POST",
          // next start keeps whatever X-Forwarded-For a client sends, so neither header identifies anyone
          headers: { "x-forwarded-for": ip, "x-real-ip": ip },
          body,
        }),
      );
    const res = await from("203.0.113.1");
    expect(res.status).toBe(500);
    const refusal = (await res.json()) as { code: string; detail: string };
    expect(refusal.code).toBe("misconfigured");
    expect(refusal.detail).toMatch(/clientId/);
    expect(fake.calls).toHaveLength(0);
    await from("203.0.113.2");
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });

  it("on Vercel, keys each visitor by the X-Real-IP the platform sets", async () => {
    vi.stubEnv("VERCEL", "1");
    const fake = createFakeBfl();
    const { POST } = createRouteHandler({
      apiKey: TEST_KEY,
      allowAnonymous: true,
      fetch: fake.fetch,
      limits: { maxActiveTasksPerClient: 1 },
    });
    const from = (ip: string) =>
      POST(
        new Request("https://app.example/api/flux/v1/flux-2-pro", {
          method: "POST",
          headers: { "x-real-ip": ip },
          body,
        }),
      );
    expect((await from("203.0.113.1")).status).toBe(200);
    expect((await from("203.0.113.1")).status).toBe(429);
    expect((await from("203.0.113.2")).status).toBe(200);
  });

  it("@flux-kit/proxy/next bundles for a Web-only runtime (the Edge runtime has no node:http)", async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL("../src/next.ts", import.meta.url))],
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      conditions: ["@flux-kit/source", "edge-light", "worker", "browser"],
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((file) => file.includes("/node/") || file.includes("undici"))).toBe(false);
    const text = result.outputFiles.map((file) => file.text).join("\n");
    expect(text).not.toMatch(/from\s*["']node:|require\(["']node:/);
  });
});

describe("a build with no secrets", () => {
  it("the Node handler is created without a key, refuses to listen, and answers 500 until it has one", async () => {
    vi.stubEnv("BFL_API_KEY", "");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const handler = createNodeHandler({ allowAnonymous: true });
    await expect(handler.listen(0, "127.0.0.1")).rejects.toThrow(FluxProxyConfigError);
    await expect(handler.listen(0, "127.0.0.1")).rejects.toThrow(/BFL_API_KEY/);
    const server = await serve((req, res) => void handler(req, res));
    closers.push(server.close);
    const res = await raw(server.port, "POST", "/api/flux/v1/flux-2-pro", {
      headers: { "content-type": "application/json", "content-length": String(body.length) },
      body,
    });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toMatchObject({ code: "misconfigured" });
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();

    vi.stubEnv("BFL_API_KEY", TEST_KEY);
    const fake = createFakeBfl();
    const upstream = await fake.listen();
    closers.push(upstream.close);
    const listening = await createNodeHandler({ allowAnonymous: true, upstream: upstream.url }).listen(
      0,
      "127.0.0.1",
    );
    closers.push(() => new Promise((r) => listening.close(() => r())));
    const { port } = listening.address() as AddressInfo;
    const ok = await raw(port, "POST", "/api/flux/v1/flux-2-pro", {
      headers: { "content-type": "application/json", "content-length": String(body.length) },
      body,
    });
    expect(ok.status).toBe(200);
  });

  it("createWebhookHandler with no secret yet answers 500 `misconfigured` instead of crashing", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const env: Record<string, string | undefined> = {};
    const handler = createWebhookHandler({ secret: env.BFL_WEBHOOK_SECRET, onEvent: () => undefined });
    for (let i = 0; i < 2; i++) {
      const res = await handler(new Request("https://app.example/webhook", { method: "POST", body: "{}" }));
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ code: "misconfigured" });
    }
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });

  it("createWebhookHandler refuses secrets that are empty after trimming, alone or in a list", () => {
    for (const secret of ["", "  ", ["real-secret", " "], [], ["", ""]]) {
      expect(
        () => createWebhookHandler({ secret: secret, onEvent: () => undefined }),
        JSON.stringify(secret),
      ).toThrow(FluxProxyConfigError);
    }
  });
});

describe("a key as it is read from a file or pasted", () => {
  const submitTo = (port: number) =>
    raw(port, "POST", "/api/flux/v1/flux-2-pro", {
      headers: { "content-type": "application/json", "content-length": String(body.length) },
      body,
    });

  /** The Node handler and the Web handler (Node's own fetch), each on a loopback socket, in front of `upstream`. */
  async function bothTransports(apiKey: string, upstream: string) {
    const options = {
      apiKey,
      allowAnonymous: true as const,
      upstream,
      limits: { maxActiveTasksPerClient: 1 },
    };
    const node = createNodeHandler(options);
    const nodeServer = await serve((req, res) => void node(req, res));
    const web = createFluxProxy(options);
    const webServer = await serveWeb(web);
    closers.push(nodeServer.close, webServer.close);
    return { node, ports: { node: nodeServer.port, web: webServer.port } };
  }

  it("a key ending in a newline is sent trimmed by every transport (undici refused it on Node)", async () => {
    const fake = createFakeBfl();
    const upstream = await fake.listen();
    closers.push(upstream.close);
    const { node, ports } = await bothTransports(`${TEST_KEY}\n`, upstream.url);
    const listening = await node.listen(0, "127.0.0.1");
    closers.push(() => new Promise((r) => listening.close(() => r())));
    for (const [transport, port] of Object.entries(ports)) {
      const res = await submitTo(port);
      expect(res.status, `${transport}: ${res.body}`).toBe(200);
    }
    expect(fake.calls.map((call) => call.headers["x-key"])).toEqual([TEST_KEY, TEST_KEY]);
  });

  it("an apiKey option of only spaces (an empty secret read) leaves BFL_API_KEY to be used", async () => {
    vi.stubEnv("BFL_API_KEY", TEST_KEY);
    const fake = createFakeBfl();
    const upstream = await fake.listen();
    closers.push(upstream.close);
    const { ports } = await bothTransports("  ", upstream.url);
    for (const port of Object.values(ports)) expect((await submitTo(port)).status).toBe(200);
    expect(fake.calls.map((call) => call.headers["x-key"])).toEqual([TEST_KEY, TEST_KEY]);
  });

  it("a key with a character no header can carry: 500 misconfigured naming it, nothing sent, no slot kept", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const fake = createFakeBfl();
    const upstream = await fake.listen();
    closers.push(upstream.close);
    // a zero-width space copied with the key from a web page: not whitespace, so trimming keeps it
    const { node, ports } = await bothTransports(
      `${TEST_KEY.slice(0, 8)}\u200b${TEST_KEY.slice(8)}`,
      upstream.url,
    );
    await expect(node.listen(0, "127.0.0.1")).rejects.toThrow(/character an HTTP header cannot carry/);
    for (const [transport, port] of Object.entries(ports)) {
      // over the per-client limit of one, had a failed submit kept its slot
      for (let i = 0; i < 2; i++) {
        const res = await submitTo(port);
        expect(res.status, `${transport}: ${res.body}`).toBe(500);
        expect(JSON.parse(res.body)).toMatchObject({ code: "misconfigured" });
        expect(res.body).not.toContain(TEST_KEY.slice(8));
      }
    }
    expect(fake.calls).toHaveLength(0);
    const logged = errors.mock.calls.map((call) => call.map(String).join(" ")).join("\n");
    expect(logged).toMatch(/BFL_API_KEY/);
    expect(logged).not.toContain(TEST_KEY.slice(8));
    errors.mockRestore();
  });
});

describe("Vite's dev-server proxy in front of the Node proxy", () => {
  async function viteIn(front: ProxyOptions | string) {
    const fake = createFakeBfl();
    const upstream = await fake.listen();
    closers.push(upstream.close);
    const handler = createNodeHandler({ apiKey: TEST_KEY, allowAnonymous: true, upstream: upstream.url });
    const app = await serve((req, res) => void handler(req, res));
    closers.push(app.close);
    const vite = await createViteServer({
      configFile: false,
      root: fileURLToPath(new URL(".", import.meta.url)),
      logLevel: "silent",
      server: {
        host: "127.0.0.1",
        port: 0,
        strictPort: false,
        hmr: false,
        ws: false,
        proxy: {
          "/api/flux":
            typeof front === "string" ? front.replace("APP", app.url) : { ...front, target: app.url },
        },
      },
    });
    await vite.listen();
    closers.push(() => vite.close());
    const { port } = vite.httpServer!.address() as AddressInfo;
    return { port, fake };
  }

  const submitThrough = (port: number) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/flux/v1/flux-2-pro",
          // what the browser on the dev server's page sends
          headers: {
            origin: `http://127.0.0.1:${port}`,
            "content-type": "application/json",
            "content-length": String(body.length),
          },
        },
        (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });

  it("with changeOrigin: false (the README's config) a submit passes and polls come back through Vite", async () => {
    const { port, fake } = await viteIn({ changeOrigin: false });
    const res = await submitThrough(port);
    expect(res.status).toBe(200);
    const { polling_url } = JSON.parse(res.body) as { polling_url: string };
    expect(new URL(polling_url).origin).toBe(`http://127.0.0.1:${port}`);
    expect(fake.calls).toHaveLength(1);
  });

  it("the string shorthand (which rewrites Host) is refused with a code that names the origin check", async () => {
    const { port, fake } = await viteIn("APP");
    const res = await submitThrough(port);
    expect(res.status).toBe(403);
    const refusal = JSON.parse(res.body) as { code: string; detail: string };
    expect(refusal.code).toBe("origin_not_allowed");
    expect(refusal.detail).toMatch(/changeOrigin: false/);
    expect(fake.calls).toHaveLength(0);
  });
});
