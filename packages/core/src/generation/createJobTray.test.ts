import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFluxClient } from "../client/createFluxClient";
import { fixedPolling } from "../client/polling";
import { createJobTray, type JobTrayOptions } from "./createJobTray";
import type { FluxStorage } from "./generationRecord";

/** A proxy where each task is Ready on its `readyAfterPolls`-th poll, with at most `limit` active per client. */
function fakeProxy({ readyAfterPolls = 3, limit = Infinity } = {}) {
  const polls = new Map<string, number>();
  const active = new Set<string>();
  let posts = 0;
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    await Promise.resolve();
    if (init.signal?.aborted) throw new DOMException("aborted", "AbortError");
    const url = new URL(input instanceof Request ? input.url : input, "http://app.test");
    if (url.pathname.endsWith("/get_result")) {
      const id = url.searchParams.get("id")!;
      const n = (polls.get(id) ?? 0) + 1;
      polls.set(id, n);
      if (n < readyAfterPolls)
        return Response.json({ id, status: "Pending", progress: n / readyAfterPolls, result: null });
      active.delete(id);
      return Response.json({
        id,
        status: "Ready",
        result: { sample: `http://app.test/img/${id}.jpg`, seed: n },
      });
    }
    if (active.size >= limit)
      return Response.json(
        { code: "client_limit", detail: `Too many images in progress for this user (limit ${limit}).` },
        { status: 429, headers: { "retry-after": "2" } },
      );
    posts++;
    const id = `t${posts}`;
    active.add(id);
    return Response.json({ id, polling_url: `/api/flux/v1/get_result?id=${id}` });
  };
  return { fetch, posts: () => posts, active };
}

function memoryStorage(): FluxStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const trayOn = <Meta = unknown>(
  proxy: ReturnType<typeof fakeProxy>,
  more: Partial<JobTrayOptions<Meta>> = {},
) =>
  createJobTray<Meta>({
    client: createFluxClient({
      baseUrl: "http://app.test/api/flux",
      fetch: proxy.fetch,
      poll: { policy: fixedPolling(1000) },
    }),
    ...more,
  });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("createJobTray: several generations at once", () => {
  it("five submits are five jobs, each followed to its own image (none dropped)", async () => {
    const proxy = fakeProxy();
    const ready: string[] = [];
    const tray = trayOn<{ n: number }>(proxy, {
      onReady: (result, job) => ready.push(`${job.meta?.n}:${result.id}`),
    });
    const disconnect = tray.connect();
    for (let n = 1; n <= 5; n++) tray.generate({ prompt: `fox ${n}` }, { model: "flux-2-pro", meta: { n } });
    expect(tray.getJobs().map((j) => j.meta?.n)).toEqual([5, 4, 3, 2, 1]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(proxy.posts()).toBe(5);
    expect(tray.getJobs().map((j) => j.state.status)).toEqual(["ready", "ready", "ready", "ready", "ready"]);
    expect(new Set(tray.getJobs().map((j) => j.state.result?.id)).size).toBe(5);
    expect(ready.sort()).toEqual(["1:t1", "2:t2", "3:t3", "4:t4", "5:t5"]);
    disconnect();
    await vi.advanceTimersByTimeAsync(0);
    tray.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a double click is one job and one task; the same prompt once the first ended is a new one", async () => {
    const proxy = fakeProxy({ readyAfterPolls: 1 });
    const tray = trayOn(proxy);
    const a = tray.generate({ prompt: "fox" }, { model: "flux-2-pro" });
    const b = tray.generate({ prompt: "fox" }, { model: "flux-2-pro" });
    expect(b.id).toBe(a.id);
    expect(b.promise).toBe(a.promise);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(proxy.posts()).toBe(1);
    const c = tray.generate({ prompt: "fox" }, { model: "flux-2-pro" });
    expect(c.id).not.toBe(a.id);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(proxy.posts()).toBe(2);
    tray.stop();
  });

  it("`another` makes one more job and task of the same input while the first runs (FLUX 3: no seed to vary)", async () => {
    const proxy = fakeProxy({ readyAfterPolls: 1 });
    const tray = trayOn(proxy);
    const a = tray.generate({ prompt: "fox" }, { model: "flux-3-image" });
    const b = tray.generate({ prompt: "fox" }, { model: "flux-3-image", another: true });
    expect(b.id).not.toBe(a.id);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(proxy.posts()).toBe(2);
    expect(new Set(tray.getJobs().map((j) => j.state.result?.id)).size).toBe(2);
    tray.stop();
  });

  it("over the proxy's limit, later jobs wait visibly for a slot, each cancellable, and go when one frees", async () => {
    const proxy = fakeProxy({ readyAfterPolls: 5, limit: 2 });
    const tray = trayOn(proxy, { slotWaitMs: 600_000 });
    const ids = [1, 2, 3, 4].map((n) => tray.generate({ prompt: `owl ${n}` }, { model: "flux-2-pro" }).id);
    await vi.advanceTimersByTimeAsync(100);
    const byId = () => new Map(tray.getJobs().map((j) => [j.id, j.state]));
    expect(ids.map((id) => byId().get(id)?.status)).toEqual([
      "pending",
      "pending",
      "submitting",
      "submitting",
    ]);
    expect(byId().get(ids[2]!)?.waiting).toMatchObject({
      scope: "client",
      detail: expect.stringContaining("limit 2") as unknown,
    });
    // the fourth is cancelled while it waits: nothing was made for it
    tray.cancel(ids[3]!);
    expect(byId().get(ids[3]!)).toMatchObject({ status: "cancelled", waiting: undefined });
    expect(byId().get(ids[3]!)?.error?.message).toMatch(/nothing is billed/);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(ids.slice(0, 3).map((id) => byId().get(id)?.status)).toEqual(["ready", "ready", "ready"]);
    expect(proxy.posts()).toBe(3);
    tray.stop();
  });

  it("remove forgets a job; past maxJobs the oldest finished ones go, never a running one", async () => {
    const proxy = fakeProxy({ readyAfterPolls: 1 });
    const tray = trayOn(proxy, { maxJobs: 2 });
    const first = tray.generate({ prompt: "one" }, { model: "flux-2-pro" }).id;
    await vi.advanceTimersByTimeAsync(2_000);
    tray.generate({ prompt: "two" }, { model: "flux-2-pro" });
    tray.generate({ prompt: "three" }, { model: "flux-2-pro" });
    expect(tray.getJobs().map((j) => j.input?.prompt)).toEqual(["three", "two"]);
    expect(tray.getJobs().some((j) => j.id === first)).toBe(false);
    tray.remove(tray.getJobs()[0]!.id);
    expect(tray.getJobs().map((j) => j.input?.prompt)).toEqual(["two"]);
    tray.stop();
  });
});

describe("createJobTray across a reload", () => {
  it("restores finished jobs as they ended and resumes running ones, with their inputs and meta", async () => {
    const storage = memoryStorage();
    const proxy = fakeProxy({ readyAfterPolls: 4 });
    const persist = { key: "studio", storage };
    const before = trayOn<{ form: string }>(proxy, { persist });
    const off = before.connect();
    before.generate({ prompt: "done before" }, { model: "flux-2-pro", meta: { form: "a" } });
    await vi.advanceTimersByTimeAsync(10_000);
    before.generate({ prompt: "still running" }, { model: "flux-2-klein-4b", meta: { form: "b" } });
    await vi.advanceTimersByTimeAsync(1_500);
    expect(before.getJobs().map((j) => j.state.status)).toEqual(["pending", "ready"]);
    // the page goes away
    off();
    await vi.advanceTimersByTimeAsync(0);
    before.stop();

    const after = trayOn<{ form: string }>(proxy, { persist });
    expect(after.getJobs()).toEqual([]); // nothing read before connect (no storage during a server render)
    const offAfter = after.connect();
    expect(after.getJobs().map((j) => [j.input?.prompt, j.meta?.form, j.state.status])).toEqual([
      ["still running", "b", "pending"],
      ["done before", "a", "ready"],
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(after.getJobs().map((j) => j.state.status)).toEqual(["ready", "ready"]);
    expect(proxy.posts()).toBe(2); // resumed, not submitted again
    offAfter();
    await vi.advanceTimersByTimeAsync(0);
    after.stop();
  });

  it("retry(id) on a job still running after a reload is refused, and submits nothing (its task may be billed)", async () => {
    const storage = memoryStorage();
    const proxy = fakeProxy({ readyAfterPolls: 100 });
    const persist = { key: "studio", storage };
    const before = trayOn(proxy, { persist });
    const offBefore = before.connect();
    const { id } = before.generate({ prompt: "a heron" }, { model: "flux-2-pro" });
    await vi.advanceTimersByTimeAsync(1_500);
    offBefore();
    before.stop();

    const after = trayOn(proxy, { persist });
    const offAfter = after.connect();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(after.getJobs()[0]?.state).toMatchObject({ status: "pending", task: { id: "t1" } });
    await expect(after.retry(id)).rejects.toThrow(/no settled generation/);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(proxy.posts()).toBe(1);
    expect(after.getJobs()[0]?.state).toMatchObject({ status: "pending", task: { id: "t1" } });
    offAfter();
    after.stop();
  });

  it("Try again on a job that failed after a reload submits its kept input again", async () => {
    const storage = memoryStorage();
    let fail = false;
    const proxy = fakeProxy({ readyAfterPolls: 100 });
    const bodies: unknown[] = [];
    const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(input instanceof Request ? input.url : input, "http://app.test");
      if (init.method === "POST") bodies.push(JSON.parse(init.body as string));
      if (fail && url.pathname.endsWith("/get_result"))
        return Response.json({
          id: url.searchParams.get("id"),
          status: "Error",
          details: { error: "GPU fell over" },
        });
      return proxy.fetch(input, init);
    };
    const client = createFluxClient({
      baseUrl: "http://app.test/api/flux",
      fetch,
      poll: { policy: fixedPolling(1000) },
    });
    const persist = { key: "studio", storage };
    const before = createJobTray({ client, persist });
    before.generate({ prompt: "a heron", seed: 7 }, { model: "flux-2-pro" });
    await vi.advanceTimersByTimeAsync(1_500);
    before.stop();

    fail = true;
    const after = createJobTray({ client, persist });
    after.connect();
    await vi.advanceTimersByTimeAsync(1_500);
    const [job] = after.getJobs();
    expect(job?.state.status).toBe("failed");
    fail = false;
    void after.retry(job!.id);
    await vi.advanceTimersByTimeAsync(100);
    expect(bodies).toEqual([
      { prompt: "a heron", seed: 7 },
      { prompt: "a heron", seed: 7 },
    ]);
    expect(after.getJobs()[0]?.state).toMatchObject({ status: "pending", task: { id: "t2" } });
    after.stop();
  });

  it("does not keep an input too large for sessionStorage (reference images): Try again is then the form's", () => {
    const storage = memoryStorage();
    const tray = trayOn(fakeProxy(), { persist: { key: "studio", storage } });
    const big = "data:image/png;base64," + "A".repeat(20_000);
    tray.generate({ prompt: "with a reference", input_image: big }, { model: "flux-2-pro" });
    tray.generate({ prompt: "small" }, { model: "flux-2-pro" });
    const kept = JSON.parse(storage.map.get("studio")!) as { jobs: { input?: unknown }[] };
    expect(kept.jobs.map((j) => j.input)).toEqual([{ prompt: "small" }, undefined]);
    tray.stop();
  });
});
