/** Raw bytes in any form a runtime hands a request body over as. */
export type WebhookBytes = string | Uint8Array | ArrayBuffer;

/** Copies (or encodes) `input` into a fresh ArrayBuffer-backed `Uint8Array` that WebCrypto accepts everywhere. */
export function toBytes(input: WebhookBytes): Uint8Array<ArrayBuffer> {
  // a TextEncoder per call, not one at load: Jest's jsdom environment has none, and importing core must not throw
  if (typeof input === "string") return new TextEncoder().encode(input);
  const view = input instanceof Uint8Array ? input : new Uint8Array(input);
  const copy = new Uint8Array(view.byteLength);
  copy.set(view);
  return copy;
}

/** Decodes `input` as UTF-8 text (invalid sequences become U+FFFD). */
export function toText(input: WebhookBytes): string {
  return typeof input === "string" ? input : new TextDecoder().decode(input);
}

function subtle(): SubtleCrypto {
  const s = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!s) {
    throw new Error(
      "WebCrypto (globalThis.crypto.subtle) is unavailable: use Node >= 20, a modern browser or an edge runtime.",
    );
  }
  return s;
}

/** HMAC-SHA256 of `message` under `key`, as 32 raw bytes. */
export async function hmacSha256(key: WebhookBytes, message: WebhookBytes): Promise<Uint8Array> {
  const s = subtle();
  const cryptoKey = await s.importKey("raw", toBytes(key), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return new Uint8Array(await s.sign("HMAC", cryptoKey, toBytes(message)));
}

/** 32 fresh random bytes, used as a throwaway HMAC key to compare secrets without leaking their length. */
export function randomKey(): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(32));
}

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

const HEX = /^[0-9a-f]*$/i;

/** Parses even-length hex (either case) into bytes; `undefined` if it is not hex. */
export function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !HEX.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Compares two byte strings in time that depends only on their length, never on where they first differ.
 * Callers pass fixed-length digests, so a length mismatch reveals nothing secret.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
