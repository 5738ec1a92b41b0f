import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  FluxAuthError,
  FluxCreditsError,
  FluxError,
  FluxTaskNotFoundError,
  FluxTimeoutError,
  FluxValidationError,
} from "../errors/FluxError";
import {
  fakeFetch,
  hang,
  json,
  netError,
  pending,
  ready,
  submitted,
  type Responder,
} from "../../test/fakeFetch";
import { createFluxClient } from "./createFluxClient";
import { fixedPolling } from "./polling";
import type { FluxClientOptions, FluxJob } from "./types";

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const job = (): FluxJob => ({
  id: "task-1",
  pollingUrl: "https://api.eu2.bfl.ai/v1/get_result?id=task-1",
  model: "flux-2-pro",
  cost: 3,
  inputMp: 0,
  outputMp: 1,
  submittedAt: Date.now(),
});

const times = (n: number, responder: Responder) => Array.from({ length: n }, () => responder);
const unavailable = (retryAfterS?: number) =>
  json(
    { detail: "Service Unavailable" },
    503,
    retryAfterS === undefined ? {} : { "retry-after": String(retryAfterS) },
  );
const malformed: Responder = () => new Response("<html>502 Bad Gateway</html>", { status: 200 });

function client(script: Responder[], options: FluxClientOptions = {}) {
  const f = fakeFetch(...script);
  const flux = createFluxClient({ fetch: f.fetch, poll: { policy: fixedPolling(500) }, ...options });
  return { f, flux };
}

/** Settles `promise` (to its value or its error) while moving fake time on in steps of `stepMs`, at most `maxMs`. */
async function settle(promise: Promise<unknown>, maxMs = 300_000, stepMs = 1_000): Promise<unknown> {
  let done = false;
  const outcome = promise.then(
    (value) => value,
    (error: unknown) => error,
  );
  void outcome.finally(() => (done = true));
  for (let spent = 0; !done && spent < maxMs; spent += stepMs) await vi.advanceTimersByTimeAsync(stepMs);
  return outcome;
}

describe("wait() keeps a task pending through retryable poll failures", () => {
  it("20 consecutive 503s (some with Retry-After), then Ready: the result is returned", async () => {
    const storm = Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? unavailable(2) : unavailable()));
    const { f, flux } = client([...storm, ready()]);
    const result = await settle(flux.wait(job()));
    expect(result).toMatchObject({ id: "task-1", seed: 42 });
    expect(f.calls).toHaveLength(21);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a 429 storm, then Ready", async () => {
    const { f, flux } = client([
      ...times(30, json({ detail: "Too many" }, 429, { "retry-after": "1" })),
      ready(),
    ]);
    await expect(settle(flux.wait(job()))).resolves.toMatchObject({ id: "task-1" });
    expect(f.calls).toHaveLength(31);
  });

  it("connection resets, request timeouts and unreadable bodies, then Ready", async () => {
    const { f, flux } = client(
      [
        ...times(8, netError("ECONNRESET")),
        pending(),
        ...times(2, hang),
        ...times(3, malformed),
        json({ id: "task-1", status: "Ready", result: {} }), // Ready without a sample: unreadable too
        json({ detail: "timeout" }, 408),
        ready(),
      ],
      { timeoutMs: 2_000 },
    );
    await expect(settle(flux.wait(job()))).resolves.toMatchObject({ id: "task-1" });
    expect(f.calls).toHaveLength(17);
    expect(f.inFlight).toBe(0);
  });

  it("honours Retry-After on a 503 between polls, too", async () => {
    // no read retries inside a poll: the wait itself backs off by what the server asked
    const { f, flux } = client([unavailable(4), ready()], { retry: { retries: 0 } });
    const promise = flux.wait(job());
    await vi.advanceTimersByTimeAsync(500);
    expect(f.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3_990);
    expect(f.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(f.calls).toHaveLength(2);
    await expect(promise).resolves.toMatchObject({ id: "task-1" });
  });

  it("backs off during a long failure run: far fewer polls than at the normal pace", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5); // the jitter, pinned: each wait is half its ceiling
    const { f, flux } = client([unavailable()], {
      retry: { retries: 0, baseDelayMs: 1_000, maxDelayMs: 8_000 },
    });
    const error = await settle(flux.wait(job(), { timeoutMs: 120_000 }));
    expect(error).toBeInstanceOf(FluxTimeoutError);
    // at 500 ms a poll, 120 s would be 240 polls; backing off 0.5, 1, 2, then 4 s (half the 8 s cap) is ~33
    expect(f.calls.length).toBeGreaterThan(25);
    expect(f.calls.length).toBeLessThan(40);
  });

  it("a deadline reached during a failure run ends with FluxTimeoutError (wait) that says the task may still finish", async () => {
    const { f, flux } = client([pending(), unavailable()]);
    const error = await settle(flux.wait(job(), { timeoutMs: 20_000 }), 60_000);
    expect(error).toBeInstanceOf(FluxTimeoutError);
    expect(error).toMatchObject({ phase: "wait", taskId: "task-1" });
    expect((error as FluxError).message).toMatch(/may still finish/);
    expect((error as FluxError).cause).toMatchObject({ code: "server", status: 503 });
    const calls = f.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.calls).toHaveLength(calls);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("generate() rides out the same failures: submit once, then the result", async () => {
    const { f, flux } = client([submitted(), ...times(12, unavailable()), ready()]);
    await expect(settle(flux.generate("flux-2-pro", { prompt: "a fox" }))).resolves.toMatchObject({
      id: "task-1",
    });
    expect(f.calls.filter((c) => c.method === "POST")).toHaveLength(1);
    expect(flux.limiter.active).toBe(0);
  });
});

describe("wait() still ends at once on a final failure", () => {
  it.each([
    ["401", json({ detail: "Not authenticated" }, 401), FluxAuthError],
    ["403", json({ detail: "Forbidden" }, 403), FluxAuthError],
    ["a proxy's unauthenticated", json({ detail: "Sign in", code: "unauthenticated" }, 401), FluxAuthError],
    ["402", json({ detail: "No credits" }, 402), FluxCreditsError],
    ["404 for the task", json({ detail: "Not Found" }, 404), FluxTaskNotFoundError],
    ["422", json({ detail: [{ loc: ["query", "id"], msg: "bad", type: "x" }] }, 422), FluxValidationError],
  ])("%s", async (_name, responder, ErrorClass) => {
    const { f, flux } = client([pending(), responder, ready()]);
    const error = await settle(flux.wait(job()), 10_000, 100);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(f.calls).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("and on the first failure of any kind when retries are off (retry: false)", async () => {
    const { f, flux } = client([unavailable(), ready()], { retry: false });
    const error = await settle(flux.wait(job()), 10_000, 100);
    expect(error).toMatchObject({ code: "server", status: 503 });
    expect(f.calls).toHaveLength(1);
  });
});

describe("nextPollDelay after a failed poll", () => {
  const flux = createFluxClient({ poll: { policy: fixedPolling(500) }, retry: { maxDelayMs: 10_000 } });
  const server = (retryAfterMs?: number) => new FluxError("server", "503", { status: 503, retryAfterMs });

  it("is at least the normal delay, grows with the run of failures and stays capped", () => {
    for (let failures = 1; failures <= 30; failures++) {
      const delay = flux.nextPollDelay(job(), undefined, 3, { error: server(), failures });
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(10_000);
    }
  });

  it("honours Retry-After, capped at retry.maxDelayMs", () => {
    expect(flux.nextPollDelay(job(), undefined, 3, { error: server(7_000), failures: 1 })).toBe(7_000);
    expect(flux.nextPollDelay(job(), undefined, 3, { error: server(60_000), failures: 1 })).toBe(10_000);
  });

  it("is false for a final failure", () => {
    for (const error of [new FluxAuthError(), new FluxCreditsError(), new FluxTaskNotFoundError("t")]) {
      expect(flux.nextPollDelay(job(), undefined, 3, { error, failures: 1 })).toBe(false);
    }
  });
});
