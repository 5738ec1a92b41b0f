import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FluxTimeoutError } from "../errors/FluxError";
import { fakeFetch, json, ready, type Responder } from "../../test/fakeFetch";
import { flux2Pro } from "../models/flux2";
import { createFluxClient } from "./createFluxClient";
import type { FluxJob, TaskRef } from "./types";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A FLUX 3-like model: a 90 s typical run (the figure the endpoint table gives `flux-3-image`). */
const flux3Like = { ...flux2Pro, id: "flux-3-image", typicalDurationMs: 90_000 };

const job = (model: string): FluxJob => ({
  id: "task-1",
  pollingUrl: "https://api.eu2.bfl.ai/v1/get_result?id=task-1",
  model,
  cost: null,
  inputMp: null,
  outputMp: null,
  submittedAt: Date.now(),
});

const status = (s: string): Responder =>
  json({ id: "task-1", status: s, result: null, progress: null, details: null, preview: null });

/** FLUX 3's poll answers by time since the start: Pending, Reasoning, Generating, then Ready; never a progress. */
function flux3Run(
  start: number,
  stages = { reasoning: 8_000, generating: 60_000, ready: 150_000 },
): Responder {
  return (call) => {
    const t = Date.now() - start;
    if (t >= stages.ready) return ready()(call);
    if (t >= stages.generating) return status("Generating")(call);
    if (t >= stages.reasoning) return status("Reasoning")(call);
    return status("Pending")(call);
  };
}

describe("FLUX 3's long runs", () => {
  it("wait() follows Pending → Reasoning → Generating → Ready with no progress for 150 s, stage on every update", async () => {
    const f = fakeFetch(flux3Run(Date.now()));
    const flux = createFluxClient({ fetch: f.fetch, models: [flux3Like] });
    const stages: (string | undefined)[] = [];
    const times: number[] = [];
    const start = Date.now();
    const promise = flux.wait(job("flux-3-image"), {
      onUpdate: ({ snapshot }) => {
        times.push(Date.now() - start);
        if (stages.at(-1) !== snapshot.stage || stages.length === 0) stages.push(snapshot.stage);
        expect(snapshot.progress === undefined || snapshot.progress === 1).toBe(true);
      },
    });
    await vi.advanceTimersByTimeAsync(160_000);
    await expect(promise).resolves.toMatchObject({ id: "task-1" });
    expect(stages).toEqual(["pending", "reasoning", "generating", undefined]);
    // the default policy never waits more than its 5 s ceiling, and finds Ready within one interval of it
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5_000);
    expect(times.at(-1)! - 150_000).toBeLessThanOrEqual(5_000);
  });

  it("a FLUX 3 task silent for six minutes is still being waited for; it times out at 9 minutes", async () => {
    const f = fakeFetch(status("Generating"));
    const flux = createFluxClient({ fetch: f.fetch, models: [flux3Like] });
    let error: unknown;
    const promise = flux.wait(job("flux-3-image")).catch((e: unknown) => (error = e));
    await vi.advanceTimersByTimeAsync(360_000);
    expect(error).toBeUndefined();
    await vi.advanceTimersByTimeAsync(534_000 - 360_000);
    expect(error).toBeUndefined();
    await vi.advanceTimersByTimeAsync(20_000);
    await promise;
    expect(error).toBeInstanceOf(FluxTimeoutError);
    expect(error).toMatchObject({ phase: "wait", taskId: "task-1" });
  });

  it("the older models keep the 5-minute deadline", async () => {
    const f = fakeFetch(status("Pending"));
    const flux = createFluxClient({ fetch: f.fetch });
    let error: unknown;
    const promise = flux.wait(job("flux-2-pro")).catch((e: unknown) => (error = e));
    await vi.advanceTimersByTimeAsync(295_000);
    expect(error).toBeUndefined();
    await vi.advanceTimersByTimeAsync(20_000);
    await promise;
    expect(error).toBeInstanceOf(FluxTimeoutError);
  });

  it("poll.timeoutFor gives each model its deadline; poll.timeoutMs, when set, is every model's", () => {
    const flux = createFluxClient({ models: [flux3Like] });
    expect(flux.poll.timeoutFor("flux-3-image")).toBe(540_000);
    expect(flux.poll.timeoutFor("flux-2-pro")).toBe(300_000);
    expect(flux.poll.timeoutFor("not-a-model")).toBe(300_000);
    expect(flux.poll.timeoutFor(undefined)).toBe(300_000);
    expect(flux.poll.timeoutMs).toBe(300_000);
    const fixed = createFluxClient({ models: [flux3Like], poll: { timeoutMs: 60_000 } });
    expect(fixed.poll.timeoutFor("flux-3-image")).toBe(60_000);
    expect(fixed.poll.timeoutMs).toBe(60_000);
  });

  it("a bare task id (model unknown) gets the 5-minute deadline, an explicit timeoutMs wins", async () => {
    const f = fakeFetch(status("Reasoning"));
    const flux = createFluxClient({ fetch: f.fetch, models: [flux3Like] });
    let error: unknown;
    const ref: TaskRef = { id: "task-1", model: "flux-3-image" };
    const promise = flux.wait(ref, { timeoutMs: 30_000 }).catch((e: unknown) => (error = e));
    await vi.advanceTimersByTimeAsync(40_000);
    await promise;
    expect(error).toBeInstanceOf(FluxTimeoutError);
    error = undefined;
    const bare = flux.wait("task-1").catch((e: unknown) => (error = e));
    await vi.advanceTimersByTimeAsync(295_000);
    expect(error).toBeUndefined();
    await vi.advanceTimersByTimeAsync(20_000);
    await bare;
    expect(error).toBeInstanceOf(FluxTimeoutError);
  });
});
