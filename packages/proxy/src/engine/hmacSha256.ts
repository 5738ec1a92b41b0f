// HMAC-SHA-256 (RFC 2104 over FIPS 180-4), synchronous and in plain JavaScript, for the polling tokens. With
// the key's inner and outer pad blocks hashed once, a token costs two compressions: under half the time of
// `node:crypto`'s `createHmac` (whose per-call object setup dominates for short inputs) and no promise, unlike
// Web Crypto. The bytes are the standard ones (checked against `node:crypto` and RFC 4231's vectors in
// hmacSha256.test.ts). Every step is arithmetic on 32-bit words with no branch or table index that depends on
// the key, so its timing does not reveal it.
//
// Why not @noble/hashes (the project prefers a well-kept library over hand-written code unless it costs): the
// two were measured in one run (bench/hmac.bench.ts, figures in bench/RESULTS.md). Keyed once and cloned per
// token, @noble/hashes 1.8.0 made ~113,000 MACs/s, this file ~509,000 (node:crypto ~226,000): 4.5× slower,
// ~7 µs more CPU per submit, and 1.2 kB more gzip on the Web entry; its 2.x is ESM-only and needs
// Node ≥ 20.19. Re-run the benchmark before revisiting.

const K = Int32Array.of(
  0x428a2f98,
  0x71374491,
  0xb5c0fbcf,
  0xe9b5dba5,
  0x3956c25b,
  0x59f111f1,
  0x923f82a4,
  0xab1c5ed5,
  0xd807aa98,
  0x12835b01,
  0x243185be,
  0x550c7dc3,
  0x72be5d74,
  0x80deb1fe,
  0x9bdc06a7,
  0xc19bf174,
  0xe49b69c1,
  0xefbe4786,
  0x0fc19dc6,
  0x240ca1cc,
  0x2de92c6f,
  0x4a7484aa,
  0x5cb0a9dc,
  0x76f988da,
  0x983e5152,
  0xa831c66d,
  0xb00327c8,
  0xbf597fc7,
  0xc6e00bf3,
  0xd5a79147,
  0x06ca6351,
  0x14292967,
  0x27b70a85,
  0x2e1b2138,
  0x4d2c6dfc,
  0x53380d13,
  0x650a7354,
  0x766a0abb,
  0x81c2c92e,
  0x92722c85,
  0xa2bfe8a1,
  0xa81a664b,
  0xc24b8b70,
  0xc76c51a3,
  0xd192e819,
  0xd6990624,
  0xf40e3585,
  0x106aa070,
  0x19a4c116,
  0x1e376c08,
  0x2748774c,
  0x34b0bcb5,
  0x391c0cb3,
  0x4ed8aa4a,
  0x5b9cca4f,
  0x682e6ff3,
  0x748f82ee,
  0x78a5636f,
  0x84c87814,
  0x8cc70208,
  0x90befffa,
  0xa4506ceb,
  0xbef9a3f7,
  0xc67178f2,
);
const IV = Int32Array.of(
  0x6a09e667,
  0xbb67ae85,
  0x3c6ef372,
  0xa54ff53a,
  0x510e527f,
  0x9b05688c,
  0x1f83d9ab,
  0x5be0cd19,
);

/** The message schedule and working state, reused: every call runs to its end synchronously. */
const W = new Int32Array(64);
const H = new Int32Array(8);

/** Folds the 64-byte block at `offset` of `bytes` into `state`. */
function compress(state: Int32Array, bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    W[i] =
      ((bytes[j] as number) << 24) |
      ((bytes[j + 1] as number) << 16) |
      ((bytes[j + 2] as number) << 8) |
      (bytes[j + 3] as number);
  }
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15] as number;
    const y = W[i - 2] as number;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = ((W[i - 16] as number) + s0 + (W[i - 7] as number) + s1) | 0;
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + (K[i] as number) + (W[i] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
  state[4] = ((state[4] as number) + e) | 0;
  state[5] = ((state[5] as number) + f) | 0;
  state[6] = ((state[6] as number) + g) | 0;
  state[7] = ((state[7] as number) + h) | 0;
}

/**
 * Finishes a hash: `state` has already absorbed `before` bytes (whole blocks); `buffer` holds the remaining
 * `length` message bytes and room for their padding. Writes the 32-byte digest to `out`; `state` is left as
 * it was.
 */
function finish(
  state: Int32Array,
  before: number,
  buffer: Uint8Array,
  length: number,
  out: Uint8Array,
): Uint8Array {
  const padded = ((length + 72) >>> 6) << 6; // message, 0x80, zeros, 8-byte length: whole blocks
  buffer.fill(0, length, padded);
  buffer[length] = 0x80;
  const bits = (before + length) * 8;
  const high = Math.floor(bits / 0x1_0000_0000);
  buffer[padded - 8] = high >>> 24;
  buffer[padded - 7] = high >>> 16;
  buffer[padded - 6] = high >>> 8;
  buffer[padded - 5] = high;
  buffer[padded - 4] = bits >>> 24;
  buffer[padded - 3] = bits >>> 16;
  buffer[padded - 2] = bits >>> 8;
  buffer[padded - 1] = bits;
  H.set(state);
  for (let offset = 0; offset < padded; offset += 64) compress(H, buffer, offset);
  for (let i = 0; i < 8; i++) {
    const word = H[i] as number;
    out[i * 4] = word >>> 24;
    out[i * 4 + 1] = word >>> 16;
    out[i * 4 + 2] = word >>> 8;
    out[i * 4 + 3] = word;
  }
  return out;
}

/** Room for `length` message bytes plus padding. */
const roomFor = (length: number) => new Uint8Array(((length + 72) >>> 6) << 6);

/** SHA-256 of `bytes`. */
export function sha256(bytes: Uint8Array): Uint8Array {
  const buffer = roomFor(bytes.length);
  buffer.set(bytes);
  return finish(IV, 0, buffer, bytes.length, new Uint8Array(32));
}

const encoder = new TextEncoder();
/** Where messages are encoded: grown to the longest seen (texts over 16 KiB get a buffer of their own). */
let scratch = new Uint8Array(512);

/**
 * HMAC-SHA-256 under `key`: `(data) => 32-byte MAC of data's UTF-8`. The key's pad blocks are hashed here,
 * once.
 * @example createHmacSha256(new TextEncoder().encode("key"))("The quick brown fox jumps over the lazy dog")
 */
export function createHmacSha256(key: Uint8Array): (data: string) => Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const inner = IV.slice();
  const outer = IV.slice();
  for (let i = 0; i < 64; i++) block[i] = (block[i] as number) ^ 0x36;
  compress(inner, block, 0);
  for (let i = 0; i < 64; i++) block[i] = (block[i] as number) ^ (0x36 ^ 0x5c);
  compress(outer, block, 0);
  const tail = roomFor(32);
  return (data) => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    const need = ((data.length * 3 + 72) >>> 6) << 6;
    let buffer = scratch;
    if (buffer.length < need) {
      buffer = new Uint8Array(need);
      if (need <= 16_384) scratch = buffer;
    }
    const { written } = encoder.encodeInto(data, buffer);
    finish(inner, 64, buffer, written, tail);
    return finish(outer, 64, tail, 32, new Uint8Array(32));
  };
}
