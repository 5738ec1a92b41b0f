import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FluxAuthError, FluxTimeoutError } from "../errors/FluxError";
import { fakeFetch, json, netError, ready, submitted, type Responder } from "../../test/fakeFetch";
import { createFluxClient } from "../client/createFluxClient";
import { fixedPolling } from "../client/polling";
import { createGenerationController } from "./createGenerationController";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const times = (n: number, responder: Responder) => Array.from({ length: n }, () => responder);
const unavailable = json({ detail: "Service Unavailable" }, 503);

function setup(script: Responder[], timeoutMs = 300_000) {
  const f = fakeFetch(...script);
  const client = createFluxClient({ fetch: f.fetch, poll: { policy: fixedPolling(500) } });
  const onError = vi.fn();
  const gen = createGenerationController({ client, model: "flux-2-pro", onError, timeoutMs });
  return { f, gen, onError };
}

describe("the plain polling watcher through failed polls", () => {
  it("keeps the generation pending through a 503 storm and resets, then turns ready", async () => {
    const { f, gen, onError } = setup([
      submitted(),
      ...times(12, unavailable),
      ...times(6, netError("ECONNRESET")),
      ready(),
    ]);
    const done = gen.generate({ prompt: "a fox" });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(gen.getState().status).toBe("pending");
    await vi.advanceTimersByTimeAsync(120_000);
    await expect(done).resolves.toMatchObject({ id: "task-1" });
    expect(gen.getState().status).toBe("ready");
    expect(onError).not.toHaveBeenCalled();
    expect(f.calls.filter((c) => c.method === "POST")).toHaveLength(1);
    expect(f.calls).toHaveLength(20);
    gen.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a final failure (401) fails the generation at once", async () => {
    const { f, gen, onError } = setup([submitted(), json({ detail: "Not authenticated" }, 401), ready()]);
    const done = gen.generate({ prompt: "a fox" });
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(done).rejects.toBeInstanceOf(FluxAuthError);
    expect(gen.getState().status).toBe("failed");
    expect(onError).toHaveBeenCalledTimes(1);
    expect(f.calls).toHaveLength(2);
  });

  it("polls that fail until the deadline turn it timed-out (the task may still finish)", async () => {
    const { f, gen } = setup([submitted(), unavailable], 30_000);
    const done = gen.generate({ prompt: "a fox" });
    await vi.advanceTimersByTimeAsync(29_000);
    expect(gen.getState().status).toBe("pending");
    await vi.advanceTimersByTimeAsync(20_000);
    await expect(done).rejects.toBeInstanceOf(FluxTimeoutError);
    expect(gen.getState().status).toBe("timed-out");
    const calls = f.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.calls).toHaveLength(calls);
    gen.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
