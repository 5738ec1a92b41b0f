import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FluxAbortError } from "../errors/FluxError";
import { ConcurrencyLimiter, type Lease } from "./limiter";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const limiter = (max = 3, caps: Record<string, number> = { small: 1 }) =>
  new ConcurrencyLimiter({ maxConcurrent: max, modelCap: (m) => caps[m] ?? Infinity });

describe("ConcurrencyLimiter", () => {
  it("grants up to the global cap, then queues", async () => {
    const l = limiter(2);
    const a = await l.acquire("m");
    await l.acquire("m");
    let third: Lease | undefined;
    void l.acquire("m").then((x) => (third = x));
    await vi.advanceTimersByTimeAsync(0);
    expect(third).toBeUndefined();
    expect(l.queued).toBe(1);
    a.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(third).toBeDefined();
    expect(l.active).toBe(2);
  });

  it("enforces a per-model cap without blocking other models", async () => {
    const l = limiter(5, { small: 1 });
    await l.acquire("small");
    const order: string[] = [];
    void l.acquire("small").then(() => order.push("small-2"));
    void l.acquire("big").then(() => order.push("big"));
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(["big"]);
    expect(l.activeFor("small")).toBe(1);
  });

  it("is FIFO: waiters are served in arrival order", async () => {
    const l = limiter(1);
    const first = await l.acquire("m");
    const order: number[] = [];
    const leases: Lease[] = [];
    for (const n of [1, 2, 3]) void l.acquire("m").then((x) => (order.push(n), leases.push(x)));
    first.release();
    await vi.advanceTimersByTimeAsync(0);
    leases[0]?.release();
    await vi.advanceTimersByTimeAsync(0);
    leases[1]?.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual([1, 2, 3]);
  });

  it("a release is idempotent, and a lease says whether it is still held", async () => {
    const l = limiter(2);
    const a = await l.acquire("m");
    expect(a.held).toBe(true);
    a.release();
    a.release();
    expect(l.active).toBe(0);
    expect(a.held).toBe(false);
    const lapsing = await l.acquire("m", undefined, 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(lapsing.held).toBe(false);
  });

  it("an abort while queued leaves the queue and frees nothing else", async () => {
    const l = limiter(1);
    await l.acquire("m");
    const controller = new AbortController();
    const queued = l.acquire("m", controller.signal).catch((e: unknown) => e);
    controller.abort();
    expect(await queued).toBeInstanceOf(FluxAbortError);
    expect(l.queued).toBe(0);
    expect(l.active).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("pause() holds grants until it ends", async () => {
    const l = limiter(5);
    l.pause(2_000);
    let granted = false;
    void l.acquire("m").then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("leaves no timer once the queue is empty, even with lapsing leases", async () => {
    const l = limiter(1);
    const first = await l.acquire("m", undefined, 300_000);
    const second = l.acquire("m", undefined, 300_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1); // the waiter's wake-up at the first lease's lapse
    first.release();
    (await second).release();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an extended lease holds its slot past its ttl; a lapsed one cannot be revived", async () => {
    const l = limiter(1);
    const lease = await l.acquire("m", undefined, 10_000);
    lease.extend(Date.now() + 30_000);
    lease.extend(Date.now() + 5_000); // never shortens
    let granted = false;
    void l.acquire("m").then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(granted).toBe(false);
    expect(lease.held).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toBe(true);
    expect(lease.held).toBe(false);
    lease.extend(Date.now() + 60_000);
    expect(lease.held).toBe(false);
  });

  it("a lease nobody releases lapses after its ttl, waking a waiter", async () => {
    const l = limiter(1);
    await l.acquire("m", undefined, 10_000);
    let granted = false;
    void l.acquire("m").then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toBe(true);
  });

  it("a lease whose ttl is past setTimeout's longest wakes no one early, and arms no timer over and over", async () => {
    const l = limiter(1);
    await l.acquire("m", undefined, 30 * 24 * 60 * 60_000);
    const armed = vi.spyOn(globalThis, "setTimeout");
    let granted = false;
    void l.acquire("m").then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(granted).toBe(false);
    // one wake-up, in steps of at most 24.8 days: not one every millisecond
    expect(armed.mock.calls.length).toBeLessThanOrEqual(2);
    armed.mockRestore();
  });
});
