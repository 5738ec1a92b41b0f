import { describe, expect, it } from "vitest";
import { BASE, KEY, poll, submit, submitOk } from "../test/helpers";
import { createMockBfl } from "./createMockBfl";

describe("routes", () => {
  it("answers unknown paths with FastAPI's 404", async () => {
    const mock = createMockBfl({ seed: 1 });
    for (const path of ["/v1/flux-kontext", "/v1/not-a-model", "/nope", "/v2/flux-2-pro"]) {
      const res = await mock.fetch(`${BASE}${path}`, { method: "POST", headers: { "x-key": KEY } });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ detail: "Not Found" });
    }
  });

  it("answers a wrong method with 405 and an Allow header", async () => {
    const mock = createMockBfl({ seed: 1 });
    const get = await mock.fetch(`${BASE}/v1/flux-2-pro`, { headers: { "x-key": KEY } });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(await get.json()).toEqual({ detail: "Method Not Allowed" });
    const post = await mock.fetch(`${BASE}/v1/get_result?id=x`, { method: "POST" });
    expect(post.status).toBe(405);
    const options = await mock.fetch(`${BASE}/v1/flux-2-pro`, { method: "OPTIONS" });
    expect(options.status).toBe(405);
    expect(options.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("serves every model of the catalogue", async () => {
    const { modelIds } = await import("@flux-kit/core");
    const mock = createMockBfl({ seed: 1, credits: 1e6 });
    const tiny = "iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAIAAAAlC+aJAAAAAElFTkSuQmCC";
    const BODIES: Record<string, Record<string, unknown>> = {
      "flux-tools/erase-v1": { image: tiny, mask: tiny },
      "flux-tools/outpainting-v1": { input_image: tiny, width: 128, height: 128 },
      "flux-tools/vto-v1": { prompt: "TRY-ON", person: tiny, garment: tiny },
      "flux-tools/vto-v2": { prompt: "TRY-ON", person: tiny, garment: tiny },
      "flux-tools/deblur-v1": { image: tiny },
    };
    for (const id of modelIds) {
      const body =
        BODIES[id] ??
        (id.includes("fill") || id.includes("expand") ? { image: tiny, prompt: "x" } : { prompt: "a fox" });
      const res = await submit(mock, id, body);
      expect(res.status, id).toBe(200);
    }
    expect(mock.tasks).toHaveLength(modelIds.length);
  });

  it("returns credits for a valid key", async () => {
    const mock = createMockBfl({ seed: 1, credits: 42 });
    const res = await mock.fetch(`${BASE}/v1/credits`, { headers: { "x-key": KEY } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ credits: 42 });
  });
});

describe("auth", () => {
  it("rejects a missing key with 403 Not authenticated", async () => {
    const mock = createMockBfl({ seed: 1 });
    const res = await submit(mock, "flux-2-pro", { prompt: "a" }, null);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ detail: "Not authenticated" });
    const credits = await mock.fetch(`${BASE}/v1/credits`);
    expect(credits.status).toBe(403);
  });

  it("rejects a wrong key with BFL's exact body", async () => {
    const mock = createMockBfl({ seed: 1 });
    const res = await submit(mock, "flux-2-pro", { prompt: "a" }, "bfl_wrong");
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ detail: "Not authenticated - Invalid Authentication" });
  });

  it("checks auth before validation", async () => {
    const mock = createMockBfl({ seed: 1 });
    const res = await submit(mock, "flux-2-pro", { width: 3 }, "wrong");
    expect(res.status).toBe(403);
  });

  it("accepts polls with or without a key", async () => {
    const mock = createMockBfl({ seed: 1 });
    const { polling_url } = await submitOk(mock, "flux-2-pro", { prompt: "a" });
    expect((await poll(mock, polling_url, null)).status).toBe("Pending");
    expect((await poll(mock, polling_url, "some-other-key")).status).toBe("Pending");
  });

  it("accepts any configured key and keeps credits per key", async () => {
    const mock = createMockBfl({ seed: 1, apiKeys: ["k1", "k2"], credits: 100 });
    await submitOk(mock, "flux-2-pro", { prompt: "a" }, "k1");
    expect(mock.getCredits("k1")).toBe(97);
    expect(mock.getCredits("k2")).toBe(100);
  });

  it("can run without auth", async () => {
    const mock = createMockBfl({ seed: 1, requireAuth: false });
    expect((await submit(mock, "flux-2-pro", { prompt: "a" }, null)).status).toBe(200);
  });

  it("never records the key in the request log", async () => {
    const mock = createMockBfl({ seed: 1, apiKeys: ["secret-key-123"] });
    await submit(mock, "flux-2-pro", { prompt: "a" }, "secret-key-123");
    expect(JSON.stringify(mock.requests)).not.toContain("secret-key-123");
    expect(mock.requests[0]).toMatchObject({
      route: "submit",
      status: 200,
      hadKey: true,
      model: "flux-2-pro",
    });
  });
});

describe("validation", () => {
  it("returns core's FastAPI-shaped 422 for a bad body", async () => {
    const mock = createMockBfl({ seed: 1 });
    const res = await submit(mock, "flux-2-pro", { prompt: "a", safety_tolerance: 9, width: 1000 });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { detail: { loc: unknown[]; type: string; msg: string }[] };
    expect(body.detail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ loc: ["body", "safety_tolerance"], type: "less_than_equal" }),
        expect.objectContaining({ loc: ["body", "width"], type: "multiple_of" }),
      ]),
    );
    expect(mock.tasks).toHaveLength(0);
  });

  it("returns 422 json_invalid for malformed JSON", async () => {
    const mock = createMockBfl({ seed: 1 });
    const res = await submit(mock, "flux-2-pro", "{not json");
    expect(res.status).toBe(422);
    const body = (await res.json()) as { detail: { type: string; loc: unknown[] }[] };
    expect(body.detail[0]).toMatchObject({ type: "json_invalid", loc: ["body", 1] });
  });

  it("ignores unknown fields, like pydantic", async () => {
    const mock = createMockBfl({ seed: 1 });
    const res = await submit(mock, "flux-2-pro", { prompt: "a", aspect_ratio: "16:9", something: true });
    expect(res.status).toBe(200);
  });

  it("returns 422 for a poll without id", async () => {
    const mock = createMockBfl({ seed: 1 });
    const res = await mock.fetch(`${BASE}/v1/get_result`);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      detail: [{ type: "missing", loc: ["query", "id"], msg: "Field required", input: null }],
    });
  });

  it("answers Task not found with HTTP 200 and the full ResultResponse", async () => {
    const mock = createMockBfl({ seed: 1 });
    const res = await mock.fetch(`${BASE}/v1/get_result?id=00000000-0000-4000-8000-000000000000`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: "00000000-0000-4000-8000-000000000000",
      status: "Task not found",
      result: null,
      progress: null,
      details: null,
      preview: null,
    });
  });
});
