import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signWebhook } from "./signWebhook";
import { verifyWebhook } from "./verifyWebhook";

describe("signWebhook", () => {
  it("produces X-BFL-Signature: sha256=<lower-case hex> equal to Node's HMAC", async () => {
    const body = '{"id":"t","status":"Ready"}';
    const headers = await signWebhook({ body, secret: "k" });
    expect(headers).toEqual({
      "X-BFL-Signature": `sha256=${createHmac("sha256", "k").update(body).digest("hex")}`,
    });
  });

  it("sends the secret itself for the shared-secret scheme", async () => {
    expect(await signWebhook({ body: "{}", secret: "k", scheme: "shared-secret" })).toEqual({
      "X-Webhook-Secret": "k",
    });
  });

  it("adds X-BFL-Timestamp in unix seconds from a Date or from ms", async () => {
    const at = Date.parse("2026-01-02T03:04:05.678Z");
    for (const timestamp of [at, new Date(at)]) {
      const headers = await signWebhook({ body: "{}", secret: "k", timestamp });
      expect(headers["X-BFL-Timestamp"]).toBe(String(Math.floor(at / 1000)));
    }
  });

  it("rejects an empty secret or an invalid timestamp", async () => {
    await expect(signWebhook({ body: "{}", secret: "" })).rejects.toThrow(TypeError);
    await expect(signWebhook({ body: "{}", secret: "k", timestamp: new Date("nope") })).rejects.toThrow(
      TypeError,
    );
  });

  it("round-trips through verifyWebhook for any body, secret and scheme, matching Node's HMAC", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.uint8Array({ maxLength: 256 })),
        fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s.length > 0),
        fc.constantFrom("hmac-sha256" as const, "shared-secret" as const),
        async (body, secret, scheme) => {
          const now = 1_770_000_000_000;
          const headers = await signWebhook({ body, secret, scheme, timestamp: now });
          const result = await verifyWebhook({ rawBody: body, headers, secret, now: () => now });
          expect(result).toMatchObject({ ok: true, scheme });
          if (scheme === "hmac-sha256") {
            const expected = createHmac("sha256", secret).update(body).digest("hex");
            expect(headers["X-BFL-Signature"]).toBe(`sha256=${expected}`);
          }
          const wrong = await verifyWebhook({ rawBody: body, headers, secret: `${secret}!`, now: () => now });
          expect(wrong).toMatchObject({ ok: false, reason: "bad_signature" });
        },
      ),
      { numRuns: 60 },
    );
  });
});
