import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FluxAuthError, FluxError } from "../errors/FluxError";
import { fakeFetch, json } from "../../test/fakeFetch";
import { createFluxClient } from "./createFluxClient";

const KEY = "test-key-0123456789abcdef";
const THREE = { models: [{ id: "flux-2-pro" }, { id: "flux-2-klein-4b" }, { id: "flux-kontext-pro" }] };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("allowedModels", () => {
  it("GETs {baseUrl}/v1/models and returns the ids in the server's order", async () => {
    const f = fakeFetch(json(THREE));
    const client = createFluxClient({ baseUrl: "https://app.example/api/flux", fetch: f.fetch });
    await expect(client.allowedModels()).resolves.toEqual([
      "flux-2-pro",
      "flux-2-klein-4b",
      "flux-kontext-pro",
    ]);
    expect(f.calls.map((c) => [c.method, c.url])).toEqual([
      ["GET", "https://app.example/api/flux/v1/models"],
    ]);
    expect(f.calls[0]?.headers.get("accept")).toBe("application/json");
    expect(f.calls[0]?.headers.get("x-key")).toBeNull();
  });

  it("sends the app's headers (the proxy's authorize reads them) and forwards the signal", async () => {
    const f = fakeFetch(json({ models: [] }));
    const client = createFluxClient({
      baseUrl: "/api/flux",
      fetch: f.fetch,
      headers: { authorization: "Bearer s" },
    });
    const controller = new AbortController();
    await expect(client.allowedModels({ signal: controller.signal })).resolves.toEqual([]);
    expect(f.calls[0]?.url).toBe("/api/flux/v1/models");
    expect(f.calls[0]?.headers.get("authorization")).toBe("Bearer s");
    expect(f.calls[0]?.signal).toBeDefined();
  });

  it("ignores other fields of the answer and of its entries", async () => {
    const f = fakeFetch(json({ models: [{ id: "flux-dev", label: "FLUX.1 [dev]" }], next: null }));
    const client = createFluxClient({ baseUrl: "/api/flux", fetch: f.fetch });
    await expect(client.allowedModels()).resolves.toEqual(["flux-dev"]);
  });

  it("where the route is missing (BFL itself, an older proxy) rejects with a FluxError of status 404, asking once", async () => {
    const f = fakeFetch(json({ detail: "Not Found" }, 404));
    const client = createFluxClient({ apiKey: KEY, fetch: f.fetch });
    const error = await client.allowedModels().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FluxError);
    expect(error).toMatchObject({ code: "http", status: 404 });
    expect((error as FluxError).isRetryable).toBe(false);
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]?.url).toBe("https://api.bfl.ai/v1/models");
  });

  it("a refusal by the proxy's authorize is its FluxAuthError", async () => {
    const f = fakeFetch(json({ detail: "Sign in", code: "unauthenticated" }, 401));
    const client = createFluxClient({ baseUrl: "/api/flux", fetch: f.fetch });
    const error = await client.allowedModels().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FluxAuthError);
    expect(error).toMatchObject({ code: "unauthenticated", status: 401 });
  });

  it.each([
    ["no models list", { credits: 3 }],
    ["a list that is not one", { models: "all" }],
    ["an entry without an id", { models: [{ id: "flux-2-pro" }, { name: "x" }] }],
    ["an id that is not a string", { models: [{ id: 7 }] }],
    ["null", null],
  ])("an answer with %s is a bad_response, with the body", async (_, body) => {
    const f = fakeFetch(json(body));
    const client = createFluxClient({ baseUrl: "/api/flux", fetch: f.fetch });
    const error = await client.allowedModels().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "bad_response", message: "Unexpected answer from /v1/models." });
    expect((error as FluxError).body).toEqual(body);
  });

  it("retries a failing read like the other reads", async () => {
    const f = fakeFetch(json({ detail: "busy" }, 503), json(THREE));
    const client = createFluxClient({
      baseUrl: "/api/flux",
      fetch: f.fetch,
      retry: { retries: 1, baseDelayMs: 10 },
    });
    const models = client.allowedModels();
    await vi.advanceTimersByTimeAsync(10);
    await expect(models).resolves.toHaveLength(3);
    expect(f.calls).toHaveLength(2);
  });

  it("removes the key from an error that echoes it", async () => {
    const f = fakeFetch(json({ detail: `no route for ${KEY}` }, 404));
    const client = createFluxClient({ apiKey: KEY, fetch: f.fetch });
    const error = (await client.allowedModels().catch((e: unknown) => e)) as FluxError;
    expect(JSON.stringify(error.toJSON())).not.toContain(KEY);
    expect(error.message).not.toContain(KEY);
  });
});

describe("credits, through the same read", () => {
  it("still returns the balance, and names the route of a malformed answer", async () => {
    const client = createFluxClient({ apiKey: KEY, fetch: fakeFetch(json({ credits: 12.5 })).fetch });
    await expect(client.credits()).resolves.toBe(12.5);
    const bad = createFluxClient({ apiKey: KEY, fetch: fakeFetch(json({ credits: "12" })).fetch });
    await expect(bad.credits()).rejects.toMatchObject({
      code: "bad_response",
      message: "Unexpected answer from /v1/credits.",
    });
  });
});
