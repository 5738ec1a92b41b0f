import { describe, expect, it } from "vitest";
import { WebhookPayloadError } from "../webhooks/WebhookPayloadError";
import { FluxError, FluxModerationError, FluxRateLimitError, FluxValidationError } from "./FluxError";

describe("FluxError.toJSON", () => {
  it("holds the name, the message and every field, a subclass's own included, but not the cause", () => {
    const cause = new Error("socket hang up");
    const plain = new FluxError("server", "BFL answered 503.", { status: 503, requestId: "r1", cause });
    expect(JSON.parse(JSON.stringify(plain))).toEqual({
      name: "FluxError",
      message: "BFL answered 503.",
      code: "server",
      status: 503,
      requestId: "r1",
    });
    const invalid = new FluxValidationError(
      [{ path: "width", message: "too big", type: "less_than_equal" }],
      "local",
    );
    expect(invalid.toJSON()).toMatchObject({
      name: "FluxValidationError",
      code: "validation",
      source: "local",
      fieldErrors: [{ path: "width", message: "too big", type: "less_than_equal" }],
    });
    expect(new FluxModerationError("content", ["Sexual Content"]).toJSON()).toMatchObject({
      stage: "content",
      reasons: ["Sexual Content"],
    });
    expect(new FluxRateLimitError(2_000, undefined, { scope: "client" }).toJSON()).toMatchObject({
      scope: "client",
      retryAfterMs: 2_000,
    });
    expect(new WebhookPayloadError("not a webhook", ["status: expected a string"]).toJSON()).toMatchObject({
      issues: ["status: expected a string"],
    });
    expect(JSON.stringify(plain)).not.toContain("socket hang up");
  });
});

describe("a network error's JSON", () => {
  it("does not carry the transport's own notSent mark", async () => {
    const { createFluxClient } = await import("../client/createFluxClient");
    const refused = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    const client = createFluxClient({ fetch: () => Promise.reject(refused), retry: false });
    const error = (await client.credits().catch((e: unknown) => e)) as FluxError;
    expect(error.code).toBe("network");
    expect(error.toJSON()).not.toHaveProperty("notSent");
  });
});
