import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFluxClient } from "../client/createFluxClient";
import { fixedPolling } from "../client/polling";
import { FluxAbortError } from "../errors/FluxError";
import { createGenerationController } from "./createGenerationController";
import { createGenerationPersistence } from "./generationPersistence";
import type { FluxStorage } from "./generationRecord";

/** A proxy that answers 429 (its per-client limit) until `free()`, then accepts; tasks are Ready on the 1st poll. */
function limitedProxy() {
  let open = false;
  let posts = 0;
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    await Promise.resolve();
    if (init.signal?.aborted) throw new DOMException("aborted", "AbortError");
    const url = new URL(input instanceof Request ? input.url : input, "http://app.test");
    if (url.pathname.endsWith("/get_result")) {
      const id = url.searchParams.get("id")!;
      return Response.json({ id, status: "Ready", result: { sample: `http://app.test/img/${id}.jpg` } });
    }
    posts++;
    if (!open)
      return Response.json(
        { code: "client_limit", detail: "Too many images in progress for this user (limit 3)." },
        { status: 429, headers: { "retry-after": "5" } },
      );
    return Response.json({ id: `t${posts}`, polling_url: `/api/flux/v1/get_result?id=t${posts}` });
  };
  return { fetch, posts: () => posts, free: () => (open = true) };
}

const clientFor = (proxy: ReturnType<typeof limitedProxy>) =>
  createFluxClient({
    baseUrl: "http://app.test/api/flux",
    fetch: proxy.fetch,
    poll: { policy: fixedPolling(1000) },
  });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("a rate-limited submit is a visible wait, not a hang", () => {
  it("state.waiting says whose limit and when it tries again, and clears once the task exists", async () => {
    const proxy = limitedProxy();
    const gen = createGenerationController({
      client: clientFor(proxy),
      model: "flux-2-pro",
      slotWaitMs: 600_000,
    });
    const done = gen.generate({ prompt: "a fox" });
    await vi.advanceTimersByTimeAsync(0);
    expect(gen.getState()).toMatchObject({
      status: "submitting",
      waiting: {
        scope: "client",
        retryAt: Date.now() + 5_000,
        detail: "Too many images in progress for this user (limit 3).",
        refusals: 1,
      },
    });
    // far past the client's 4 retries: it keeps waiting, as the studio's other jobs run
    await vi.advanceTimersByTimeAsync(60_000);
    expect(gen.getState().status).toBe("submitting");
    expect(gen.getState().waiting?.refusals).toBeGreaterThan(10);
    proxy.free();
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(done).resolves.toMatchObject({ id: expect.stringMatching(/^t\d+$/) as unknown });
    expect(gen.getState()).toMatchObject({ status: "ready", waiting: undefined });
    gen.stop();
  });

  it("cancel() while waiting ends it at once, says nothing was billed, and sends nothing more", async () => {
    const proxy = limitedProxy();
    const gen = createGenerationController({
      client: clientFor(proxy),
      model: "flux-2-pro",
      slotWaitMs: 600_000,
    });
    const done = gen.generate({ prompt: "a fox" }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(12_000);
    const posts = proxy.posts();
    gen.cancel();
    const error = await done;
    expect(error).toBeInstanceOf(FluxAbortError);
    expect(gen.getState()).toMatchObject({ status: "cancelled", waiting: undefined });
    expect(gen.getState().error?.message).toMatch(/no task was created, so nothing is billed/);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(proxy.posts()).toBe(posts);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("elapsed time counts from the submit, not from the latest watch", () => {
  it("a task resumed after a reload shows the time since it was submitted", () => {
    const store = new Map<string, string>();
    const storage: FluxStorage = {
      getItem: (k) => store.get(k) ?? null,
      setItem: (k, v) => void store.set(k, v),
      removeItem: (k) => void store.delete(k),
    };
    const submittedAt = Date.now() - 42_000;
    const persistence = createGenerationPersistence({ key: "k", storage });
    persistence.save({
      job: {
        id: "t9",
        pollingUrl: "/api/flux/v1/get_result?id=t9",
        model: "flux-2-pro",
        cost: null,
        inputMp: null,
        outputMp: null,
        submittedAt,
      },
      savedAt: submittedAt,
    });
    const proxy = limitedProxy();
    const gen = createGenerationController({ client: clientFor(proxy), persistence });
    const disconnect = gen.connect();
    expect(gen.getState()).toMatchObject({ status: "pending", startedAt: submittedAt, elapsedMs: 42_000 });
    disconnect();
    gen.stop();
  });

  it('"keep waiting" after a time-out goes on counting from the submit', async () => {
    const proxy = limitedProxy();
    proxy.free();
    // a task that never finishes within the deadline
    const stuck = async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(input instanceof Request ? input.url : input, "http://app.test");
      if (url.pathname.endsWith("/get_result"))
        return Response.json({ id: url.searchParams.get("id"), status: "Pending", result: null });
      return proxy.fetch(input, init);
    };
    const client = createFluxClient({
      baseUrl: "http://app.test/api/flux",
      fetch: stuck,
      poll: { policy: fixedPolling(1000) },
    });
    const gen = createGenerationController({ client, model: "flux-2-pro", timeoutMs: 30_000 });
    void gen.generate({ prompt: "slow" }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(gen.getState().status).toBe("timed-out");
    await vi.advanceTimersByTimeAsync(5_000);
    void gen.resume().catch(() => undefined);
    // about 36 s since the submit (not 0)
    expect(gen.getState().status).toBe("pending");
    expect(gen.getState().elapsedMs).toBeGreaterThanOrEqual(35_000);
    gen.stop();
  });
});
