import { describe, expect, it } from "vitest";
import { errorFromResponse } from "./errorFromResponse";
import {
  FluxAuthError,
  FluxError,
  FluxRateLimitError,
  FluxTimeoutError,
  FluxValidationError,
} from "./FluxError";
import { PROXY_ERROR_CODES, PROXY_ERROR_STATUS, type ProxyErrorCode } from "./proxyErrorCodes";
import * as internal from "../internal";

const refusal = (code: string, detail?: string) => (detail === undefined ? { code } : { detail, code });

describe("the proxy's error codes", () => {
  it("are one list with one status each, shared through core/internal", () => {
    expect(PROXY_ERROR_CODES).toEqual([
      "unauthenticated",
      "forbidden",
      "model_not_enabled",
      "origin_not_allowed",
      "client_limit",
      "misconfigured",
      "body_too_large",
      "body_timeout",
      "invalid_body",
      "hook_failed",
      "upstream_unreachable",
      "upstream_timeout",
      "store_unavailable",
    ]);
    expect(Object.isFrozen(PROXY_ERROR_CODES)).toBe(true);
    expect(PROXY_ERROR_STATUS.client_limit).toBe(429);
    expect(internal.PROXY_ERROR_CODES).toBe(PROXY_ERROR_CODES);
    expect(internal.PROXY_ERROR_STATUS).toBe(PROXY_ERROR_STATUS);
  });

  it("count only when known: anything else in `code` is ignored", () => {
    for (const code of ["FORBIDDEN", "toString", "__proto__", "constructor", 403, null, ["forbidden"]]) {
      const error = errorFromResponse({ status: 403, body: { detail: "No.", code } });
      expect(error.code, JSON.stringify(code)).toBe("auth");
    }
    expect(errorFromResponse({ status: 500, body: "misconfigured" }).code).toBe("server");
  });
});

describe("errorFromResponse: 401/403", () => {
  it("without a proxy code is BFL's own answer: the API key", () => {
    for (const status of [401, 403]) {
      const error = errorFromResponse({
        status,
        body: { detail: "Not authenticated - Invalid Authentication" },
      });
      expect(error).toBeInstanceOf(FluxAuthError);
      expect(error.code).toBe("auth");
      expect(error.message).toMatch(/API key/);
    }
    expect(errorFromResponse({ status: 403, body: null }).message).toMatch(/BFL_API_KEY/);
  });

  it.each([
    ["unauthenticated", 401, /^Sign in to generate images\.$/],
    ["forbidden", 403, /not allowed to generate images/],
    ["model_not_enabled", 403, /model is not enabled on this server/],
    ["origin_not_allowed", 403, /add its origin to allowedOrigins/],
  ] as const)("%s (%i) → FluxAuthError with that code and its own message", (code, status, message) => {
    const error = errorFromResponse({ status, body: refusal(code) });
    expect(error).toBeInstanceOf(FluxAuthError);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/API key|BFL_API_KEY/);
    expect(error.isRetryable).toBe(false);
  });

  it("takes the proxy's own sentence as the message when it sent one", () => {
    const error = errorFromResponse({ status: 403, body: refusal("forbidden", "Your trial has ended.") });
    expect(error).toMatchObject({ code: "forbidden", message: "Your trial has ended." });
  });

  it("ignores an unknown code: still BFL's key problem", () => {
    for (const code of ["not_a_code", "Unauthenticated", ""]) {
      const error = errorFromResponse({ status: 401, body: refusal(code, "nope") });
      expect(error).toBeInstanceOf(FluxAuthError);
      expect(error.code).toBe("auth");
      expect(error.message).toMatch(/Check the API key/);
    }
  });
});

describe("errorFromResponse: the other proxy codes", () => {
  it("client_limit → FluxRateLimitError scoped to this client, with Retry-After", () => {
    const error = errorFromResponse({
      status: 429,
      body: refusal("client_limit", "Too many"),
      retryAfterMs: 5_000,
    });
    expect(error).toBeInstanceOf(FluxRateLimitError);
    expect(error).toMatchObject({ code: "rate_limited", scope: "client", retryAfterMs: 5_000 });
    expect(error.message).toMatch(/for this client on the server.*5 s/);
  });

  it("BFL's own 429 is the account's limit", () => {
    const error = errorFromResponse({ status: 429, body: { detail: "Too many active tasks" } });
    expect(error).toMatchObject({ code: "rate_limited", scope: "account" });
  });

  it("misconfigured → code misconfigured, not retryable, says the server is not set up", () => {
    const bare = errorFromResponse({ status: 500, body: refusal("misconfigured") });
    expect(bare).toBeInstanceOf(FluxError);
    expect(bare.code).toBe("misconfigured");
    expect(bare.isRetryable).toBe(false);
    expect(bare.message).toMatch(/not set up on this server/);
    const said = errorFromResponse({
      status: 500,
      body: refusal("misconfigured", "BFL_API_KEY is not set."),
    });
    expect(said.message).toBe("BFL_API_KEY is not set.");
  });

  it("body_too_large (413) → a body-wide validation error", () => {
    const error = errorFromResponse({ status: 413, body: refusal("body_too_large", "Larger than 10 MB.") });
    expect(error).toBeInstanceOf(FluxValidationError);
    expect((error as FluxValidationError).fieldErrors).toEqual([
      { path: "", message: "Larger than 10 MB.", type: "body_too_large" },
    ]);
    // a 413 from anything else in front of the server means the same
    expect(errorFromResponse({ status: 413, body: "" }).message).toMatch(/too large/);
  });

  it("body_timeout (408) → a retryable request timeout", () => {
    const error = errorFromResponse({ status: 408, body: refusal("body_timeout", "Too slow.") });
    expect(error).toBeInstanceOf(FluxTimeoutError);
    expect(error).toMatchObject({ code: "timeout", phase: "request", status: 408, isRetryable: true });
  });

  it.each([
    ["invalid_body", 400, "validation"],
    ["hook_failed", 500, "server"],
    ["upstream_unreachable", 502, "server"],
    ["upstream_timeout", 504, "server"],
    ["store_unavailable", 503, "server"],
  ] as const)("%s (%i) → code %s", (code: ProxyErrorCode, status, expected) => {
    expect(errorFromResponse({ status, body: refusal(code, "Said.") }).code).toBe(expected);
  });

  it("keeps Retry-After on any answer (a 503 too)", () => {
    const error = errorFromResponse({ status: 503, body: null, retryAfterMs: 2_000 });
    expect(error).toMatchObject({ code: "server", retryAfterMs: 2_000 });
  });
});
