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

it("keeps its claim while slow work outlives the lease: another instance waits instead of running it again", async () => {
  const store = createMemoryStore();
  const LEASE = 300_000;
  let finish!: (value: string) => void;
  const work = vi.fn(() => new Promise<string>((resolve) => (finish = resolve)));
  // this instance's run: the work takes 12 minutes, over two leases
  const first = runOnce(store, new Map(), "k", { leaseMs: LEASE, ttlMs: 3_600_000 }, work, () => undefined);
  await vi.advanceTimersByTimeAsync(11 * 60_000 + 55_000);
  // another instance (its own in-flight map) asks for the same key 5 s before the work ends
  const other = vi.fn(() => Promise.resolve("other"));
  const second = runOnce(store, new Map(), "k", { leaseMs: LEASE, ttlMs: 3_600_000 }, other, () => undefined);
  await vi.advanceTimersByTimeAsync(5_000);
  finish("mine");
  await vi.advanceTimersByTimeAsync(1_000);
  expect(await first).toEqual({ value: "mine", ran: true });
  expect(await second).toEqual({ value: "mine", ran: false });
  expect(work).toHaveBeenCalledTimes(1);
  expect(other).not.toHaveBeenCalled();
  // no renewal timer is left once the work is done
  expect(vi.getTimerCount()).toBe(0);
});
