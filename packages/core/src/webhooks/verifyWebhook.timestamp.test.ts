import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyWebhook } from "./verifyWebhook";

const secret = "ts-secret";
const NOW = Date.parse("2026-03-01T12:00:00.000Z");
const now = () => NOW;
const sign = (body: string) => ({
  "x-bfl-signature": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
});
const plainBody = JSON.stringify({ task_id: "t", status: "SUCCESS", result: { sample: "https://x/y.png" } });
const skillBody = (timestamp: unknown) =>
  JSON.stringify({ id: "t", status: "Ready", result: { sample: "https://x" }, timestamp });

describe("verifyWebhook replay window", () => {
  it("accepts a delivery with no timestamp at all (documented), and omits `timestamp`", async () => {
    const result = await verifyWebhook({ rawBody: plainBody, headers: sign(plainBody), secret, now });
    expect(result).toEqual({ ok: true, scheme: "hmac-sha256" });
  });

  it("rejects a missing timestamp when requireTimestamp is set", async () => {
    const result = await verifyWebhook({
      rawBody: plainBody,
      headers: sign(plainBody),
      secret,
      now,
      requireTimestamp: true,
    });
    expect(result).toMatchObject({ ok: false, reason: "missing_timestamp" });
  });

  it.each([
    ["unix seconds", String(NOW / 1000 - 60)],
    ["unix seconds with a fraction", String(NOW / 1000 - 60.5)],
    ["unix milliseconds", String(NOW - 60_000)],
    ["ISO 8601", new Date(NOW - 60_000).toISOString()],
  ])("reads an X-BFL-Timestamp header in %s", async (_label, value) => {
    const result = await verifyWebhook({
      rawBody: plainBody,
      headers: { ...sign(plainBody), "X-BFL-Timestamp": value },
      secret,
      now,
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.timestampSource).toBe("header");
      expect(Math.abs((result.timestamp?.getTime() ?? 0) - (NOW - 60_000))).toBeLessThanOrEqual(500);
    }
  });

  it("reads the Standard Webhooks `webhook-timestamp` header too", async () => {
    const result = await verifyWebhook({
      rawBody: plainBody,
      headers: { ...sign(plainBody), "webhook-timestamp": String(NOW / 1000) },
      secret,
      now,
    });
    expect(result).toMatchObject({ ok: true, timestamp: new Date(NOW), timestampSource: "header" });
  });

  it("rejects a header timestamp older than the default 5-minute window", async () => {
    const result = await verifyWebhook({
      rawBody: plainBody,
      headers: { ...sign(plainBody), "x-bfl-timestamp": String(NOW / 1000 - 301) },
      secret,
      now,
    });
    expect(result).toMatchObject({ ok: false, reason: "expired" });
    if (!result.ok) expect(result.message).toMatch(/301 s old/);
  });

  it("accepts exactly at the edge of the window and rejects just past it", async () => {
    const at = (seconds: number) =>
      verifyWebhook({
        rawBody: plainBody,
        headers: { ...sign(plainBody), "x-bfl-timestamp": String(NOW / 1000 - seconds) },
        secret,
        now,
        toleranceMs: 10_000,
      });
    expect((await at(10)).ok).toBe(true);
    expect(await at(11)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("rejects a timestamp too far in the future", async () => {
    const result = await verifyWebhook({
      rawBody: plainBody,
      headers: { ...sign(plainBody), "x-bfl-timestamp": String(NOW / 1000 + 600) },
      secret,
      now,
    });
    expect(result).toMatchObject({ ok: false, reason: "expired" });
    if (!result.ok) expect(result.message).toMatch(/in the future/);
  });

  it("uses the signed payload `timestamp` (skill shape) when no header is sent", async () => {
    const fresh = skillBody(new Date(NOW - 30_000).toISOString());
    const ok = await verifyWebhook({ rawBody: fresh, headers: sign(fresh), secret, now });
    expect(ok).toMatchObject({ ok: true, timestamp: new Date(NOW - 30_000), timestampSource: "payload" });

    const old = skillBody(new Date(NOW - 3_600_000).toISOString());
    expect(await verifyWebhook({ rawBody: old, headers: sign(old), secret, now })).toMatchObject({
      ok: false,
      reason: "expired",
    });
  });

  it("prefers the header timestamp over the payload's", async () => {
    const old = skillBody(new Date(NOW - 3_600_000).toISOString());
    const result = await verifyWebhook({
      rawBody: old,
      headers: { ...sign(old), "x-bfl-timestamp": String(NOW / 1000) },
      secret,
      now,
    });
    expect(result).toMatchObject({ ok: true, timestampSource: "header" });
  });

  it("ignores an unreadable payload timestamp, but rejects an unreadable header as malformed", async () => {
    const weird = skillBody("not a date");
    expect(await verifyWebhook({ rawBody: weird, headers: sign(weird), secret, now })).toEqual({
      ok: true,
      scheme: "hmac-sha256",
    });
    const result = await verifyWebhook({
      rawBody: plainBody,
      headers: { ...sign(plainBody), "x-bfl-timestamp": "yesterday-ish" },
      secret,
      now,
    });
    expect(result).toMatchObject({ ok: false, reason: "malformed" });
  });

  it("checks the signature before the timestamp (an unsigned old request is a bad signature)", async () => {
    const result = await verifyWebhook({
      rawBody: plainBody,
      headers: { "x-bfl-signature": `sha256=${"0".repeat(64)}`, "x-bfl-timestamp": "1" },
      secret,
      now,
    });
    expect(result).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("turns the window off with toleranceMs: Infinity", async () => {
    const result = await verifyWebhook({
      rawBody: plainBody,
      headers: { ...sign(plainBody), "x-bfl-timestamp": "1000000000" },
      secret,
      now,
      toleranceMs: Number.POSITIVE_INFINITY,
    });
    expect(result).toMatchObject({ ok: true, timestamp: new Date(1_000_000_000_000) });
  });

  it("defaults `now` to Date.now", async () => {
    const fresh = String(Math.floor(Date.now() / 1000));
    const result = await verifyWebhook({
      rawBody: plainBody,
      headers: { ...sign(plainBody), "x-bfl-timestamp": fresh },
      secret,
    });
    expect(result.ok).toBe(true);
  });
});
