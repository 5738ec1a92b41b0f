import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { createMemoryStore } from "../src/store/createMemoryStore";
import { MAX_SETTLE_WAIT_MS, runOnce } from "../src/store/runOnce";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it("gives up waiting on another run's claim after MAX_SETTLE_WAIT_MS, and runs nothing itself", async () => {
  const store = createMemoryStore();
  // another instance holds the claim for five minutes and never settles (it died, or its hook hangs)
  expect(await store.claim("k", "elsewhere", 300_000)).toBeUndefined();
  const work = vi.fn(() => Promise.resolve("mine"));
  const outcome = runOnce(
    store,
    new Map(),
    "k",
    { leaseMs: 300_000, ttlMs: 3_600_000 },
    work,
    () => undefined,
  );
  const settled = expect(outcome).rejects.toThrow(/has held its claim/);
  await vi.advanceTimersByTimeAsync(MAX_SETTLE_WAIT_MS + 1_000);
  await settled;
  expect(work).not.toHaveBeenCalled();
  expect(await store.peek("k")).toEqual({ state: "pending" });
});
