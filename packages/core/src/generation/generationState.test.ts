import { describe, expect, it } from "vitest";
import {
  FluxAbortError,
  FluxGenerationError,
  FluxModerationError,
  FluxTimeoutError,
} from "../errors/FluxError";
import type { FluxJob, FluxResult, FluxTaskSnapshot } from "../client/types";
import { IDLE_GENERATION, reduceGeneration, type FluxGenerationState } from "./generationState";
import { isActiveStatus, isSettledStatus, statusOfError, statusOfSnapshot } from "./generationStatus";

const job: FluxJob = {
  id: "t1",
  pollingUrl: undefined,
  model: "flux-2-pro",
  cost: 3,
  inputMp: null,
  outputMp: 1,
  submittedAt: 1000,
};
const result: FluxResult = {
  id: "t1",
  model: "flux-2-pro",
  url: "https://delivery-eu1.bfl.ai/x/sample.jpeg?se=2030-01-01T00%3A00%3A00Z",
  expiresAt: new Date(5000),
  seed: 1,
  prompt: "p",
  startTime: 1,
  endTime: 2,
  duration: 1,
  cost: 3,
  raw: {},
};
const snap = (over: Partial<FluxTaskSnapshot>): FluxTaskSnapshot => ({
  id: "t1",
  status: "Pending",
  stage: "pending",
  progress: undefined,
  result: undefined,
  error: undefined,
  terminal: false,
  details: null,
  preview: null,
  ...over,
});

function pending(): FluxGenerationState {
  const s = reduceGeneration(IDLE_GENERATION, { type: "submit", at: 1000 });
  return reduceGeneration(s, { type: "submitted", at: 1100, job });
}

describe("reduceGeneration", () => {
  it("walks idle → submitting → pending → ready", () => {
    const submitting = reduceGeneration(IDLE_GENERATION, { type: "submit", at: 1000 });
    expect(submitting.status).toBe("submitting");
    const p = reduceGeneration(submitting, { type: "submitted", at: 1100, job });
    expect(p).toMatchObject({ status: "pending", task: job, elapsedMs: 100 });
    const progressed = reduceGeneration(p, { type: "snapshot", at: 2000, snapshot: snap({ progress: 0.5 }) });
    expect(progressed).toMatchObject({ progress: 0.5, elapsedMs: 1000 });
    const ready = reduceGeneration(progressed, {
      type: "snapshot",
      at: 3000,
      expiresAt: result.expiresAt,
      snapshot: snap({ status: "Ready", result, terminal: true, progress: 1 }),
    });
    expect(ready).toMatchObject({
      status: "ready",
      imageUrl: result.url,
      expiresAt: result.expiresAt,
      progress: 1,
    });
  });

  it("returns the same object for a poll that changes nothing, and for late events", () => {
    const p = reduceGeneration(pending(), { type: "snapshot", at: 2000, snapshot: snap({ progress: 0.3 }) });
    expect(reduceGeneration(p, { type: "snapshot", at: 2500, snapshot: snap({ progress: 0.3 }) })).toBe(p);
    expect(reduceGeneration(p, { type: "snapshot", at: 2500, snapshot: snap({}) })).toBe(p);
    const failed = reduceGeneration(p, { type: "fail", at: 3000, error: new FluxAbortError() });
    expect(reduceGeneration(failed, { type: "snapshot", at: 4000, snapshot: snap({ progress: 0.9 }) })).toBe(
      failed,
    );
    expect(reduceGeneration(failed, { type: "submitted", at: 4000, job })).toBe(failed);
    expect(reduceGeneration(IDLE_GENERATION, { type: "reset" })).toBe(IDLE_GENERATION);
  });

  it("follows FLUX 3's stages with no progress, keeping the last progress, and drops the stage when settled", () => {
    // "pending" from the moment the task exists, so a first Pending poll without progress changes nothing
    const queued = pending();
    expect(queued).toMatchObject({ status: "pending", stage: "pending", progress: undefined });
    expect(reduceGeneration(queued, { type: "snapshot", at: 2000, snapshot: snap({}) })).toBe(queued);
    const watched = reduceGeneration(IDLE_GENERATION, { type: "watch", at: 1000, job });
    expect(watched.stage).toBe("pending");
    const reasoning = reduceGeneration(queued, {
      type: "snapshot",
      at: 30_000,
      snapshot: snap({ status: "Reasoning", stage: "reasoning" }),
    });
    expect(reasoning).toMatchObject({ stage: "reasoning", progress: undefined, elapsedMs: 29_000 });
    const again = snap({ status: "Reasoning", stage: "reasoning" });
    expect(reduceGeneration(reasoning, { type: "snapshot", at: 35_000, snapshot: again })).toBe(reasoning);
    const generating = reduceGeneration(reasoning, {
      type: "snapshot",
      at: 60_000,
      snapshot: snap({ status: "Generating", stage: "generating", progress: 0.2 }),
    });
    expect(generating).toMatchObject({ stage: "generating", progress: 0.2 });
    const silent = reduceGeneration(generating, {
      type: "snapshot",
      at: 61_000,
      snapshot: snap({ status: "Processing", stage: undefined }),
    });
    expect(silent).toMatchObject({ stage: undefined, progress: 0.2 });
    const ready = reduceGeneration(generating, {
      type: "snapshot",
      at: 90_000,
      snapshot: snap({ status: "Ready", stage: undefined, result, terminal: true }),
    });
    expect(ready).toMatchObject({ status: "ready", stage: undefined });
    const timedOut = reduceGeneration(generating, {
      type: "fail",
      at: 90_000,
      error: new FluxTimeoutError("wait"),
    });
    expect(timedOut).toMatchObject({ status: "timed-out", stage: undefined });
  });

  it("maps terminal failures to their status", () => {
    const moderated = new FluxModerationError("request", []);
    const s = reduceGeneration(pending(), {
      type: "snapshot",
      at: 2000,
      snapshot: snap({ error: moderated, terminal: true }),
    });
    expect(s).toMatchObject({ status: "moderated", error: moderated });
    const t = reduceGeneration(pending(), { type: "fail", at: 2000, error: new FluxTimeoutError("wait") });
    expect(t.status).toBe("timed-out");
    const c = reduceGeneration(pending(), { type: "fail", at: 2000, error: new FluxAbortError() });
    expect(c.status).toBe("cancelled");
  });

  it("expires a ready result at its expiry, not before; a persisted image clears the expiry", () => {
    const ready = reduceGeneration(pending(), {
      type: "snapshot",
      at: 3000,
      expiresAt: new Date(5000),
      snapshot: snap({ status: "Ready", result, terminal: true }),
    });
    expect(reduceGeneration(ready, { type: "expire", at: 4999 })).toBe(ready);
    const expired = reduceGeneration(ready, { type: "expire", at: 5000 });
    expect(expired).toMatchObject({ status: "expired", error: { code: "expired" } });
    const kept = reduceGeneration(expired, { type: "image", at: 6000, url: "https://cdn/x.jpeg" });
    expect(kept).toMatchObject({
      status: "ready",
      imageUrl: "https://cdn/x.jpeg",
      expiresAt: undefined,
      error: undefined,
    });
    expect(reduceGeneration(kept, { type: "expire", at: 99_999 })).toBe(kept);
  });

  it("ticks elapsedMs only while active", () => {
    const p = pending();
    expect(reduceGeneration(p, { type: "tick", at: 4000 }).elapsedMs).toBe(3000);
    expect(reduceGeneration(IDLE_GENERATION, { type: "tick", at: 4000 })).toBe(IDLE_GENERATION);
  });
});

describe("status mapping", () => {
  it("maps errors and snapshots", () => {
    expect(statusOfError(new FluxGenerationError("x"))).toBe("failed");
    expect(statusOfError(new FluxModerationError("content", []))).toBe("moderated");
    expect(statusOfError(new FluxTimeoutError("request"))).toBe("failed");
    expect(statusOfSnapshot(snap({}))).toBe("pending");
    expect(statusOfSnapshot(snap({ result, terminal: true }))).toBe("ready");
    expect(isActiveStatus("pending") && isSettledStatus("expired") && !isSettledStatus("idle")).toBe(true);
  });
});
