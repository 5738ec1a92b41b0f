import { describe, expect, it } from "vitest";
import { adaptivePolling, DurationEstimator, fixedPolling, logNormalHazard } from "./polling";

const policy = adaptivePolling();
const next = (elapsedMs: number, progress?: number, expectedMs = 8_000, spread = 0.35) =>
  policy.nextDelay({ elapsedMs, attempt: 0, progress, expectedMs, spread });

describe("adaptivePolling", () => {
  it("waits long at first, when the task almost certainly is not done", () => {
    expect(next(0)).toBeGreaterThanOrEqual(2_000);
  });

  it("polls densely around the expected finish", () => {
    expect(next(8_000)).toBeLessThan(600);
    expect(next(8_000)).toBeLessThan(next(1_000));
  });

  it("lands its first poll well before the median finish", () => {
    expect(next(0)).toBeLessThanOrEqual(0.75 * 8_000);
  });

  it("backs off for a task stuck far past its estimate", () => {
    expect(next(60_000)).toBeGreaterThan(next(9_000));
  });

  it("stays within its bounds", () => {
    const p = adaptivePolling({ minIntervalMs: 300, maxIntervalMs: 2_000 });
    for (const t of [0, 100, 5_000, 8_000, 20_000, 600_000]) {
      for (const progress of [undefined, 0.1, 0.9, 0.99]) {
        const d = p.nextDelay({ elapsedMs: t, attempt: 0, progress, expectedMs: 8_000, spread: 0.35 });
        expect(d).toBeGreaterThanOrEqual(300);
        expect(d).toBeLessThanOrEqual(2_000);
      }
    }
  });

  it("uses progress: at 50 % after 4 s it aims near 8 s, sooner than with no progress at 10 % after 4 s", () => {
    const half = next(4_000, 0.5);
    const tenth = next(4_000, 0.1, 8_000);
    expect(half).toBeLessThan(tenth);
    expect(4_000 + half).toBeLessThanOrEqual(8_000);
  });

  it("is finite for degenerate inputs", () => {
    for (const d of [next(0, 0), next(1, 1), next(-5), next(8_000, undefined, 0, 0)]) {
      expect(Number.isFinite(d)).toBe(true);
    }
  });
});

describe("logNormalHazard", () => {
  it("is zero before 0 and rises towards the median", () => {
    expect(logNormalHazard(0, 8_000, 0.35)).toBe(0);
    expect(logNormalHazard(4_000, 8_000, 0.35)).toBeLessThan(logNormalHazard(8_000, 8_000, 0.35));
  });

  it("stays finite far in the tail", () => {
    const h = logNormalHazard(10_000_000, 8_000, 0.35);
    expect(Number.isFinite(h)).toBe(true);
    expect(h).toBeGreaterThan(0);
  });
});

describe("fixedPolling", () => {
  it("always answers its interval", () => {
    expect(
      fixedPolling(500).nextDelay({ elapsedMs: 1, attempt: 3, progress: 0.5, expectedMs: 1, spread: 1 }),
    ).toBe(500);
  });
});

describe("DurationEstimator", () => {
  it("starts from the prior and moves towards observations", () => {
    const e = new DurationEstimator(() => 8_000);
    expect(e.estimate("m")).toEqual({ expectedMs: 8_000, spread: 0.35 });
    for (let i = 0; i < 30; i++) e.observe("m", 2_000);
    expect(e.estimate("m").expectedMs).toBeGreaterThan(1_900);
    expect(e.estimate("m").expectedMs).toBeLessThan(2_200);
    expect(e.estimate("other").expectedMs).toBe(8_000);
  });

  it("ignores nonsense durations", () => {
    const e = new DurationEstimator(() => 8_000);
    e.observe("m", -1);
    e.observe("m", Number.NaN);
    e.observe("m", Infinity);
    expect(e.estimate("m").expectedMs).toBe(8_000);
  });
});
