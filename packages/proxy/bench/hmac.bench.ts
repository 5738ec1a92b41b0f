// The polling tokens' HMAC-SHA-256: the hand-written one (src/engine/hmacSha256.ts) against @noble/hashes and,
// as the baseline on Node, node:crypto, in one run; then what each adds to the proxy's Web entry, bundled and
// minified as an edge runtime would ship it.
// Run: npx tsx --conditions=@flux-kit/source bench/hmac.bench.ts   (prints Markdown; figures go to RESULTS.md)
import { createHmac, webcrypto } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { hmac } from "@noble/hashes/hmac";
import { sha256 } from "@noble/hashes/sha2";
import { build, type Plugin } from "esbuild";
import { createHmacSha256 } from "../src/engine/hmacSha256";
import { PollingTokens } from "../src/engine/PollingTokens";

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = 7;
const ROUND_MS = 400;

// what PollingTokens signs per submit: upstream origin, task id, client id
const KEY = webcrypto.getRandomValues(new Uint8Array(32));
const MESSAGE = "https://api.eu2.bfl.ai\n3f1c9a2e-8b7d-4e6f-9a1b-2c3d4e5f6a7b\n203.0.113.7";

const ours = createHmacSha256(KEY);
const nobleKeyed = hmac.create(sha256, KEY);
const nobleScratch = nobleKeyed.clone();

/** Each way to MAC one token's message; the pads are hashed once wherever the API allows it. */
const macs: Record<string, () => Uint8Array> = {
  "ours (hmacSha256.ts)": () => ours(MESSAGE),
  "@noble/hashes 1.8.0, keyed once, clone()": () => nobleKeyed.clone().update(MESSAGE).digest(),
  "@noble/hashes 1.8.0, keyed once, _cloneInto(scratch)": () =>
    nobleKeyed._cloneInto(nobleScratch).update(MESSAGE).digest(),
  "@noble/hashes 1.8.0, hmac(sha256, key, msg)": () => hmac(sha256, KEY, MESSAGE),
  "node:crypto createHmac": () => createHmac("sha256", KEY).update(MESSAGE).digest(),
};

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const expected = createHmac("sha256", KEY).update(MESSAGE).digest("hex");
for (const [name, mac] of Object.entries(macs)) {
  if (hex(mac()) !== expected) throw new Error(`${name} computes other bytes`);
}

/** Calls per second of `fn` over about `ms`. */
function rate(fn: () => unknown, ms: number): number {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 1000; i++) fn();
    calls += 1000;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return calls / (elapsed / 1000);
}

/** Web Crypto, for reference: async, one awaited `sign` at a time (a submit awaits its token). */
async function webCryptoRate(ms: number): Promise<number> {
  const key = await webcrypto.subtle.importKey("raw", KEY, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const data = new TextEncoder().encode(MESSAGE);
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 100; i++) await webcrypto.subtle.sign("HMAC", key, data);
    calls += 100;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return calls / (elapsed / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const names = [...Object.keys(macs), "Web Crypto subtle.sign (async)"];
const samples = new Map<string, number[]>(names.map((n) => [n, []]));
const tokens = new PollingTokens("bench-secret");
const tokenSamples: number[] = [];
for (const mac of Object.values(macs)) rate(mac, 100); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? names : [...names].reverse(); // interleaved, order flipped every round
  for (const name of order) {
    const mac = macs[name];
    samples.get(name)!.push(mac ? rate(mac, ROUND_MS) : await webCryptoRate(ROUND_MS));
  }
  let n = 0;
  tokenSamples.push(
    rate(() => tokens.sign("https://api.eu2.bfl.ai", `task-${n++}`, "203.0.113.7"), ROUND_MS),
  );
}

const oursRate = median(samples.get(names[0]!)!);
const nodeRate = median(samples.get("node:crypto createHmac")!);
const lines = [
  `Node ${process.version}, ${ROUNDS} interleaved rounds of ${ROUND_MS} ms, medians; message of ${MESSAGE.length} bytes`,
  "(a token's origin, task id and client id), key of 32 bytes; every implementation checked to give node:crypto's bytes.",
  "",
  "| implementation | MACs/s | × ours | × node:crypto |",
  "|---|---|---|---|",
  ...names.map((name) => {
    const r = median(samples.get(name)!);
    return `| ${name} | ${Math.round(r).toLocaleString("en")} | ${(r / oursRate).toFixed(2)} | ${(r / nodeRate).toFixed(2)} |`;
  }),
  "",
  `Whole tokens (PollingTokens.sign with ours: MAC, truncation, base64url): ${Math.round(median(tokenSamples)).toLocaleString("en")}/s.`,
];

// Bundle size: the Web entry (src/index.ts) as an edge runtime ships it, with its dependencies, minified; and
// the same with hmacSha256.ts swapped for a module over @noble/hashes.
const nobleShim = `import { hmac } from "@noble/hashes/hmac"; import { sha256 } from "@noble/hashes/sha2";
export function createHmacSha256(key) { const keyed = hmac.create(sha256, key); return (data) => keyed.clone().update(data).digest(); }`;
const withNoble: Plugin = {
  name: "noble-hmac",
  setup(b) {
    b.onResolve({ filter: /\/hmacSha256$/ }, () => ({ path: "noble-hmac", namespace: "shim" }));
    b.onLoad({ filter: /.*/, namespace: "shim" }, () => ({
      contents: nobleShim,
      resolveDir: here,
      loader: "js",
    }));
  },
};
async function size(plugins: Plugin[]): Promise<{ min: number; gzip: number }> {
  const result = await build({
    entryPoints: [join(here, "../src/index.ts")],
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: "browser",
    conditions: ["@flux-kit/source", "edge-light", "worker", "browser"],
    plugins,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0]!.contents;
  return { min: bytes.byteLength, gzip: gzipSync(bytes).byteLength };
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const oursSize = await size([]);
const nobleSize = await size([withNoble]);
lines.push(
  "",
  "| Web entry (`src/index.ts`, bundled with core, minified) | min | gzip |",
  "|---|---|---|",
  `| with hmacSha256.ts | ${kb(oursSize.min)} | ${kb(oursSize.gzip)} |`,
  `| with @noble/hashes 1.8.0 (hmac + sha2) | ${kb(nobleSize.min)} | ${kb(nobleSize.gzip)} |`,
  `| difference | ${kb(nobleSize.min - oursSize.min)} | ${kb(nobleSize.gzip - oursSize.gzip)} |`,
);
console.log(lines.join("\n"));
