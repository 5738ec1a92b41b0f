import { describe, expect, it } from "vitest";
import { BASE, poll, submitOk } from "../test/helpers";
import { createMockBfl } from "./createMockBfl";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const START = Date.UTC(2026, 0, 1);

describe("lifecycle", () => {
  it("goes Pending with rising progress, then Ready with BFL's result fields", async () => {
    const mock = createMockBfl({ clock: "manual", startTime: START, seed: 7, durationMs: 4000 });
    const submitted = await submitOk(mock, "flux-2-pro", { prompt: "a lighthouse", seed: 99 });
    expect(submitted.id).toMatch(UUID_V4);
    expect(submitted.polling_url).toBe(`${BASE}/v1/get_result?id=${submitted.id}`);

    const first = await poll(mock, submitted.polling_url);
    expect(first).toEqual({
      id: submitted.id,
      status: "Pending",
      result: null,
      progress: 0,
      details: null,
      preview: null,
    });
    await mock.advance(1000);
    expect((await poll(mock, submitted.polling_url)).progress).toBe(0.25);
    await mock.advance(2000);
    expect((await poll(mock, submitted.polling_url)).progress).toBe(0.75);
    await mock.advance(1000);
    const ready = await poll(mock, submitted.polling_url);
    expect(ready.status).toBe("Ready");
    expect(ready.progress).toBeNull();
    expect(ready.result).toEqual({
      sample: expect.stringMatching(
        /^https:\/\/api\.bfl\.ai\/results\/[0-9a-f]{32}\/sample\.jpeg\?se=/,
      ) as unknown,
      // FLUX.2 [pro] upsamples unless disable_pup (docs/bfl-api.md Part II §4.1)
      prompt: expect.stringMatching(/^a lighthouse\. /) as unknown,
      seed: 99,
      start_time: START / 1000,
      end_time: START / 1000 + 4,
      duration: 4,
    });
  });

  it("draws a random seed when none is given and reports the upsampled prompt when asked", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 7, durationMs: 10 });
    const a = await submitOk(mock, "flux-2-flex", { prompt: "a fox", prompt_upsampling: true });
    await mock.advance(10);
    const ready = await poll(mock, a.polling_url);
    expect(Number.isInteger(ready.result?.seed)).toBe(true);
    expect(ready.result?.prompt).toMatch(/^a fox\. .+/);
  });

  it("reports progress as percent or null when configured", async () => {
    for (const [progress, expected] of [
      ["percent", 50],
      ["null", null],
    ] as const) {
      const mock = createMockBfl({ clock: "manual", seed: 1, durationMs: 2000, progress });
      const { polling_url } = await submitOk(mock, "flux-2-pro", { prompt: "a" });
      await mock.advance(1000);
      expect((await poll(mock, polling_url)).progress).toBe(expected);
    }
  });

  it("draws durations per model from a seeded distribution, scaled by speed", async () => {
    const durations = async (seed: number, speed = 1) => {
      const mock = createMockBfl({ clock: "manual", seed, speed, credits: 1e6 });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) {
        await submitOk(mock, i % 2 ? "flux-2-klein-4b" : "flux-2-max", { prompt: `p${i}` });
      }
      for (const t of mock.tasks) out.push(t.finishesAt - t.createdAt);
      return out;
    };
    const a = await durations(3);
    expect(await durations(3)).toEqual(a);
    expect(await durations(4)).not.toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(15);
    const klein = a.filter((_, i) => i % 2 === 1);
    const max = a.filter((_, i) => i % 2 === 0);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(max)).toBeGreaterThan(mean(klein) * 3);
    const fast = await durations(3, 10);
    fast.forEach((d, i) => expect(Math.abs(d - (a[i] ?? 0) / 10)).toBeLessThanOrEqual(1));
  });

  it("generates UUIDv4 ids, deterministic for a seed", async () => {
    const ids = async () => {
      const mock = createMockBfl({ clock: "manual", seed: "fixed" });
      return [
        (await submitOk(mock, "flux-2-pro", { prompt: "a" })).id,
        (await submitOk(mock, "flux-2-pro", { prompt: "b" })).id,
      ];
    };
    const first = await ids();
    first.forEach((id) => expect(id).toMatch(UUID_V4));
    expect(await ids()).toEqual(first);
  });

  it("evicts finished tasks after the retention period", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1, durationMs: 1000, retentionMs: 60_000 });
    const { polling_url } = await submitOk(mock, "flux-2-pro", { prompt: "a" });
    await mock.advance(1000 + 59_000);
    expect((await poll(mock, polling_url)).status).toBe("Ready");
    await mock.advance(1000);
    expect((await poll(mock, polling_url)).status).toBe("Task not found");
    expect(mock.tasks).toHaveLength(0);
  });

  it("keeps memory bounded: task and request-log caps", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1, maxTasks: 5, maxRequestLog: 3, credits: 1e6 });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await submitOk(mock, "flux-2-klein-4b", { prompt: `p${i}` })).id);
    expect(mock.tasks.map((t) => t.id)).toEqual(ids.slice(3));
    expect(mock.requests).toHaveLength(3);
    expect(mock.task(ids[0] ?? "")).toBeUndefined();
  });

  it("over the task cap, forgets finished tasks before running ones", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1, maxTasks: 3, credits: 1e6 });
    const running = (await submitOk(mock, "flux-2-pro", { prompt: "[mock:stuck] still running" })).id;
    const done = (await submitOk(mock, "flux-2-klein-4b", { prompt: "quick" })).id;
    await mock.advance(60_000); // the klein task finishes, the stuck one never does
    await submitOk(mock, "flux-2-klein-4b", { prompt: "b" });
    await submitOk(mock, "flux-2-klein-4b", { prompt: "c" });
    expect(mock.task(done)).toBeUndefined();
    expect(mock.task(running)).toBeDefined();
  });

  it("reset() forgets tasks, requests and restores credits", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1, credits: 50 });
    await submitOk(mock, "flux-2-pro", { prompt: "a" });
    expect(mock.getCredits()).toBe(47);
    mock.reset();
    expect(mock.tasks).toHaveLength(0);
    expect(mock.requests).toHaveLength(0);
    expect(mock.getCredits()).toBe(50);
  });

  it("advance() is refused on a real clock", async () => {
    const mock = createMockBfl({ seed: 1 });
    await expect(mock.advance(10)).rejects.toThrow(/manual clock/);
  });

  it("follows wall time on the real clock", async () => {
    const mock = createMockBfl({ seed: 1, durationMs: 20 });
    const { polling_url } = await submitOk(mock, "flux-2-pro", { prompt: "a" });
    await expect.poll(async () => (await poll(mock, polling_url)).status, { interval: 10 }).toBe("Ready");
  });
});
