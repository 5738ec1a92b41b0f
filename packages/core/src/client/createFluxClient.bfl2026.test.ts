// What changed at BFL in 2026 (docs/bfl-api.md, 2026 addendum), as the client sees it: model ids with a slash,
// the settled cost on Ready, a failed task answering an error status with a task body, FLUX 3's one-hour URLs
// and the 422 for a malformed key.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FluxAuthError, FluxGenerationError, FluxValidationError } from "../errors/FluxError";
import { flux3Image } from "../models/flux3Image";
import { fluxToolsErase } from "../models/fluxTools";
import { fakeFetch, json, pending, ready, submitted, type Responder } from "../../test/fakeFetch";
import { createFluxClient } from "./createFluxClient";
import { fixedPolling } from "./polling";
import type { FluxClientOptions } from "./types";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const KEY = "bfl-test-key-0001";
function client(script: Responder[], options: FluxClientOptions = {}) {
  const f = fakeFetch(...script);
  const flux = createFluxClient({
    apiKey: KEY,
    fetch: f.fetch,
    poll: { policy: fixedPolling(500) },
    ...options,
  });
  return { f, flux };
}

/** Runs `promise` to its end while fake time moves on. */
async function settled<T>(promise: Promise<T>): Promise<T> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.advanceTimersByTimeAsync(2_000);
  const done = await outcome;
  if ("error" in done) throw done.error;
  return done.value;
}

/** A Ready body whose sample URL carries no `se=` expiry. */
const readyNoExpiry = (extra: Record<string, unknown> = {}) =>
  json({
    id: "task-1",
    status: "Ready",
    result: { sample: "https://delivery-eu1.bfl.ai/results/abc/sample.jpeg?sig=xyz" },
    ...extra,
  });

describe("model ids with a slash (FLUX Tools)", () => {
  it("posts to /v1/flux-tools/erase-v1, checking the body with the tool's schema first", async () => {
    const { f, flux } = client([submitted()]);
    // @ts-expect-error: the mask is missing, which the types say too
    await expect(flux.submit(fluxToolsErase, { image: "https://example.com/a.png" })).rejects.toBeInstanceOf(
      FluxValidationError,
    );
    expect(f.calls).toHaveLength(0);
    const job = await flux.submit(fluxToolsErase, {
      image: "https://example.com/a.png",
      mask: "https://example.com/m.png",
    });
    expect(f.calls[0]?.url).toBe("https://api.bfl.ai/v1/flux-tools/erase-v1");
    expect(job.model).toBe("flux-tools/erase-v1");
    await expect(
      flux.submit("flux-tools/deblur-v1", { image: "https://example.com/a.png" }),
    ).resolves.toMatchObject({
      model: "flux-tools/deblur-v1",
    });
    expect(f.calls[1]?.url).toBe("https://api.bfl.ai/v1/flux-tools/deblur-v1");
  });

  it.each([
    "flux-tools/../credits",
    "flux-tools//erase-v1",
    "flux-tools/erase-v1/",
    "/flux-2-pro",
    "a/b/c",
    "flux-tools/.x",
  ])("refuses %s before any request", async (id) => {
    const { f, flux } = client([submitted()]);
    const error = await flux.submit(id as "flux-2-pro", { prompt: "a fox" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FluxValidationError);
    expect((error as FluxValidationError).fieldErrors[0]?.type).toBe("unknown_model");
    expect(f.calls).toHaveLength(0);
  });
});

describe("FLUX 3 Image", () => {
  it("rejects a field carried over from FLUX.2 locally, naming it, and sends nothing", async () => {
    const { f, flux } = client([submitted()]);
    const error = await flux
      .submit(flux3Image, { prompt: "a fox", seed: 42 } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FluxValidationError);
    expect((error as FluxValidationError).fieldErrors).toEqual([
      expect.objectContaining({ path: "seed", type: "extra_forbidden" }),
    ]);
    expect(f.calls).toHaveLength(0);
  });

  it("gives a result URL without se= an hour, and older models ten minutes", async () => {
    const { flux } = client([submitted(), readyNoExpiry()]);
    const job = await flux.submit(flux3Image, { prompt: "a fox" });
    const result = await settled(flux.wait(job));
    expect(result.expiresAt!.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(result.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);

    const older = client([submitted(), readyNoExpiry()]);
    const r2 = await settled(older.flux.wait(await older.flux.submit("flux-2-pro", { prompt: "a fox" })));
    expect(r2.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    expect(r2.expiresAt!.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
  });

  it("lets deliveryLifetimeMs override the model's lifetime; se= still wins", async () => {
    const { flux } = client([submitted(), readyNoExpiry()], { deliveryLifetimeMs: 60 * 60_000 });
    const result = await settled(flux.wait(await flux.submit("flux-2-pro", { prompt: "a fox" })));
    expect(result.expiresAt!.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    const withSe = client([submitted(), ready()], { deliveryLifetimeMs: 60 * 60_000 });
    const r2 = await settled(withSe.flux.wait(await withSe.flux.submit("flux-2-pro", { prompt: "a fox" })));
    expect(r2.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
  });
});

describe("the settled cost on Ready", () => {
  it("becomes FluxResult.cost (FLUX.1 and Kontext send no cost at submit)", async () => {
    const { flux } = client([
      json({ id: "task-1", polling_url: "https://api.eu2.bfl.ai/v1/get_result?id=task-1" }),
      readyNoExpiry({ cost: 4 }),
    ]);
    const job = await flux.submit("flux-kontext-pro", { prompt: "a fox" });
    expect(job.cost).toBeNull();
    expect((await settled(flux.wait(job))).cost).toBe(4);
  });
});

describe("a failed task answering an error status with its task body", () => {
  it.each([422, 503])(
    "HTTP %i with {status: Error} ends the wait with FluxGenerationError and frees the slot",
    async (status) => {
      const failed = json(
        { status: "Error", details: { error: "Invalid or corrupted image input" } },
        status,
      );
      const { f, flux } = client([submitted(), pending(), failed, submitted("task-2"), ready("task-2")], {
        maxConcurrent: 1,
      });
      const job = await flux.submit("flux-2-pro", { prompt: "a fox" });
      const waited = flux.wait(job).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(1_000);
      const error = await waited;
      expect(error).toBeInstanceOf(FluxGenerationError);
      expect((error as FluxGenerationError).taskId).toBe("task-1");
      expect(f.calls).toHaveLength(3); // no retry of the answer
      // the only slot is free again: the next submit goes out at once
      await expect(flux.submit("flux-2-pro", { prompt: "again" })).resolves.toMatchObject({ id: "task-2" });
    },
  );

  it("a 4xx without a task status stays a validation error", async () => {
    const { flux } = client([
      submitted(),
      json({ detail: [{ loc: ["query", "id"], msg: "Field required", type: "missing" }] }, 422),
    ]);
    const job = await flux.submit("flux-2-pro", { prompt: "a fox" });
    await expect(flux.getResult(job)).rejects.toBeInstanceOf(FluxValidationError);
  });
});

describe("a malformed key", () => {
  it("422 Invalid API key format is an auth error, not a field to fix", async () => {
    const { flux } = client([json({ detail: "Invalid API key format" }, 422)]);
    const error = await flux.submit("flux-2-pro", { prompt: "a fox" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FluxAuthError);
    expect(error).not.toBeInstanceOf(FluxValidationError);
    expect((error as FluxAuthError).code).toBe("auth");
    expect((error as FluxAuthError).message).toMatch(/key format/);
    expect((error as FluxAuthError).message).not.toContain(KEY);
  });
});
