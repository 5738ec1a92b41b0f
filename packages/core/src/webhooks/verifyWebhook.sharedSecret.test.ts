import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyWebhook } from "./verifyWebhook";

const secret = "s3cr3t-webhook-value";
const body = JSON.stringify({ task_id: "abc", status: "FAILED", error: "boom" });

describe("verifyWebhook, scheme shared-secret (X-Webhook-Secret)", () => {
  it("accepts the secret itself", async () => {
    const result = await verifyWebhook({ rawBody: body, headers: { "X-Webhook-Secret": secret }, secret });
    expect(result).toEqual({ ok: true, scheme: "shared-secret" });
  });

  it("tolerates surrounding whitespace in the header", async () => {
    const result = await verifyWebhook({
      rawBody: body,
      headers: { "x-webhook-secret": `  ${secret} ` },
      secret,
    });
    expect(result.ok).toBe(true);
  });

  it("rejects a wrong secret, a prefix of it, and a longer value", async () => {
    for (const value of ["wrong", secret.slice(0, -1), `${secret}x`, secret.toUpperCase()]) {
      const result = await verifyWebhook({ rawBody: body, headers: { "x-webhook-secret": value }, secret });
      expect(result, value).toMatchObject({ ok: false, reason: "bad_signature" });
      if (!result.ok) {
        expect(result.message).not.toContain(secret);
        expect(result.message).not.toContain(value);
      }
    }
  });

  it("does not depend on the body (it signs nothing)", async () => {
    const result = await verifyWebhook({
      rawBody: "anything",
      headers: { "x-webhook-secret": secret },
      secret,
    });
    expect(result.ok).toBe(true);
  });

  it("is refused when `schemes` is hmac-sha256 only", async () => {
    const result = await verifyWebhook({
      rawBody: body,
      headers: { "x-webhook-secret": secret },
      secret,
      schemes: ["hmac-sha256"],
    });
    expect(result).toMatchObject({ ok: false, reason: "missing_signature" });
  });

  it("accepts either header when both are sent and one of them is right", async () => {
    const sig = createHmac("sha256", secret).update(body).digest("hex");
    const goodHmac = await verifyWebhook({
      rawBody: body,
      headers: { "x-bfl-signature": `sha256=${sig}`, "x-webhook-secret": "wrong" },
      secret,
    });
    expect(goodHmac).toMatchObject({ ok: true, scheme: "hmac-sha256" });
    const goodShared = await verifyWebhook({
      rawBody: body,
      headers: { "x-bfl-signature": "sha256=nothex", "x-webhook-secret": secret },
      secret,
    });
    expect(goodShared).toMatchObject({ ok: true, scheme: "shared-secret" });
    const neither = await verifyWebhook({
      rawBody: body,
      headers: { "x-bfl-signature": "sha256=nothex", "x-webhook-secret": "wrong" },
      secret,
    });
    expect(neither).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("matches any configured secret during rotation", async () => {
    const result = await verifyWebhook({
      rawBody: body,
      headers: { "x-webhook-secret": "new" },
      secret: ["old", "new"],
    });
    expect(result.ok).toBe(true);
  });
});
