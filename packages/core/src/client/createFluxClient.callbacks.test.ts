import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeFetch, json, pending, ready, submitted } from "../../test/fakeFetch";
import { createFluxClient } from "./createFluxClient";
import { fixedPolling } from "./polling";

// A caller's callback that throws must not cost a paid task or a finished result: the call goes on, and the
// callback's error is rethrown in a microtask, where the runtime reports it (caught here to be read).
let reported: unknown[];
beforeEach(() => {
  vi.useFakeTimers();
  reported = [];
  vi.stubGlobal("queueMicrotask", (run: () => void) => {
    try {
      run();
    } catch (error) {
      reported.push(error);
    }
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const thrower = (message: string) => () => {
  throw new Error(message);
};

describe("callbacks that throw", () => {
  it("onSubmitted: the task is still waited for, to its result", async () => {
    const f = fakeFetch(submitted("t1"), pending("t1"), ready("t1"));
    const client = createFluxClient({ fetch: f.fetch, poll: { policy: fixedPolling(1_000) } });
    const result = client.generate(
      "flux-2-pro",
      { prompt: "a fox" },
      { onSubmitted: thrower("analytics down") },
    );
    await vi.advanceTimersByTimeAsync(3_000);
    await expect(result).resolves.toMatchObject({ id: "t1" });
    expect(f.calls.filter((call) => call.method === "POST")).toHaveLength(1);
    expect(reported).toEqual([new Error("analytics down")]);
  });

  it("onUpdate: a Ready snapshot still resolves the wait with its result", async () => {
    const f = fakeFetch(pending("t1"), ready("t1"));
    const client = createFluxClient({ fetch: f.fetch, poll: { policy: fixedPolling(1_000) } });
    const result = client.wait("t1", { onUpdate: thrower("render bug") });
    await vi.advanceTimersByTimeAsync(3_000);
    await expect(result).resolves.toMatchObject({ id: "t1" });
    expect(reported).toEqual([new Error("render bug"), new Error("render bug")]);
  });

  it("onWait: a submit waiting for a slot still goes when one is free", async () => {
    const limited = json({ code: "client_limit", detail: "Too many images" }, 429, { "retry-after": "2" });
    const f = fakeFetch(limited, submitted("t1"));
    const client = createFluxClient({ fetch: f.fetch });
    const job = client.submit("flux-2-pro", { prompt: "a fox" }, { onWait: thrower("toast failed") });
    await vi.advanceTimersByTimeAsync(3_000);
    await expect(job).resolves.toMatchObject({ id: "t1" });
    expect(reported).toEqual([new Error("toast failed")]);
  });
});
