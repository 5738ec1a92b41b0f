import { act } from "@testing-library/react";
import { vi } from "vitest";

/**
 * Moves fake time forward by `ms` one timer at a time; after each timer, `settle` lets the real-time work that
 * timer started finish (a request the mock signs with WebCrypto) before the next timer fires, as on a machine
 * where that work takes no time. One big jump races it instead: on a loaded machine a poll still in flight
 * misses the timers that fall due meanwhile, and a test that passes on a laptop fails in CI.
 */
export async function advanceFakeTime(ms: number, settle: () => Promise<void>): Promise<void> {
  let reached = false;
  // a fake timer of our own at the target: stepping stops there and never passes it
  setTimeout(() => (reached = true), Math.max(0, ms));
  await settle();
  while (!reached) {
    await act(() => vi.advanceTimersToNextTimerAsync());
    await settle();
  }
  // timers due at the target itself that were set after ours
  await act(() => vi.advanceTimersByTimeAsync(0));
  await settle();
}
