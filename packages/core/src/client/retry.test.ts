import { describe, expect, it } from "vitest";
import { FluxError, FluxRateLimitError } from "../errors/FluxError";
import { backoffDelay, parseRetryAfter, resolveRetry } from "./retry";

describe("parseRetryAfter", () => {
  it("reads delta seconds, retry-after-ms and HTTP dates", () => {
    expect(parseRetryAfter(new Headers({ "retry-after": "3" }))).toBe(3_000);
    expect(parseRetryAfter(new Headers({ "retry-after": "1.5" }))).toBe(1_500);
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "250", "retry-after": "3" }))).toBe(250);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }), now)).toBe(5_000);
  });

  it("is undefined for absent or garbage values", () => {
    expect(parseRetryAfter(new Headers())).toBeUndefined();
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }))).toBeUndefined();
  });
});

describe("backoffDelay", () => {
  const policy = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1_000 });

  it("uses full jitter under an exponentially growing, capped ceiling", () => {
    expect(backoffDelay(0, policy, undefined, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, undefined, () => 1)).toBe(800);
    expect(backoffDelay(10, policy, undefined, () => 1)).toBe(1_000);
    expect(backoffDelay(10, policy, undefined, () => 0)).toBe(0);
  });

  it("honours Retry-After from a rate-limit error, capped", () => {
    expect(backoffDelay(0, policy, new FluxRateLimitError(700))).toBe(700);
    expect(backoffDelay(0, policy, new FluxRateLimitError(60_000))).toBe(1_000);
    expect(backoffDelay(0, policy, new FluxError("server", "x"), () => 0.5)).toBe(50);
  });

  it("retry: false means no retries", () => {
    expect(resolveRetry(false).retries).toBe(0);
  });
});
