import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FluxAbortError, FluxTimeoutError } from "../errors/FluxError";
import { fakeFetch, hang, pending, readySample, submitted } from "../../test/fakeFetch";
import { createFluxClient } from "./createFluxClient";
import { fixedPolling } from "./polling";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("abort at every stage leaves no timer and no request", () => {
  it("while queued behind the concurrency cap: no request is ever sent", async () => {
    const f = fakeFetch(submitted("a"), submitted("b"));
    const flux = createFluxClient({ fetch: f.fetch, maxConcurrent: 1 });
    await flux.submit("flux-2-pro", { prompt: "first" });
    const controller = new AbortController();
    const queued = flux
      .submit("flux-2-pro", { prompt: "second" }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    expect(flux.limiter.queued).toBe(1);
    controller.abort();
    expect(await queued).toBeInstanceOf(FluxAbortError);
    expect(f.calls).toHaveLength(1);
    expect(flux.limiter.queued).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("before anything started: rejects at once", async () => {
    const f = fakeFetch(submitted());
    const controller = new AbortController();
    controller.abort();
    const flux = createFluxClient({ fetch: f.fetch });
    await expect(
      flux.submit("flux-2-pro", { prompt: "x" }, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(FluxAbortError);
    await expect(flux.wait("t", { signal: controller.signal })).rejects.toBeInstanceOf(FluxAbortError);
    expect(f.calls).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("during a 429 back-off before a re-submit", async () => {
    const f = fakeFetch(
      () =>
        new Response(JSON.stringify({ detail: "busy" }), { status: 429, headers: { "retry-after": "30" } }),
    );
    const controller = new AbortController();
    const flux = createFluxClient({ fetch: f.fetch });
    const promise = flux
      .submit("flux-2-pro", { prompt: "x" }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    expect(await promise).toBeInstanceOf(FluxAbortError);
    expect(f.calls).toHaveLength(1);
    expect(flux.limiter.active).toBe(0);
    // the limiter's pause holds no timer while nobody waits
    expect(vi.getTimerCount()).toBe(0);
  });

  it("during a download", async () => {
    const f = fakeFetch(hang);
    const controller = new AbortController();
    const promise = createFluxClient({ fetch: f.fetch })
      .download(readySample(), { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect(await promise).toBeInstanceOf(FluxAbortError);
    expect(f.inFlight).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("while a download's body streams: a FluxAbortError, not the runtime's own", async () => {
    expect(await abortedMidImage(10)).toBeInstanceOf(FluxAbortError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("during generate's wait: the submit stands (the job was reported), polling stops", async () => {
    const f = fakeFetch(submitted(), pending());
    const controller = new AbortController();
    const onSubmitted = vi.fn();
    const flux = createFluxClient({ fetch: f.fetch, poll: { policy: fixedPolling(500) } });
    const promise = flux
      .generate("flux-2-pro", { prompt: "x" }, { signal: controller.signal, onSubmitted })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_200);
    controller.abort();
    expect(await promise).toBeInstanceOf(FluxAbortError);
    expect(onSubmitted).toHaveBeenCalledTimes(1);
    const calls = f.calls.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.calls).toHaveLength(calls);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("nextPollDelay", () => {
  it("follows the policy until a terminal snapshot, then says stop", async () => {
    const f = fakeFetch(pending("t", 0.5));
    const flux = createFluxClient({ fetch: f.fetch, poll: { policy: fixedPolling(700) } });
    const job = { id: "t", model: "flux-2-pro", submittedAt: Date.now() };
    expect(flux.nextPollDelay(job, undefined, 0)).toBe(700);
    const snapshot = await flux.getResult(job);
    expect(flux.nextPollDelay(job, snapshot, 1)).toBe(700);
    expect(flux.nextPollDelay(job, { ...snapshot, terminal: true }, 2)).toBe(false);
  });
});

describe("a download is held to the request deadline, and its failures are FluxErrors", () => {
  it("a delivery host that never answers: FluxTimeoutError after timeoutMs", async () => {
    const f = fakeFetch(hang);
    const outcome = createFluxClient({ fetch: f.fetch, timeoutMs: 5_000, retry: false })
      .download(readySample())
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await outcome).toBeInstanceOf(FluxTimeoutError);
    expect(f.inFlight).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an image that keeps coming on a slow link is read past timeoutMs, and only an abort stops it", async () => {
    // 4 chunks, one every 2 s: 8 s for an image, against a 5 s request deadline
    const trickle = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          async start(stream) {
            for (let i = 0; i < 4; i++) {
              await new Promise((resolve) => setTimeout(resolve, 2_000));
              stream.enqueue(new Uint8Array([i]));
            }
            stream.close();
          },
        }),
      );
    const download = createFluxClient({
      fetch: fakeFetch(trickle).fetch,
      timeoutMs: 5_000,
      retry: false,
    }).download(readySample());
    await vi.advanceTimersByTimeAsync(8_000);
    await expect(download).resolves.toMatchObject({ bytes: new Uint8Array([0, 1, 2, 3]) });
    // stalled long past the deadline: still going, until the caller aborts
    expect(await abortedMidImage(60_000, 5_000)).toBeInstanceOf(FluxAbortError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a connection reset mid-image: a network FluxError, retried as reads are", async () => {
    const reset = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start: (stream) => {
            stream.enqueue(new Uint8Array(8));
            stream.error(new TypeError("terminated"));
          },
        }),
      );
    const f = fakeFetch(reset, reset, () => new Response(new Uint8Array([1, 2, 3])));
    const download = createFluxClient({ fetch: f.fetch, retry: { baseDelayMs: 10 } }).download(readySample());
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(download).resolves.toMatchObject({ bytes: new Uint8Array([1, 2, 3]) });
    const failing = fakeFetch(reset);
    const failed = createFluxClient({ fetch: failing.fetch, retry: false })
      .download(readySample())
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    expect(await failed).toMatchObject({ name: "FluxError", code: "network" });
  });
});

/** What a download rejects with when its image stalls after the first bytes and the caller aborts after `waitMs`. */
async function abortedMidImage(waitMs: number, timeoutMs?: number): Promise<unknown> {
  const controller = new AbortController();
  const f = fakeFetch(
    (call) => new Response(stalledBody(call.signal), { headers: { "content-type": "image/jpeg" } }),
  );
  const outcome = createFluxClient({ fetch: f.fetch, ...(timeoutMs === undefined ? {} : { timeoutMs }) })
    .download(readySample(), { signal: controller.signal })
    .catch((e: unknown) => e);
  await vi.advanceTimersByTimeAsync(waitMs);
  controller.abort();
  return outcome;
}

/** An image body that sends a first chunk, then nothing, until `signal` aborts the request. */
function stalledBody(signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(stream) {
      stream.enqueue(new Uint8Array(16));
      signal?.addEventListener(
        "abort",
        () => stream.error(new DOMException("This operation was aborted", "AbortError")),
        {
          once: true,
        },
      );
    },
  });
}
