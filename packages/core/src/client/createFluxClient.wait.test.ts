import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FluxError } from "../errors/FluxError";
import {
  FluxAbortError,
  FluxGenerationError,
  FluxModerationError,
  FluxTaskNotFoundError,
  FluxTimeoutError,
} from "../errors/FluxError";
import { fakeFetch, hang, json, pending, ready, submitted, type Responder } from "../../test/fakeFetch";
import { createFluxClient } from "./createFluxClient";
import { fixedPolling } from "./polling";
import type { FluxJob } from "./types";

const KEY = "test-key-0123456789abcdef";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const job = (over: Partial<FluxJob> = {}): FluxJob => ({
  id: "task-1",
  pollingUrl: "https://api.eu2.bfl.ai/v1/get_result?id=task-1",
  model: "flux-2-pro",
  cost: 3,
  inputMp: 0,
  outputMp: 1,
  submittedAt: Date.now(),
  ...over,
});

const status = (s: string, details: unknown = null): Responder =>
  json({ id: "task-1", status: s, result: null, progress: null, details, preview: null });

function client(...script: Responder[]) {
  const f = fakeFetch(...script);
  const flux = createFluxClient({ apiKey: KEY, fetch: f.fetch, poll: { policy: fixedPolling(500) } });
  return { f, flux };
}

describe("wait", () => {
  it("polls the polling_url verbatim (another cluster host) and resolves on Ready", async () => {
    const { f, flux } = client(pending(), pending("task-1", 0.5), ready());
    const updates: number[] = [];
    const promise = flux.wait(job(), { onUpdate: (u) => updates.push(u.polls) });
    await vi.advanceTimersByTimeAsync(1_500);
    const result = await promise;
    expect(f.calls.map((c) => c.url)).toEqual(
      Array(3).fill("https://api.eu2.bfl.ai/v1/get_result?id=task-1"),
    );
    expect(f.calls[0]?.headers.get("x-key")).toBe(KEY); // *.bfl.ai may receive the key
    expect(result).toMatchObject({
      id: "task-1",
      seed: 42,
      prompt: "a fox",
      duration: 1.6,
      model: "flux-2-pro",
    });
    expect(result.url).toMatch(/^https:\/\/delivery-eu1\.bfl\.ai\//);
    expect(result.expiresAt?.getTime()).toBeGreaterThan(Date.now());
    expect(updates).toEqual([1, 2, 3]);
  });

  it("knows when the image expires: se= on BFL URLs, 10 minutes by default there, never on a persisted copy", async () => {
    const { flux } = client(
      ready("a", "https://delivery-us1.bfl.ai/results/a/sample.jpeg"),
      ready("b", "/gallery/b.jpeg"),
    );
    const bfl = flux.wait({ id: "a" });
    await vi.advanceTimersByTimeAsync(500);
    // no se= on this URL: BFL's 10 minutes from the result's end_time (1764253860.4 s in the fixture)
    expect((await bfl).expiresAt?.getTime()).toBe(1764253860.4 * 1000 + 10 * 60_000);
    const persisted = flux.wait({ id: "b" });
    await vi.advanceTimersByTimeAsync(500);
    expect((await persisted).expiresAt).toBeUndefined();
  });

  it("falls back to {baseUrl}/v1/get_result?id= when no polling_url was given", async () => {
    const { f, flux } = client(ready("a b"));
    const promise = flux.wait({ id: "a b" });
    await vi.advanceTimersByTimeAsync(500);
    await promise;
    expect(f.calls[0]?.url).toBe("https://api.bfl.ai/v1/get_result?id=a%20b");
  });

  it("stops the moment a terminal status arrives: no further request, no timer", async () => {
    const { f, flux } = client(pending(), status("Error", { message: "GPU fell over" }));
    const promise = flux.wait(job()).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await promise).toBeInstanceOf(FluxGenerationError);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.calls).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([
    ["Request Moderated", { "Moderation Reasons": ["Sexual Content"] }, FluxModerationError, "request"],
    ["Content Moderated", { "Moderation Reasons": ["Sexual Content"] }, FluxModerationError, "content"],
    ["Content Moderated", "Derivative work", FluxModerationError, "content"],
    ["Error", { message: "internal" }, FluxGenerationError, undefined],
    ["Failed", null, FluxGenerationError, undefined],
    ["Task not found", null, FluxTaskNotFoundError, undefined],
  ])("%s (details %j) ends the wait with %o", async (s, details, cls, stage) => {
    const { f, flux } = client(status(s, details));
    const promise = flux.wait(job()).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500);
    const error = await promise;
    expect(error).toBeInstanceOf(cls);
    expect((error as FluxError).taskId).toBe("task-1");
    if (stage) {
      expect((error as FluxModerationError).stage).toBe(stage);
      expect((error as FluxModerationError).reasons.length).toBeGreaterThan(0);
    }
    expect(f.calls).toHaveLength(1);
  });

  it("treats unknown statuses (Reasoning, Generating) as still running", async () => {
    const { f, flux } = client(status("Reasoning"), status("Generating"), ready());
    const promise = flux.wait(job());
    await vi.advanceTimersByTimeAsync(1_500);
    await expect(promise).resolves.toMatchObject({ id: "task-1" });
    expect(f.calls).toHaveLength(3);
  });

  it("gives up at the time deadline with FluxTimeoutError carrying the task id", async () => {
    const { f, flux } = client(pending());
    const promise = flux.wait(job(), { timeoutMs: 3_000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(3_100);
    const error = await promise;
    expect(error).toBeInstanceOf(FluxTimeoutError);
    expect((error as FluxTimeoutError).phase).toBe("wait");
    expect((error as FluxError).taskId).toBe("task-1");
    expect(f.calls.length).toBeLessThanOrEqual(7);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the deadline also bounds a poll in flight and its retries (within a short grace)", async () => {
    const f = fakeFetch(hang);
    const flux = createFluxClient({ fetch: f.fetch, poll: { policy: fixedPolling(100) } }); // 30 s per request, 4 retries
    const promise = flux.wait(job(), { timeoutMs: 300 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(300 + 10_000);
    const error = await promise;
    expect(error).toBeInstanceOf(FluxTimeoutError);
    expect((error as FluxTimeoutError).phase).toBe("wait");
    expect(f.inFlight).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a poll begun just before the deadline may still deliver its result", async () => {
    const late: Responder = () =>
      new Promise<Response>((resolve) => setTimeout(() => resolve(ready()({} as never) as Response), 2_000));
    const { flux } = client(pending(), late);
    const promise = flux.wait(job(), { timeoutMs: 1_000 });
    await vi.advanceTimersByTimeAsync(3_500);
    await expect(promise).resolves.toMatchObject({ id: "task-1" });
  });

  it("retries a poll on 429 honouring Retry-After, and on 5xx", async () => {
    const { f, flux } = client(
      json({ detail: "slow down" }, 429, { "retry-after": "2" }),
      json({}, 503),
      ready(),
    );
    const promise = flux.wait(job());
    await vi.advanceTimersByTimeAsync(500 + 1_900);
    expect(f.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000 + 1_000);
    await expect(promise).resolves.toMatchObject({ id: "task-1" });
    expect(f.calls).toHaveLength(3);
  });

  it("aborting mid-poll cancels the request and leaves no timer", async () => {
    const { f, flux } = client(pending(), hang);
    const controller = new AbortController();
    const promise = flux.wait(job(), { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_010);
    expect(f.inFlight).toBe(1);
    controller.abort();
    expect(await promise).toBeInstanceOf(FluxAbortError);
    expect(f.inFlight).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("aborting while sleeping between polls leaves no timer and sends nothing more", async () => {
    const { f, flux } = client(pending());
    const controller = new AbortController();
    const promise = flux.wait(job(), { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(700);
    controller.abort();
    expect(await promise).toBeInstanceOf(FluxAbortError);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(f.calls).toHaveLength(1);
  });
});

describe("concurrency slots", () => {
  it("are released when a poll answers 404 for the task", async () => {
    const f = fakeFetch(submitted(), json({ detail: "Not Found" }, 404));
    const flux = createFluxClient({ fetch: f.fetch, retry: false });
    const submittedJob = await flux.submit("flux-2-pro", { prompt: "x" });
    expect(flux.limiter.active).toBe(1);
    await expect(flux.getResult(submittedJob)).rejects.toBeInstanceOf(FluxTaskNotFoundError);
    expect(flux.limiter.active).toBe(0);
  });
});

describe("concurrency slots of a long wait", () => {
  it("a wait with a longer timeout than poll.timeoutMs keeps the task's slot until it ends", async () => {
    const f = fakeFetch(submitted(), ...Array.from({ length: 9 }, () => pending()), ready());
    const flux = createFluxClient({
      fetch: f.fetch,
      maxConcurrent: 1,
      poll: { policy: fixedPolling(500), timeoutMs: 2_000 },
    });
    const submittedJob = await flux.submit("flux-2-pro", { prompt: "x" });
    const waiting = flux.wait(submittedJob, { timeoutMs: 60_000 });
    await vi.advanceTimersByTimeAsync(3_000); // past poll.timeoutMs, the task still pending
    expect(flux.limiter.active).toBe(1);
    await vi.advanceTimersByTimeAsync(2_500);
    await expect(waiting).resolves.toMatchObject({ id: "task-1" });
    expect(flux.limiter.active).toBe(0);
  });
});

describe("generate", () => {
  it("submits once, reports the job, then waits", async () => {
    const f = fakeFetch(submitted(), pending(), ready());
    const flux = createFluxClient({ apiKey: KEY, fetch: f.fetch, poll: { policy: fixedPolling(500) } });
    const onSubmitted = vi.fn();
    const promise = flux.generate("flux-2-pro", { prompt: "a fox" }, { onSubmitted });
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(promise).resolves.toMatchObject({ id: "task-1" });
    expect(onSubmitted).toHaveBeenCalledWith(expect.objectContaining({ id: "task-1", model: "flux-2-pro" }));
    expect(f.calls.filter((c) => c.method === "POST")).toHaveLength(1);
  });

  it("releases the concurrency slot when the task ends", async () => {
    const f = fakeFetch(submitted(), ready());
    const flux = createFluxClient({ fetch: f.fetch, poll: { policy: fixedPolling(500) } });
    const promise = flux.generate("flux-kontext-max", { prompt: "x" });
    await vi.advanceTimersByTimeAsync(10);
    expect(flux.limiter.activeFor("flux-kontext-max")).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    await promise;
    expect(flux.limiter.active).toBe(0);
  });
});
