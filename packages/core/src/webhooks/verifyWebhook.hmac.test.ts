import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyWebhook } from "./verifyWebhook";

const secret = "whsec_test_4f1c";
const body = JSON.stringify({
  task_id: "7f0c3a52-9f1e-4c55-a1b4-2c0a9e1d8b11",
  status: "SUCCESS",
  result: { sample: "https://delivery-eu1.bfl.ai/results/x.jpeg?se=2026-01-01T00%3A10%3A00Z", seed: 42 },
});
/** Computed with Node's crypto, independently of the WebCrypto code under test. */
const hex = (data: string | Uint8Array, key = secret) => createHmac("sha256", key).update(data).digest("hex");

describe("verifyWebhook, scheme hmac-sha256 (X-BFL-Signature)", () => {
  it("accepts a correct sha256=<hex> signature", async () => {
    const result = await verifyWebhook({
      rawBody: body,
      headers: { "x-bfl-signature": `sha256=${hex(body)}` },
      secret,
    });
    expect(result).toEqual({ ok: true, scheme: "hmac-sha256" });
  });

  it("accepts the signature without the sha256= prefix, in upper-case hex, with an upper-case prefix", async () => {
    for (const value of [hex(body), hex(body).toUpperCase(), `SHA256=${hex(body).toUpperCase()}`]) {
      const result = await verifyWebhook({ rawBody: body, headers: { "X-BFL-Signature": value }, secret });
      expect(result.ok, value).toBe(true);
    }
  });

  it("matches a fixed published-style vector", async () => {
    // RFC 4231 test case 2: HMAC-SHA256(key "Jefe", "what do ya want for nothing?")
    const vector = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    const result = await verifyWebhook({
      rawBody: "what do ya want for nothing?",
      headers: { "x-bfl-signature": `sha256=${vector}` },
      secret: "Jefe",
    });
    expect(result.ok).toBe(true);
    expect(hex("what do ya want for nothing?", "Jefe")).toBe(vector);
  });

  it("verifies the exact bytes whether given as string, Uint8Array or ArrayBuffer", async () => {
    const unicode = JSON.stringify({ id: "t1", status: "Ready", result: { prompt: "café ☕ 日本" } });
    const bytes = new TextEncoder().encode(unicode);
    const headers = { "x-bfl-signature": `sha256=${hex(bytes)}` };
    for (const rawBody of [unicode, bytes, bytes.buffer]) {
      expect((await verifyWebhook({ rawBody, headers, secret })).ok).toBe(true);
    }
    // A Node Buffer is a Uint8Array, and may be a view into a larger pool.
    const pooled = Buffer.concat([Buffer.from("xxxx"), Buffer.from(bytes)]).subarray(4);
    expect((await verifyWebhook({ rawBody: pooled, headers, secret })).ok).toBe(true);
  });

  it("rejects a tampered body", async () => {
    const tampered = body.replace('"seed":42', '"seed":43');
    const result = await verifyWebhook({
      rawBody: tampered,
      headers: { "x-bfl-signature": `sha256=${hex(body)}` },
      secret,
    });
    expect(result).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("rejects re-serialised JSON (whitespace differs)", async () => {
    const pretty = JSON.stringify(JSON.parse(body), null, 2);
    const result = await verifyWebhook({
      rawBody: pretty,
      headers: { "x-bfl-signature": `sha256=${hex(body)}` },
      secret,
    });
    expect(result).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("rejects a tampered signature (one hex digit changed)", async () => {
    const good = hex(body);
    const bad = (good[0] === "0" ? "1" : "0") + good.slice(1);
    const result = await verifyWebhook({
      rawBody: body,
      headers: { "x-bfl-signature": `sha256=${bad}` },
      secret,
    });
    expect(result).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("rejects a signature made with another secret", async () => {
    const result = await verifyWebhook({
      rawBody: body,
      headers: { "x-bfl-signature": `sha256=${hex(body, "another-secret")}` },
      secret,
    });
    expect(result).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("reports malformed signatures (not hex, wrong length) without echoing them", async () => {
    for (const value of [
      "sha256=zz",
      "sha256=",
      `sha256=${hex(body).slice(2)}`,
      "md5=abc",
      "sha256=" + "g".repeat(64),
    ]) {
      const result = await verifyWebhook({ rawBody: body, headers: { "x-bfl-signature": value }, secret });
      expect(result, value).toMatchObject({ ok: false, reason: "malformed" });
      if (!result.ok && value.length > 12) expect(result.message).not.toContain(value);
    }
  });

  it("reports a missing header", async () => {
    const result = await verifyWebhook({
      rawBody: body,
      headers: { "content-type": "application/json" },
      secret,
    });
    expect(result).toMatchObject({ ok: false, reason: "missing_signature" });
    if (!result.ok) expect(result.message).toContain("X-BFL-Signature");
  });

  it("reports a missing secret as a configuration problem, never as a pass", async () => {
    for (const s of ["", [] as string[], ["", ""]]) {
      const result = await verifyWebhook({
        rawBody: body,
        headers: { "x-bfl-signature": `sha256=${hex(body, "")}` },
        secret: s,
      });
      expect(result).toMatchObject({ ok: false, reason: "missing_secret" });
    }
  });

  it("accepts any of several secrets (rotation) and any of several comma-separated signatures", async () => {
    const rotated = await verifyWebhook({
      rawBody: body,
      headers: { "x-bfl-signature": `sha256=${hex(body, "new-secret")}` },
      secret: ["old-secret", "new-secret"],
    });
    expect(rotated.ok).toBe(true);
    const multi = await verifyWebhook({
      rawBody: body,
      headers: { "x-bfl-signature": `sha256=${hex(body, "other")}, sha256=${hex(body)}` },
      secret,
    });
    expect(multi.ok).toBe(true);
  });

  it("refuses the scheme when `schemes` excludes it, and says why", async () => {
    const result = await verifyWebhook({
      rawBody: body,
      headers: { "x-bfl-signature": `sha256=${hex(body)}` },
      secret,
      schemes: ["shared-secret"],
    });
    expect(result).toMatchObject({ ok: false, reason: "missing_signature" });
    if (!result.ok) expect(result.message).toMatch(/X-BFL-Signature was sent/);
  });

  it("rejects invalid options loudly", async () => {
    await expect(verifyWebhook({ rawBody: body, headers: {}, secret, schemes: [] })).rejects.toThrow(
      TypeError,
    );
    await expect(verifyWebhook({ rawBody: body, headers: {}, secret, toleranceMs: -1 })).rejects.toThrow(
      TypeError,
    );
    await expect(
      verifyWebhook({ rawBody: body, headers: {}, secret, toleranceMs: Number.NaN }),
    ).rejects.toThrow(TypeError);
  });
});
