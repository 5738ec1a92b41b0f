import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFluxClient } from "../client/createFluxClient";
import { fixedPolling } from "../client/polling";
import { createGenerationController } from "./createGenerationController";
import { createGenerationPersistence } from "./generationPersistence";
import type { FluxStorage } from "./generationRecord";

/** A tiny BFL: every submit creates a task that is Ready after `readyAfterPolls` polls (or moderated). */
function fakeBfl(readyAfterPolls = 2, status = "Ready") {
  const polls = new Map<string, number>();
  let submits = 0;
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    await Promise.resolve();
    if (init.signal?.aborted) throw new DOMException("aborted", "AbortError");
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (url.pathname === "/v1/get_result") {
      const id = url.searchParams.get("id")!;
      const n = (polls.get(id) ?? 0) + 1;
      polls.set(id, n);
      if (n < readyAfterPolls)
        return Response.json({ id, status: "Pending", progress: n / readyAfterPolls, result: null });
      const result =
        status === "Ready" ? { sample: `https://delivery-eu1.bfl.ai/r/${id}/sample.jpeg` } : null;
      return Response.json({ id, status, result, details: null });
    }
    submits++;
    const id = `task-${submits}`;
    return Response.json({ id, polling_url: `https://api.bfl.ai/v1/get_result?id=${id}` });
  };
  return { fetch, polls, submits: () => submits };
}

function setup(bfl = fakeBfl()) {
  const client = createFluxClient({
    baseUrl: "https://api.bfl.ai",
    fetch: bfl.fetch,
    poll: { policy: fixedPolling(1000) },
  });
  return { client, bfl };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("createGenerationController (no React)", () => {
  it("generates to ready with the plain polling watcher, notifying only on distinct changes", async () => {
    const { client } = setup();
    const gen = createGenerationController({ client, model: "flux-2-pro" });
    const statuses: string[] = [];
    gen.subscribe(() => statuses.push(gen.getState().status));
    const done = gen.generate({ prompt: "a fox" });
    await vi.advanceTimersByTimeAsync(5000);
    await expect(done).resolves.toMatchObject({ id: "task-1" });
    expect(statuses).toEqual(["submitting", "pending", "pending", "ready"]);
    expect(vi.getTimerCount()).toBe(1); // only the expiry timer of the ready image
    gen.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("dedupes the same input while active; a moderated task settles as moderated", async () => {
    const { client, bfl } = setup(fakeBfl(1, "Request Moderated"));
    const onError = vi.fn();
    const gen = createGenerationController({ client, model: "flux-2-pro", onError });
    const a = gen.generate({ prompt: "x" });
    expect(gen.generate({ prompt: "x" })).toBe(a);
    await vi.advanceTimersByTimeAsync(100);
    await expect(a).rejects.toMatchObject({ code: "moderated" });
    expect(gen.getState().status).toBe("moderated");
    expect(onError).toHaveBeenCalledTimes(1);
    expect(bfl.submits()).toBe(1);
  });

  it("connect/disconnect: a StrictMode-style remount keeps the run; a real disconnect tears down", async () => {
    const { client, bfl } = setup(fakeBfl(100));
    const gen = createGenerationController({ client, model: "flux-2-pro" });
    const detach = gen.connect();
    const run = gen.generate({ prompt: "x" });
    detach();
    const again = gen.connect(); // synchronous remount
    await vi.advanceTimersByTimeAsync(100);
    expect(gen.getState().status).toBe("pending");
    again();
    await vi.advanceTimersByTimeAsync(0);
    await expect(run).rejects.toMatchObject({ code: "aborted" });
    expect(vi.getTimerCount()).toBe(0);
    const polls = [...bfl.polls.values()][0];
    await vi.advanceTimersByTimeAsync(60_000);
    expect([...bfl.polls.values()][0]).toBe(polls);
  });

  it("persists the pending job and resumes it in a new controller (a reload)", async () => {
    const { client, bfl } = setup(fakeBfl(3));
    const items = new Map<string, string>();
    const storage: FluxStorage = {
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => void items.set(k, v),
      removeItem: (k) => void items.delete(k),
    };
    const persistence = createGenerationPersistence({ key: "slot", storage });
    const first = createGenerationController({ client, model: "flux-2-pro", persistence });
    const detach = first.connect();
    void first.generate({ prompt: "x" });
    await vi.advanceTimersByTimeAsync(10);
    detach();
    await vi.advanceTimersByTimeAsync(0);
    const second = createGenerationController({ client, model: "flux-2-pro", persistence });
    second.connect();
    expect(second.getState()).toMatchObject({ status: "pending", task: { id: "task-1" } });
    await vi.advanceTimersByTimeAsync(5000);
    expect(second.getState().status).toBe("ready");
    expect(bfl.submits()).toBe(1);
  });

  it("cancel() then resume(); retry() without input after a resume is refused", async () => {
    const { client } = setup(fakeBfl(3));
    const gen = createGenerationController({ client, model: "flux-2-pro" });
    void gen.watch("task-9");
    await vi.advanceTimersByTimeAsync(10);
    gen.cancel();
    expect(gen.getState().error?.message).toMatch(/may still finish and be billed/);
    const resumed = gen.resume();
    await vi.advanceTimersByTimeAsync(5000);
    await expect(resumed).resolves.toMatchObject({ id: "task-9" });
    await expect(gen.retry()).rejects.toThrow(/unknown/);
  });
});
