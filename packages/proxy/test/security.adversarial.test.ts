import { afterEach, describe, expect, it } from "vitest";
import { createNodeHandler } from "../src/node";
import type { FluxProxyOptions } from "../src/options";
import { createFakeBfl, TEST_KEY } from "./fakeBfl";
import { setup, visible } from "./helpers";
import { ALLOWED_HOSTS, cases, img, type Case } from "./requestCases";
import { raw, serve } from "./wire";

describe("adversarial requests", () => {
  it("has at least 30 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)("$name → $status", async ({ request, status, upstream }) => {
    const { fake, proxy } = setup({}, { pollingOrigin: "https://api.eu2.bfl.ai" });
    if (upstream) fake.script(...upstream);
    const res = await proxy(request());
    const seen = await visible(res);
    expect(res.status, seen).toBe(status);
    expect(seen).not.toContain(TEST_KEY);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("location")).toBeNull();
    for (const call of fake.calls) {
      expect(ALLOWED_HOSTS.has(new URL(call.url).hostname), call.url).toBe(true);
      if (!new URL(call.url).hostname.startsWith("api.")) expect(call.headers["x-key"]).toBeUndefined();
      expect(call.body).not.toContain("__proto__");
      expect(call.body).not.toContain("polluted");
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (res.status >= 400)
      expect(JSON.parse(seen.slice(seen.lastIndexOf("\n") + 1))).toHaveProperty("detail");
  });
});

// The same table through the Node adapter, on real loopback sockets: its own upstream client (undici for
// submits and polls, node:http for images) rather than an injected fetch. Cases that would have to reach a real
// BFL host (there is no network here) run on the Web transport above only.
describe("adversarial requests through the Node adapter, on loopback", () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()!();
  });

  async function nodeProxy(options: (upstreamUrl: string) => FluxProxyOptions = () => ({})) {
    const fake = createFakeBfl();
    const upstream = await fake.listen();
    closers.push(upstream.close);
    const handler = createNodeHandler({
      apiKey: TEST_KEY,
      allowAnonymous: true,
      upstream: upstream.url,
      ...options(upstream.url),
    });
    const proxy = await serve((req, res) => void handler(req, res));
    closers.push(proxy.close);
    const send = async (request: Request) => {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((v, k) => (headers[k] = v));
      const body =
        request.method === "GET" || request.method === "HEAD"
          ? undefined
          : [Buffer.from(await request.arrayBuffer())];
      if (body) headers["content-length"] = String(body[0]!.byteLength);
      return raw(proxy.port, request.method, `${url.pathname}${url.search}`, { headers, body });
    };
    return { fake, upstream, send };
  }

  const reachesBfl = (c: Case) => c.request().url.includes("bfl.ai") && c.status !== 403;
  const nodeCases = cases.filter((c) => !reachesBfl(c));

  it("runs all but the cases that need a real BFL host", () => {
    expect(cases.length - nodeCases.length).toBe(2);
  });

  it.each(nodeCases)("$name → $status", async ({ request, status, upstream }) => {
    const { fake, send } = await nodeProxy();
    if (upstream) fake.script(...upstream);
    const res = await send(request());
    const seen = `${res.status}\n${JSON.stringify(res.headers)}\n${res.body}`;
    expect(res.status, seen).toBe(status);
    expect(seen).not.toContain(TEST_KEY);
    expect(res.headers["set-cookie"]).toBeUndefined();
    expect(res.headers.location).toBeUndefined();
    for (const call of fake.calls) {
      expect(new URL(call.url).hostname, call.url).toBe("127.0.0.1");
      expect(call.body).not.toContain("__proto__");
      expect(call.body).not.toContain("polluted");
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (res.status >= 400) expect(JSON.parse(res.body)).toHaveProperty("detail");
  });

  it("image: an upstream redirect from an allowed delivery origin is not followed → 502", async () => {
    const { fake, upstream, send } = await nodeProxy((url) => ({ imageProxy: { allowedOrigins: [url] } }));
    fake.script(302, "", { location: "http://169.254.169.254/" });
    const res = await send(img(`${upstream.url}/results/a.jpg`));
    expect(res.status).toBe(502);
    expect(res.headers.location).toBeUndefined();
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.headers["x-key"]).toBeUndefined();
  });
});
