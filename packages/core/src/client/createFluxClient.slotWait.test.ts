import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FluxAbortError, FluxRateLimitError } from "../errors/FluxError";
import { fakeFetch, json, ready, submitted } from "../../test/fakeFetch";
import { createFluxClient } from "./createFluxClient";
import type { SlotWait } from "./types";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

// the proxy's answer while this person's other images hold their slots (@flux-kit/proxy's planSubmit)
const clientLimit = () =>
  json(
    {
      code: "client_limit",
      detail: "Too many images in progress for this user (limit 3). Wait for one to finish.",
    },
    429,
    { "retry-after": "5" },
  );

describe("a submit waiting for a free slot says so", () => {
  it("reports each 429 with its scope, the server's words and when it tries again", async () => {
    const f = fakeFetch(clientLimit(), clientLimit(), submitted("t1"));
    const waits: SlotWait[] = [];
    const client = createFluxClient({ baseUrl: "/api/flux", fetch: f.fetch });
    const promise = client.submit("flux-2-pro", { prompt: "x" }, { onWait: (wait) => waits.push(wait) });
    await vi.advanceTimersByTimeAsync(0);
    expect(waits).toEqual([
      {
        scope: "client",
        retryAt: Date.now() + 5_000,
        detail: "Too many images in progress for this user (limit 3). Wait for one to finish.",
        refusals: 1,
      },
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(promise).resolves.toMatchObject({ id: "t1" });
    expect(waits.map((w) => w.refusals)).toEqual([1, 2]);
    expect(f.calls).toHaveLength(3);
  });

  it("with slotWaitMs, keeps trying past the retry count for that long, then gives the 429", async () => {
    const f = fakeFetch(clientLimit());
    const client = createFluxClient({ baseUrl: "/api/flux", fetch: f.fetch, retry: { retries: 2 } });
    const waits: SlotWait[] = [];
    const outcome = client
      .submit("flux-2-pro", { prompt: "x" }, { slotWaitMs: 60_000, onWait: (wait) => waits.push(wait) })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(59_000);
    // one try every 5 s (the proxy's Retry-After), far more than 2 retries, and still waiting
    expect(f.calls).toHaveLength(12);
    await vi.advanceTimersByTimeAsync(2_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(FluxRateLimitError);
    expect((error as FluxRateLimitError).scope).toBe("client");
    expect(f.calls).toHaveLength(13);
    expect(waits).toHaveLength(12);
  });

  it.each([
    ["Retry-After: 0", () => json({ detail: "Too many active tasks" }, 429, { "retry-after": "0" })],
    ["a body's retry_after: 0", () => json({ error: "rate_limit_exceeded", retry_after: 0 }, 429)],
  ])("a server that says %s on every 429 gets a growing wait, not a loop of submits", async (_, limited) => {
    const f = fakeFetch(limited());
    const client = createFluxClient({ baseUrl: "/api/flux", fetch: f.fetch });
    const abort = new AbortController();
    const outcome = client
      .submit("flux-2-pro", { prompt: "x" }, { slotWaitMs: 600_000, signal: abort.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    // half the backoff ceiling at least: 0.25, 0.5, 1 and 2 s, then 4 s each
    expect(f.calls).toHaveLength(6);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(f.calls).toHaveLength(16);
    abort.abort();
    expect(await outcome).toBeInstanceOf(FluxAbortError);
  });

  it("with retry: false, a submit waiting for a slot still waits as the server asks", async () => {
    const f = fakeFetch(clientLimit(), clientLimit(), submitted("t1"));
    const client = createFluxClient({ baseUrl: "/api/flux", fetch: f.fetch, retry: false });
    const job = client.submit("flux-2-pro", { prompt: "x" }, { slotWaitMs: 60_000 });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(f.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(6_000);
    await expect(job).resolves.toMatchObject({ id: "t1" });
    expect(f.calls).toHaveLength(3);
  });

  it("a wait keeps going while others run, and ends the moment its signal aborts, with no task made", async () => {
    const f = fakeFetch(clientLimit());
    const client = createFluxClient({ baseUrl: "/api/flux", fetch: f.fetch });
    const abort = new AbortController();
    const outcome = client
      .submit("flux-2-pro", { prompt: "x" }, { slotWaitMs: 600_000, signal: abort.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(30_000);
    const tries = f.calls.length;
    abort.abort();
    expect(await outcome).toBeInstanceOf(FluxAbortError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.calls).toHaveLength(tries);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reports a wait in this client's own queue (a model at its cap) without a request, then goes", async () => {
    const f = fakeFetch(submitted("a"), ready("a"), submitted("b"));
    const client = createFluxClient({ baseUrl: "/api/flux", fetch: f.fetch, maxConcurrent: 1 });
    const waits: SlotWait[] = [];
    const first = await client.submit("flux-2-pro", { prompt: "first" }, { onWait: (w) => waits.push(w) });
    expect(waits).toEqual([]);
    const second = client.submit("flux-2-pro", { prompt: "second" }, { onWait: (w) => waits.push(w) });
    await vi.advanceTimersByTimeAsync(0);
    expect(waits).toEqual([{ scope: "local", retryAt: undefined, detail: undefined, refusals: 0 }]);
    expect(f.calls).toHaveLength(1);
    // the first task holds the only slot until a poll sees it end
    await client.getResult(first);
    await expect(second).resolves.toMatchObject({ id: "b" });
    expect(f.calls.map((c) => c.method)).toEqual(["POST", "GET", "POST"]);
    expect(waits).toHaveLength(1);
  });
});
