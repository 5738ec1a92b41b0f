const encoder = new TextEncoder();
const SIGNATURE_BYTES = 16;
const CACHE_LIMIT = 10_000;

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * Signs the upstream polling origin BFL named for a task into an opaque token (`<origin>.<hmac>`, base64url),
 * bound to the task id, so a client can hand it back but never choose the host. Web Crypto only; verified
 * tokens are cached, since a client polls the same task many times.
 */
export class PollingTokens {
  readonly #key: Promise<CryptoKey>;
  readonly #verified = new Map<string, string>();

  constructor(secret: string) {
    const subtle = globalThis.crypto.subtle;
    this.#key = subtle
      .importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
      .then(async (root) => {
        const derived = await subtle.sign("HMAC", root, encoder.encode("flux-kit/proxy/polling-token/v1"));
        return subtle.importKey("raw", derived, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      });
  }

  async #mac(origin: string, taskId: string): Promise<Uint8Array> {
    const sig = await globalThis.crypto.subtle.sign(
      "HMAC",
      await this.#key,
      encoder.encode(`${origin}\n${taskId}`),
    );
    return new Uint8Array(sig, 0, SIGNATURE_BYTES);
  }

  async sign(origin: string, taskId: string): Promise<string> {
    return `${toBase64Url(encoder.encode(origin))}.${toBase64Url(await this.#mac(origin, taskId))}`;
  }

  /** The origin `token` carries, if it is genuine for `taskId`; `undefined` otherwise. */
  async verify(token: string, taskId: string): Promise<string | undefined> {
    const cacheKey = `${token}\n${taskId}`;
    const hit = this.#verified.get(cacheKey);
    if (hit !== undefined) return hit;
    const dot = token.indexOf(".");
    if (dot <= 0 || token.length > 600) return undefined;
    const originBytes = fromBase64Url(token.slice(0, dot));
    const sig = fromBase64Url(token.slice(dot + 1));
    if (!originBytes || !sig) return undefined;
    const origin = new TextDecoder().decode(originBytes);
    if (!equal(sig, await this.#mac(origin, taskId))) return undefined;
    if (this.#verified.size >= CACHE_LIMIT) this.#verified.clear();
    this.#verified.set(cacheKey, origin);
    return origin;
  }
}
