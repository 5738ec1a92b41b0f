import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTimers } from "./timers";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("createTimers", () => {
  it("fires a timer set more than 24.8 days ahead at its time, not at once", async () => {
    const timers = createTimers();
    const fn = vi.fn();
    const days30 = 30 * 24 * 3600 * 1000;
    timers.set("expire", Date.now() + days30, fn);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fn).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(days30 - 2_000);
    expect(fn).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("clears a long timer", async () => {
    const timers = createTimers();
    const fn = vi.fn();
    timers.set("expire", Date.now() + 40 * 24 * 3600 * 1000, fn);
    await vi.advanceTimersByTimeAsync(2 ** 31);
    timers.clearAll();
    expect(vi.getTimerCount()).toBe(0);
  });
});
