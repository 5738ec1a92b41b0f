import { timingSafeEqual } from "./coreBridge";
import { createHmacSha256 } from "./hmacSha256";

const encoder = new TextEncoder();
const SIGNATURE_BYTES = 16;
const CACHE_LIMIT = 10_000;
/** What the signing key is derived with, so the configured secret itself never signs a token. */
const LABEL = "flux-kit/proxy/polling-token/v1";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Unpadded base64url of the first `length` bytes, table-driven: on every submit, and several times cheaper than `btoa` plus rewrites. */
export function toBase64Url(bytes: Uint8Array, length = bytes.length): string {
  let out = "";
  let i = 0;
  for (; i + 2 < length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out +=
      ALPHABET.charAt(n >>> 18) +
      ALPHABET.charAt((n >>> 12) & 63) +
      ALPHABET.charAt((n >>> 6) & 63) +
      ALPHABET.charAt(n & 63);
  }
  const rest = length - i;
  if (rest > 0) {
    const n = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
    out += ALPHABET.charAt(n >>> 18) + ALPHABET.charAt((n >>> 12) & 63);
    if (rest === 2) out += ALPHABET.charAt((n >>> 6) & 63);
  }
  return out;
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

/** What a polling token says for a given task and caller. */
export type TokenCheck =
  /** Genuine for this task and this client: poll `origin`. */
  | { readonly kind: "valid"; readonly origin: string }
  /** Well-formed but not this client's token for this task (another client's, or forged). */
  | { readonly kind: "foreign" }
  /** Not a token the proxy could have written. */
  | { readonly kind: "malformed" };

const MALFORMED: TokenCheck = { kind: "malformed" };
const FOREIGN: TokenCheck = { kind: "foreign" };

/**
 * Signs the upstream polling origin BFL named for a task into an opaque token (`<origin>.<hmac>`, base64url),
 * bound to the task id and to the client that submitted it, so a client can hand it back but never choose the
 * host, and another client holding it gets nothing. The client id is only inside the MAC, never readable in the
 * token. Verified tokens are cached, since a client polls the same task many times.
 *
 * The MAC is HMAC-SHA-256 under a key derived as HMAC-SHA-256(secret, LABEL), truncated to 16 bytes: the same
 * bytes on every runtime, so tokens are interchangeable between transports and instances.
 */
export class PollingTokens {
  readonly #sign: (data: string) => Uint8Array;
  readonly #verified = new Map<string, TokenCheck>();
  /** The encoded first half of tokens, per upstream origin (a deployment polls a handful). */
  readonly #encodedOrigins = new Map<string, string>();

  constructor(secret: string) {
    this.#sign = createHmacSha256(createHmacSha256(encoder.encode(secret))(LABEL));
  }

  /** The whole 32-byte HMAC; a token carries its first `SIGNATURE_BYTES`. */
  #mac(origin: string, taskId: string, clientId: string): Uint8Array {
    return this.#sign(`${origin}\n${taskId}\n${clientId}`);
  }

  /** The token for a task. */
  sign(origin: string, taskId: string, clientId: string): string {
    let encoded = this.#encodedOrigins.get(origin);
    if (encoded === undefined) {
      encoded = toBase64Url(encoder.encode(origin));
      if (this.#encodedOrigins.size >= 64) this.#encodedOrigins.clear();
      this.#encodedOrigins.set(origin, encoded);
    }
    return `${encoded}.${toBase64Url(this.#mac(origin, taskId, clientId), SIGNATURE_BYTES)}`;
  }

  /** What `token` says about `taskId` polled by `clientId`. */
  verify(token: string, taskId: string, clientId: string): TokenCheck {
    const cacheKey = `${token}\n${taskId}\n${clientId}`;
    const hit = this.#verified.get(cacheKey);
    if (hit !== undefined) return hit;
    const dot = token.indexOf(".");
    if (dot <= 0 || token.length > 600) return MALFORMED;
    const originBytes = fromBase64Url(token.slice(0, dot));
    const sig = fromBase64Url(token.slice(dot + 1));
    if (!originBytes || !sig || sig.length !== SIGNATURE_BYTES) return MALFORMED;
    const origin = new TextDecoder().decode(originBytes);
    if (!timingSafeEqual(sig, this.#mac(origin, taskId, clientId).subarray(0, SIGNATURE_BYTES)))
      return FOREIGN;
    const check: TokenCheck = { kind: "valid", origin };
    if (this.#verified.size >= CACHE_LIMIT) this.#verified.clear();
    this.#verified.set(cacheKey, check);
    return check;
  }
}
