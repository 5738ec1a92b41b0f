import { describe, expect, it } from "vitest";
import {
  adaptivePolling,
  defaultWaitTimeoutMs,
  DurationEstimator,
  fixedPolling,
  logNormalHazard,
} from "./polling";

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

  it("past three times its estimate, waits at least 5 % of the time beyond that (a log-normal's hazard barely falls)", () => {
    // 7.5 × a 4 s estimate: the hazard alone asks for ~300 ms between polls, 3 a second for a stuck task
    expect(next(30_000, undefined, 4_000)).toBeGreaterThanOrEqual(0.05 * (30_000 - 12_000));
    expect(next(12_000, undefined, 4_000)).toBeLessThan(500); // not yet overdue: as before
    expect(next(600_000, undefined, 90_000)).toBe(5_000); // a FLUX 3 run 10 minutes in: the ceiling
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

  it("uses progress: at 50 % after 4 s it aims before 8 s", () => {
    expect(4_000 + next(4_000, 0.5)).toBeLessThanOrEqual(8_000);
  });

  it("lets late progress decide: 80 % after 8 s means a slower run, about 10 s in all", () => {
    const slower = next(8_000, 0.8);
    expect(slower).toBeGreaterThan(next(8_000)); // no longer due at the estimate's 8 s
    expect(8_000 + slower).toBeLessThanOrEqual(10_000);
  });
});

describe("adaptivePolling: progress 0 and queues", () => {
  it("reads progress 0 (a task in BFL's queue) as no evidence, never as elapsed / 0", () => {
    for (const t of [0, 1_000, 4_000, 8_000, 30_000]) {
      expect(next(t, 0)).toBe(next(t));
      expect(next(t, 0.01)).toBe(next(t));
    }
  });

  it("takes small progress as weak evidence: 10 % after 6 s may follow a queue, not mean a 60 s run", () => {
    // read as 60 s in all, the next poll would be the 5 s ceiling; the estimate still says about 8 s
    const tenth = next(6_000, 0.1);
    expect(tenth).toBeLessThan(1_000);
    expect(tenth).toBeLessThan(2 * next(6_000));
  });
});

describe("adaptivePolling: FLUX 3's minute-long runs (90 s estimate, no progress)", () => {
  const flux3 = (elapsedMs: number) => next(elapsedMs, undefined, 90_000, 0.35);

  it("is sparse early and dense near the likely finish", () => {
    expect(flux3(0)).toBe(5_000);
    expect(flux3(20_000)).toBe(5_000);
    expect(flux3(90_000)).toBeLessThan(2_000);
    expect(flux3(90_000)).toBeLessThan(flux3(45_000) / 2);
  });

  it("polls a 90 s run about 40 times (a fixed 500 ms poller: 180) and never waits past its ceiling", () => {
    let t = 0;
    let polls = 0;
    while (t < 90_000) {
      const wait = flux3(t);
      expect(wait).toBeLessThanOrEqual(5_000);
      expect(wait).toBeGreaterThanOrEqual(250);
      t += wait;
      polls++;
    }
    expect(polls).toBeLessThan(45);
    expect(t - 90_000).toBeLessThan(2_000); // found within one short interval of the finish
  });

  it("keeps polling a run long past its estimate, at most maxIntervalMs apart", () => {
    const p = adaptivePolling({ maxIntervalMs: 3_000 });
    for (let t = 0; t <= 600_000; t += 7_919) {
      const wait = p.nextDelay({
        elapsedMs: t,
        attempt: 0,
        progress: undefined,
        expectedMs: 90_000,
        spread: 0.5,
      });
      expect(wait).toBeLessThanOrEqual(3_000);
    }
  });
});

describe("defaultWaitTimeoutMs", () => {
  it("is 5 minutes for every model before FLUX 3, six typical runs for longer ones", () => {
    expect(defaultWaitTimeoutMs(8_000)).toBe(300_000);
    expect(defaultWaitTimeoutMs(20_000)).toBe(300_000);
    expect(defaultWaitTimeoutMs(50_000)).toBe(300_000);
    expect(defaultWaitTimeoutMs(90_000)).toBe(540_000);
    expect(defaultWaitTimeoutMs(200_000)).toBe(1_200_000);
  });

  it("falls back to 5 minutes for nonsense", () => {
    for (const d of [0, -1, Number.NaN, Infinity]) expect(defaultWaitTimeoutMs(d)).toBe(300_000);
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
