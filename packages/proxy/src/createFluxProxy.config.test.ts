import { afterEach, describe, expect, it, vi } from "vitest";
import { createFluxProxy, FluxProxyConfigError } from "./index";
import { TEST_KEY } from "../test/fakeBfl";
import { get, post, setup } from "../test/helpers";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("configuration", () => {
  it("starts without a key (a build has no secrets) and answers 500 `misconfigured` until one is set", async () => {
    vi.stubEnv("BFL_API_KEY", "");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const fetch = vi.fn(() => Promise.resolve(Response.json({ id: "a", status: "Pending" })));
    const proxy = createFluxProxy({ allowAnonymous: true, fetch });
    for (let i = 0; i < 3; i++) {
      const res = await proxy(post("/v1/flux-2-pro", { prompt: "x" }), { clientAddress: "192.0.2.1" });
      expect(res.status).toBe(500);
      const body = (await res.json()) as { detail: string; code: string };
      expect(body.code).toBe("misconfigured");
      expect(body.detail).toMatch(/BFL_API_KEY/);
    }
    expect(fetch).not.toHaveBeenCalled();
    // one log line that says how to fix it, not one per request
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/BFL_API_KEY/);
    vi.stubEnv("BFL_API_KEY", TEST_KEY);
    const res = await proxy(get("/v1/get_result?id=a"), { clientAddress: "192.0.2.1" });
    expect(res.status).toBe(200);
    errors.mockRestore();
  });

  it("still refuses options that are wrong whatever the environment, when created", () => {
    vi.stubEnv("BFL_API_KEY", "");
    expect(() => createFluxProxy({})).toThrow(FluxProxyConfigError);
    expect(() => createFluxProxy({ allowAnonymous: true, trustProxy: ["not-an-ip"] })).toThrow(/trustProxy/);
    expect(() => createFluxProxy({ allowAnonymous: true, trustProxy: -1 })).toThrow(/trustProxy/);
    expect(() =>
      createFluxProxy({ allowAnonymous: true, clientWebhooks: "sometimes" as unknown as "strip" }),
    ).toThrow(/clientWebhooks/);
    expect(() => createFluxProxy({ allowAnonymous: true, limits: { bodyTimeoutMs: 0 } })).toThrow(
      /bodyTimeoutMs/,
    );
    expect(() => createFluxProxy({ authorize: true as unknown as () => boolean })).toThrow(/authorize/);
  });

  it("reads BFL_API_KEY from the environment", async () => {
    vi.stubEnv("BFL_API_KEY", TEST_KEY);
    const seen: string[] = [];
    const proxy = createFluxProxy({
      allowAnonymous: true,
      fetch: (_input, init) => {
        seen.push(new Headers(init?.headers).get("x-key") ?? "");
        return Promise.resolve(Response.json({ id: "a", status: "Pending" }));
      },
    });
    await proxy(get("/v1/get_result?id=a"));
    expect(seen).toEqual([TEST_KEY]);
  });

  it("refuses to start with neither authorize nor allowAnonymous", () => {
    expect(() => createFluxProxy({ apiKey: TEST_KEY })).toThrow(/authorize/);
  });

  it("refuses bad upstreams, origins and base paths, never echoing the key", () => {
    expect(() => createFluxProxy({ apiKey: TEST_KEY, allowAnonymous: true, upstream: "ftp://x" })).toThrow(
      /http/,
    );
    expect(() => createFluxProxy({ apiKey: TEST_KEY, allowAnonymous: true, upstream: "not a url" })).toThrow(
      /upstream/,
    );
    expect(() => createFluxProxy({ apiKey: TEST_KEY, allowAnonymous: true, allowedOrigins: ["*"] })).toThrow(
      /allowedOrigins/,
    );
    expect(() => createFluxProxy({ apiKey: TEST_KEY, allowAnonymous: true, basePath: "/a/../b" })).toThrow(
      /basePath/,
    );
    try {
      createFluxProxy({ apiKey: TEST_KEY });
    } catch (error) {
      expect(String(error)).not.toContain(TEST_KEY);
    }
  });

  it("maps regions to BFL's hosts", async () => {
    const { fake, proxy } = setup({ upstream: "eu" });
    await proxy(post("/v1/flux-2-pro", { prompt: "x" }));
    expect(fake.calls[0]!.url).toBe("https://api.eu.bfl.ai/v1/flux-2-pro");
  });

  it("answers JSON 404 for unknown routes and 405 with Allow for wrong methods", async () => {
    const { proxy } = setup();
    const missing = await proxy(get("/v2/anything"));
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/json");
    expect(await missing.json()).toEqual({ detail: "Not Found" });
    const wrong = await proxy(get("/v1/flux-2-pro"));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST, OPTIONS");
  });
});

describe("authorize", () => {
  it("refuses with 401 when authorize says no, before reading the body or calling BFL", async () => {
    const { fake, proxy } = setup({ allowAnonymous: false, authorize: () => false });
    const res = await proxy(post("/v1/flux-2-pro", { prompt: "x" }));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "unauthenticated" });
    expect(fake.calls).toHaveLength(0);
  });

  it("uses a custom status and detail, and the client id authorize returns", async () => {
    const denied = setup({ authorize: () => ({ allow: false, status: 403, detail: "Plan expired" }) });
    const res = await denied.proxy(post("/v1/flux-2-pro", { prompt: "x" }));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ detail: "Plan expired", code: "forbidden" });

    const onSubmit = vi.fn();
    const allowed = setup({
      authorize: (req) => ({ allow: true, clientId: req.headers.get("x-user") ?? "?" }),
      limits: { maxActiveTasksPerClient: 1 },
      onSubmit,
    });
    expect((await allowed.proxy(post("/v1/flux-2-pro", { prompt: "x" }, { "x-user": "ada" }))).status).toBe(
      200,
    );
    expect((await allowed.proxy(post("/v1/flux-2-pro", { prompt: "x" }, { "x-user": "ada" }))).status).toBe(
      429,
    );
    expect((await allowed.proxy(post("/v1/flux-2-pro", { prompt: "x" }, { "x-user": "bob" }))).status).toBe(
      200,
    );
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ clientId: "user:ada", model: "flux-2-pro", input: { prompt: "x" } }),
    );
  });

  it("answers 500 (and reports) when the authorize hook throws", async () => {
    const onError = vi.fn();
    const { proxy } = setup({ authorize: () => Promise.reject(new Error("session store down")), onError });
    expect((await proxy(post("/v1/flux-2-pro", { prompt: "x" }))).status).toBe(500);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ kind: "hook" }));
  });

  it("uses x-forwarded-for as the client only with trustProxy", async () => {
    const onSubmit = vi.fn();
    const trusted = setup({ trustProxy: true, onSubmit });
    // one trusted hop (the proxy at 10.0.0.1) appended the address it saw; the left-most entry is the client's own
    await trusted.proxy(post("/v1/flux-2-pro", { prompt: "x" }, { "x-forwarded-for": "6.6.6.6, 1.2.3.4" }), {
      clientAddress: "10.0.0.1",
    });
    expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ clientId: "ip:1.2.3.4" }));
    const untrusted = setup({ onSubmit });
    await untrusted.proxy(post("/v1/flux-2-pro", { prompt: "x" }, { "x-forwarded-for": "1.2.3.4" }), {
      clientAddress: "10.0.0.1",
    });
    expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ clientId: "ip:10.0.0.1" }));
  });
});

describe("logging", () => {
  it("logs structured events and never the key, even from upstream errors", async () => {
    const lines: string[] = [];
    const { fake, proxy } = setup({ logger: (e) => lines.push(JSON.stringify(e)), onError: () => undefined });
    await proxy(post("/v1/flux-2-pro", { prompt: "x" }));
    fake.script(403, JSON.stringify({ detail: `key ${TEST_KEY} rejected` }));
    await proxy(post("/v1/flux-2-pro", { prompt: "x" }));
    const down = setup({
      logger: (e) => lines.push(JSON.stringify(e)),
      fetch: () => Promise.reject(new TypeError(`connect failed for ${TEST_KEY}`)),
    });
    await down.proxy(get("/v1/get_result?id=a"));
    expect(lines.some((l) => l.includes('"event":"submit"'))).toBe(true);
    expect(lines.some((l) => l.includes('"event":"upstream_error"'))).toBe(true);
    expect(lines.join("\n")).not.toContain(TEST_KEY);
  });
});
