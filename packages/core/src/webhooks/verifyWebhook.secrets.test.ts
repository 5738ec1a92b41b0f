import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyWebhook, verifyWebhookOrThrow } from "./verifyWebhook";
import { WebhookVerificationError } from "./WebhookVerificationError";

const body = JSON.stringify({
  task_id: "abc",
  status: "SUCCESS",
  result: { sample: "https://x.bfl.ai/a.jpeg" },
});
/** Computed with Node's crypto, independently of the WebCrypto code under test. */
const hex = (key: string) => createHmac("sha256", key).update(body).digest("hex");

/** What a forger could send knowing only that some configured secret is blank. */
const forgeries = (blank: string) => [
  { "x-bfl-signature": `sha256=${hex(blank)}` },
  { "x-webhook-secret": blank },
];

describe("verifyWebhook: blank secrets are a configuration error, never a key", () => {
  it.each([" ", "   ", "\t\n"])(
    "a single blank secret %j is missing_secret, and verifies no forgery",
    async (secret) => {
      for (const headers of forgeries(secret)) {
        const result = await verifyWebhook({ rawBody: body, headers, secret });
        expect(result).toMatchObject({ ok: false, reason: "missing_secret" });
      }
    },
  );

  it.each([
    [["", "  "], 1],
    [["real-secret", " "], 2],
    [["  ", "real-secret"], 1],
    [["real-secret", ""], 2],
  ] as const)("a list %j with a blank entry is missing_secret, naming entry %i", async (secret, entry) => {
    for (const headers of [
      ...forgeries(" "),
      ...forgeries(""),
      { "x-bfl-signature": `sha256=${hex("real-secret")}` },
    ]) {
      const result = await verifyWebhook({ rawBody: body, headers, secret });
      expect(result).toMatchObject({ ok: false, reason: "missing_secret" });
      if (!result.ok) {
        expect(result.message).toContain(`secret ${entry} of ${secret.length} is blank`);
        expect(result.message).not.toContain("real-secret");
      }
    }
  });

  it("a non-string entry (an unset variable in untyped code) counts as blank", async () => {
    const secret = ["real-secret", undefined] as unknown as string[];
    const result = await verifyWebhook({ rawBody: body, headers: forgeries("")[0]!, secret });
    expect(result).toMatchObject({ ok: false, reason: "missing_secret" });
  });

  it("verifyWebhookOrThrow answers 500 for it, like any missing secret", async () => {
    const error = await verifyWebhookOrThrow({
      rawBody: body,
      headers: { "x-bfl-signature": `sha256=${hex("real-secret")}` },
      secret: ["real-secret", " "],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toMatchObject({ reason: "missing_secret", httpStatus: 500 });
  });

  it("a list of set secrets still rotates: any one verifies", async () => {
    const result = await verifyWebhook({
      rawBody: body,
      headers: { "x-bfl-signature": `sha256=${hex("new-secret")}` },
      secret: ["old-secret", "new-secret"],
    });
    expect(result).toEqual({ ok: true, scheme: "hmac-sha256" });
  });
});
