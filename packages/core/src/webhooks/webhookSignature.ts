import { WEBHOOK_HEADERS, type WebhookScheme } from "./webhookConstants";
import { fromHex, hmacSha256, randomKey, timingSafeEqual, type WebhookBytes } from "./webhookCrypto";
import { getHeaderValues, type WebhookHeaders } from "./webhookHeaders";
import type { WebhookFailure } from "./webhookFailure";

/** Signatures examined per request at most, so a huge header cannot make us hash forever. */
const MAX_CANDIDATES = 8;

const fail = (reason: WebhookFailure["reason"], message: string): WebhookFailure => ({
  ok: false,
  reason,
  message,
});

export type SignatureCheck = { ok: true; scheme: WebhookScheme } | WebhookFailure;

/** Checks the signature headers of every accepted scheme against every secret, in constant time. */
export async function checkWebhookSignature(
  rawBody: WebhookBytes,
  headers: WebhookHeaders,
  secrets: readonly string[],
  schemes: readonly WebhookScheme[],
): Promise<SignatureCheck> {
  const sigValues = getHeaderValues(headers, WEBHOOK_HEADERS.signature)
    .flatMap((v) => v.split(/[\s,]+/))
    .filter(Boolean)
    .slice(0, MAX_CANDIDATES);
  const sentSecrets = getHeaderValues(headers, WEBHOOK_HEADERS.secret)
    .map((v) => v.trim())
    .filter(Boolean)
    .slice(0, MAX_CANDIDATES);
  const useHmac = schemes.includes("hmac-sha256") && sigValues.length > 0;
  const useShared = schemes.includes("shared-secret") && sentSecrets.length > 0;

  if (!useHmac && !useShared) {
    const ignored = [
      sigValues.length > 0 ? WEBHOOK_HEADERS.signature : undefined,
      sentSecrets.length > 0 ? WEBHOOK_HEADERS.secret : undefined,
    ].filter(Boolean);
    const expected = schemes.map((s) =>
      s === "hmac-sha256" ? WEBHOOK_HEADERS.signature : WEBHOOK_HEADERS.secret,
    );
    return fail(
      "missing_signature",
      `The webhook has no ${expected.join(" or ")} header` +
        (ignored.length ? ` (${ignored.join(", ")} was sent, but its scheme is not in \`schemes\`).` : "."),
    );
  }

  let malformed = 0;
  if (useHmac) {
    const given = sigValues.map((v) => fromHex(v.replace(/^sha256=/i, "")));
    const expected = await Promise.all(secrets.map((s) => hmacSha256(s, rawBody)));
    let match = false;
    for (const sig of given) {
      if (!sig || sig.length !== 32) {
        malformed++;
        continue;
      }
      for (const digest of expected) match = timingSafeEqual(sig, digest) || match;
    }
    if (match) return { ok: true, scheme: "hmac-sha256" };
  }
  if (useShared) {
    // Compare HMACs under a throwaway key, so neither the secret's length nor its content leaks via timing.
    const key = randomKey();
    const [sent, known] = await Promise.all([
      Promise.all(sentSecrets.map((v) => hmacSha256(key, v))),
      Promise.all(secrets.map((s) => hmacSha256(key, s))),
    ]);
    let match = false;
    for (const a of sent) for (const b of known) match = timingSafeEqual(a, b) || match;
    if (match) return { ok: true, scheme: "shared-secret" };
  }

  if (!useShared && malformed === sigValues.length) {
    return fail(
      "malformed",
      `The ${WEBHOOK_HEADERS.signature} header is not "sha256=" followed by 64 hex digits.`,
    );
  }
  return fail("bad_signature", "The webhook signature does not match the configured secret.");
}
