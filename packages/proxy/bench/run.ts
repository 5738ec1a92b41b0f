// Benchmark of @flux-kit/proxy against direct access, a minimal Node forwarder and fal's server proxy, and of
// its Redis store against its in-memory store (a redis-server started here on a loopback port).
// Run: npx tsx --conditions=@flux-kit/source bench/run.ts   (writes bench/RESULTS.md)
import { fork, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import http from "node:http";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { createClient } from "redis";
import { startRedisServer } from "../test/redisServer";
import { KEPT_MARKER } from "./writeSection";

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = 5;
const SECONDS = 3;
const CONNECTIONS = 50;

type Path = "direct" | "ours" | "forwarder" | "fal";
const PATHS: Path[] = ["direct", "ours", "forwarder", "fal"];

// The servers run as plain JavaScript bundled by esbuild (tsup's bundler, as the package ships), not through
// tsx: tsx transpiles with `keepNames`, which wraps every named closure in `Object.defineProperty` calls at run
// time and costs the proxy (which creates a few closures per request) ~10% of its throughput.
const esbuild = createRequire(createRequire(import.meta.url).resolve("tsup"))("esbuild") as {
  build(options: Record<string, unknown>): Promise<unknown>;
};
const buildDir = mkdtempSync(join(os.tmpdir(), "flux-proxy-bench-"));
await esbuild.build({
  entryPoints: [join(here, "server.ts"), join(here, "upstream.ts"), join(here, "storeServer.ts")],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  outdir: buildDir,
  outExtension: { ".js": ".cjs" },
  conditions: ["@flux-kit/source"],
  logLevel: "warning",
});
const children: ChildProcess[] = [];
/** The redis-server the store section starts, to stop should the run end early. */
let redisPid: number | undefined;
process.on("exit", () => {
  for (const c of children) c.kill();
  if (redisPid !== undefined) {
    try {
      process.kill(redisPid);
    } catch {
      // already stopped
    }
  }
  rmSync(buildDir, { recursive: true, force: true });
});

function start(file: string, args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(join(buildDir, file.replace(/\.ts$/, ".cjs")), args, {
    execArgv: ["--expose-gc"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("message", (m) => resolve({ child, port: (m as { port: number }).port }));
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

function ask<T>(child: ChildProcess, msg: string): Promise<T> {
  return new Promise((resolve) => {
    child.once("message", (m) => resolve(m as T));
    child.send(msg);
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

const upstream = await start("upstream.ts", []);
const up = `http://127.0.0.1:${upstream.port}`;
const servers: Record<Exclude<Path, "direct">, { child: ChildProcess; port: number }> = {
  ours: await start("server.ts", ["ours", up]),
  forwarder: await start("server.ts", ["forwarder", up]),
  fal: await start("server.ts", ["fal", up]),
};

/**
 * The poll query every path sends: the one in the polling_url our proxy hands out (its signed, client-bound
 * token included), as a real client polls. The other paths pass the token on and the upstream ignores it.
 */
const POLL_QUERY = await (async () => {
  const res = await fetch(`http://127.0.0.1:${servers.ours.port}/api/flux/v1/flux-2-pro`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: "a red fox" }),
  });
  const { polling_url } = (await res.json()) as { polling_url: string };
  const query = new URL(polling_url).search.slice(1);
  if (!/^id=t1&t=[\w-]+\.[\w-]+$/.test(query)) throw new Error(`unexpected polling_url ${polling_url}`);
  return query;
})();

/** URL and headers that make a poll or submit on each path. */
function target(
  path: Path,
  kind: "poll" | "submit",
  query = POLL_QUERY,
): { url: string; headers: Record<string, string> } {
  const suffix = kind === "poll" ? `/v1/get_result?${query}` : "/v1/flux-2-pro";
  if (path === "direct") return { url: `${up}${suffix}`, headers: {} };
  if (path === "fal") {
    return {
      url: `http://127.0.0.1:${servers.fal.port}/api/fal/proxy`,
      headers: { "x-fal-target-url": `${up}${suffix}` },
    };
  }
  const port = servers[path].port;
  return { url: `http://127.0.0.1:${port}${path === "ours" ? "/api/flux" : ""}${suffix}`, headers: {} };
}

const SUBMIT_BODY = JSON.stringify({
  prompt: "a red fox in the snow, golden hour",
  width: 1024,
  height: 768,
});

/** The process a path's requests cost CPU in: the proxy, or for `direct` the upstream itself. */
const processOf = (path: Path): ChildProcess => (path === "direct" ? upstream.child : servers[path].child);
const cpu = async (path: Path) => (await ask<{ cpu: number }>(processOf(path), "cpu")).cpu;

async function load(path: Path, kind: "poll" | "submit", connections: number, seconds: number) {
  const t = target(path, kind);
  const cpuBefore = await cpu(path);
  const result = await autocannon({
    url: t.url,
    connections,
    duration: seconds,
    method: kind === "poll" ? "GET" : "POST",
    headers: kind === "poll" ? t.headers : { ...t.headers, "content-type": "application/json" },
    ...(kind === "submit" ? { body: SUBMIT_BODY } : {}),
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${path} ${kind}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  const cpuPerRequest = (await cpu(path)) - cpuBefore;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuUs: cpuPerRequest / Math.max(1, result.requests.total),
  };
}

/** p50 latency of sequential polls over one keep-alive connection, in ms (hrtime, not autocannon's whole ms). */
async function sequentialP50(path: Path, count = 2000): Promise<number> {
  return sequentialP50At(target(path, "poll"), count);
}

async function sequentialP50At(t: { url: string; headers: Record<string, string> }, count = 2000) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) => {
      http
        .get(t.url, { headers: t.headers, agent }, (res) => {
          res.resume();
          res.on("end", () => resolve());
        })
        .on("error", reject);
    });
    if (i >= 200) times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  agent.destroy();
  return median(times);
}

// 1. Throughput at 50 connections and latency at 1, interleaved rounds, medians.
const thr: Record<string, number[]> = {};
const cpuUs: Record<string, number[]> = {};
const lat: Record<string, number[]> = {};
for (const path of PATHS) await load(path, "poll", 10, 1); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const kind of ["poll", "submit"] as const) {
    for (const path of round % 2 === 0 ? PATHS : [...PATHS].reverse()) {
      const r = await load(path, kind, CONNECTIONS, SECONDS);
      (thr[`${path}:${kind}`] ??= []).push(r.rps);
      (cpuUs[`${path}:${kind}`] ??= []).push(r.cpuUs);
    }
  }
  for (const path of PATHS) (lat[path] ??= []).push(await sequentialP50(path));
  console.log(`round ${round + 1}/${ROUNDS} done`);
}

// 2. Streaming a 20 MB image to clients reading at 2 MB/s.
function slowDownload(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      let received = 0;
      let allowed = 100 * 1024;
      const tick = setInterval(() => {
        allowed += 100 * 1024; // 2 MB/s in 50 ms steps
        if (res.isPaused()) res.resume();
      }, 50);
      res.on("data", (c: Buffer) => {
        received += c.length;
        if (received >= allowed) res.pause();
      });
      res.on("end", () => {
        clearInterval(tick);
        resolve(received);
      });
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

function imageTarget(path: Exclude<Path, "direct">): { url: string; headers: Record<string, string> } {
  const image = `${up}/results/big.jpeg`;
  if (path === "ours")
    return {
      url: `http://127.0.0.1:${servers.ours.port}/api/flux/v1/image?u=${encodeURIComponent(image)}`,
      headers: {},
    };
  if (path === "fal")
    return {
      url: `http://127.0.0.1:${servers.fal.port}/api/fal/proxy`,
      headers: { "x-fal-target-url": image },
    };
  return { url: `http://127.0.0.1:${servers.forwarder.port}/results/big.jpeg`, headers: {} };
}

type Peak = { peak: { queued: number; rss: number } };
const images: Record<string, { queued: number; rss1: number; rss4: number; bytes: number }> = {};
for (const path of ["ours", "forwarder", "fal"] as const) {
  const child = servers[path].child;
  const t = imageTarget(path);
  const base = await ask<{ rss: number }>(child, "mem");
  child.send("sample-start");
  const bytes = await slowDownload(t.url, t.headers);
  const one = (await ask<Peak>(child, "sample-stop")).peak;
  const base4 = await ask<{ rss: number }>(child, "mem");
  child.send("sample-start");
  await Promise.all(Array.from({ length: 4 }, () => slowDownload(t.url, t.headers)));
  const four = (await ask<Peak>(child, "sample-stop")).peak;
  images[path] = {
    bytes,
    queued: one.queued,
    rss1: Math.max(0, one.rss - base.rss),
    rss4: Math.max(0, four.rss - base4.rss),
  };
  console.log(`image ${path} done`);
}

// 3. RSS over 2 × 50,000 polls (+ 2 × 10,000 submits) through ours and through the forwarder, the same requests,
// interleaved; figures after `gc()` at each checkpoint.
type Mem = { rss: number; heapUsed: number; external: number };
const mixed = async (path: "ours" | "forwarder", amount: number) => {
  await autocannon({ url: target(path, "poll").url, connections: 20, amount });
  await autocannon({
    url: target(path, "submit").url,
    connections: 20,
    amount: amount / 5,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: SUBMIT_BODY,
  });
};
const memory: Record<"ours" | "forwarder", Mem[]> = { ours: [], forwarder: [] };
for (const [i, amount] of [5_000, 50_000, 50_000, 50_000].entries()) {
  for (const path of i % 2 === 0 ? (["ours", "forwarder"] as const) : (["forwarder", "ours"] as const)) {
    await mixed(path, amount);
    memory[path].push(await ask<Mem>(servers[path].child, "mem"));
  }
}
console.log("memory done");

// 4. Upstream statuses as each path returns them.
function status(path: Path, code: number): Promise<number> {
  const t = target(path, "poll", `id=status-${code}`);
  return new Promise((resolve, reject) => {
    http
      .get(t.url, { headers: t.headers, agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      })
      .on("error", reject);
  });
}
const statuses: Record<string, number[]> = {};
const CODES = [404, 422, 429, 500];
for (const path of PATHS) statuses[path] = await Promise.all(CODES.map((c) => status(path, c)));

for (const s of Object.values(servers)) s.child.kill();
upstream.child.kill();

// 5. The store: `ours` with the in-memory store against the Redis store (a real redis-server on loopback), each
// with and without the proxy's webhooks; the same options in all four, the per-client limit on. Every
// measurement starts from an empty store. Interleaved rounds and medians, as in 1, with more rounds: the ratio
// of two variants a few seconds apart is read in each.
const STORE_ROUNDS = 7;
const STORES = ["memory", "redis", "memory+webhooks", "redis+webhooks"] as const;
type Store = (typeof STORES)[number];
const redisServer = await startRedisServer();
const admin = createClient({ url: redisServer.url });
await admin.connect();
redisPid = Number(/process_id:(\d+)/.exec(await admin.info("server"))?.[1]) || undefined;
/** CPU time redis-server has used (user + system, all threads), in µs. */
const redisCpu = async (): Promise<number> => {
  const info = await admin.info("cpu");
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? NaN);
  return (field("used_cpu_user") + field("used_cpu_sys")) * 1e6;
};
// its own upstream: a task id per submit, so each submit binds (and, with webhooks, awaits) a task of its own
const storeUpstream = await start("upstream.ts", ["unique"]);
const storeUp = `http://127.0.0.1:${storeUpstream.port}`;
const stores = {} as Record<Store, { child: ChildProcess; port: number }>;
for (const v of STORES) stores[v] = await start("storeServer.ts", [v, storeUp, redisServer.url]);

/** Submits come from 500 clients (X-Forwarded-For), so no client nears its limit; polls from one more. */
const CLIENTS = Array.from({ length: 500 }, (_, i) => `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`);
const POLLER = { "x-forwarded-for": "10.9.0.1" };
const storeRequests = CLIENTS.map((address) => ({
  method: "POST" as const,
  path: "/api/flux/v1/flux-2-pro",
  headers: { "content-type": "application/json", "x-forwarded-for": address },
  body: SUBMIT_BODY,
}));

/** Empties the variant's store (FLUSHALL for Redis), then the poll target of one task it has just submitted. */
async function freshStore(v: Store): Promise<{ url: string; headers: Record<string, string> }> {
  if (v.startsWith("redis")) await admin.flushAll();
  await ask(stores[v].child, "reset");
  const base = `http://127.0.0.1:${stores[v].port}/api/flux`;
  const res = await fetch(`${base}/v1/flux-2-pro`, {
    method: "POST",
    headers: { "content-type": "application/json", ...POLLER },
    body: SUBMIT_BODY,
  });
  const { polling_url } = (await res.json()) as { polling_url: string };
  return { url: `${base}/v1/get_result${new URL(polling_url).search}`, headers: POLLER };
}

async function loadStore(v: Store, kind: "poll" | "submit", connections: number, seconds: number) {
  const poll = await freshStore(v);
  const child = stores[v].child;
  const cpuBefore = (await ask<{ cpu: number }>(child, "cpu")).cpu;
  const redisBefore = v.startsWith("redis") ? await redisCpu() : 0;
  const result = await autocannon({
    connections,
    duration: seconds,
    ...(kind === "poll"
      ? { url: poll.url, headers: poll.headers }
      : { url: `http://127.0.0.1:${stores[v].port}`, requests: storeRequests }),
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`store ${v} ${kind}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  const total = Math.max(1, result.requests.total);
  const cpuUs = ((await ask<{ cpu: number }>(child, "cpu")).cpu - cpuBefore) / total;
  const redisUs = v.startsWith("redis") ? ((await redisCpu()) - redisBefore) / total : NaN;
  return { rps: result.requests.average, cpuUs, redisUs };
}

const storeThr: Record<string, number[]> = {};
const storeCpu: Record<string, number[]> = {};
const storeRedisCpu: Record<string, number[]> = {};
const storeLat: Record<string, number[]> = {};
for (const v of STORES) for (const kind of ["poll", "submit"] as const) await loadStore(v, kind, 10, 1); // warm-up
for (let round = 0; round < STORE_ROUNDS; round++) {
  for (const kind of ["poll", "submit"] as const) {
    for (const v of round % 2 === 0 ? STORES : [...STORES].reverse()) {
      const r = await loadStore(v, kind, CONNECTIONS, SECONDS);
      (storeThr[`${v}:${kind}`] ??= []).push(r.rps);
      (storeCpu[`${v}:${kind}`] ??= []).push(r.cpuUs);
      (storeRedisCpu[`${v}:${kind}`] ??= []).push(r.redisUs);
    }
  }
  for (const v of STORES) (storeLat[v] ??= []).push(await sequentialP50At(await freshStore(v)));
  console.log(`store round ${round + 1}/${STORE_ROUNDS} done`);
}
for (const v of STORES) stores[v].child.kill();
storeUpstream.child.kill();
await admin.quit();
await redisServer.stop();
redisPid = undefined;

// Report.
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
const rps = (k: string) => median(thr[k] ?? []);
const cpuMed = (k: string) => median(cpuUs[k] ?? []);
const cpuText = (p: Path) => `${cpuMed(`${p}:poll`).toFixed(0)} / ${cpuMed(`${p}:submit`).toFixed(0)}`;
const fwdPoll = rps("forwarder:poll");
const fwdSubmit = rps("forwarder:submit");
const falPoll = rps("fal:poll");
/** Per round, `v`'s figure over its baseline's (memory, or memory+webhooks) in the same round: median, min, max. */
const storeRatios = (v: Store, kind: "poll" | "submit") => {
  const base = v.endsWith("webhooks") ? "memory+webhooks" : "memory";
  const mine = storeThr[`${v}:${kind}`] ?? [];
  const theirs = storeThr[`${base}:${kind}`] ?? [];
  const ratios = mine.map((x, i) => x / theirs[i]!);
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
};
const ratioText = (v: Store, kind: "poll" | "submit") => {
  const r = storeRatios(v, kind);
  return `**${r.median.toFixed(2)}×** (rounds ${r.min.toFixed(2)}–${r.max.toFixed(2)})`;
};
/** Baseline CPU per request over the variant's, the proxy's and redis-server's together. */
const cpuRatio = (v: Store, kind: "poll" | "submit") => {
  const base = v.endsWith("webhooks") ? "memory+webhooks" : "memory";
  const redisUs = median(storeRedisCpu[`${v}:${kind}`] ?? []);
  const total = median(storeCpu[`${v}:${kind}`] ?? []) + (Number.isNaN(redisUs) ? 0 : redisUs);
  return (median(storeCpu[`${base}:${kind}`] ?? []) / total).toFixed(2);
};
const usText = (xs: number[] | undefined) =>
  Number.isNaN(median(xs ?? [])) ? "–" : median(xs ?? []).toFixed(0);
const lines = [
  "# @flux-kit/proxy benchmark",
  "",
  `One run of \`bench/run.ts\` on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}, loopback.`,
  `Upstream, each proxy and autocannon run in separate processes. Throughput: ${CONNECTIONS} connections, ${SECONDS} s per`,
  `measurement, ${ROUNDS} interleaved rounds (order reversed every other round), medians. Latency: 2,000 sequential polls (200 discarded) per round.`,
  "",
  "Paths: **direct** (autocannon → upstream), **ours** (`@flux-kit/proxy/node`, with auth check, route/model checks,",
  "zod validation of submits, polling-URL rewriting), **forwarder** (~20-line `node:http` server + keep-alive",
  "`http.request`: the practical ceiling for a Node proxy here), **fal** (`@fal-ai/server-proxy` Express handler, express 4).",
  "",
  "## Throughput (requests/s, median of rounds)",
  "",
  "| path | polls/s | × forwarder | submits/s | × forwarder | poll p50 latency @1 conn | CPU µs per poll / submit |",
  "|---|---|---|---|---|---|---|",
  ...PATHS.map(
    (p) =>
      `| ${p} | ${rps(`${p}:poll`).toFixed(0)} | ${(rps(`${p}:poll`) / fwdPoll).toFixed(2)} | ${rps(`${p}:submit`).toFixed(0)} | ${(rps(`${p}:submit`) / fwdSubmit).toFixed(2)} | ${median(lat[p] ?? []).toFixed(2)} ms | ${cpuText(p)} |`,
  ),
  "",
  "CPU µs = CPU time (user + system, all threads) of the serving process per request, median of rounds: the",
  "proxy's own process for the three proxies, the upstream's for `direct`. Unlike requests/s it barely moves when",
  "other work shares the machine. Rounds (each: " +
    ROUNDS +
    " × the 4 paths back to back) are all read for every ratio.",
  "",
  `- ours ÷ forwarder (submits): **${(rps("ours:submit") / fwdSubmit).toFixed(2)}×**; target ≥ 0.9× (issue #12). By CPU per request: **${(cpuMed("forwarder:submit") / cpuMed("ours:submit")).toFixed(2)}×**.`,
  `- ours ÷ fal (submits): **${(rps("ours:submit") / rps("fal:submit")).toFixed(1)}×**; target ≥ 4×.`,
  `- ours ÷ fal (polls): **${(rps("ours:poll") / falPoll).toFixed(1)}×**; target ≥ 4×.`,
  `- ours ÷ forwarder (polls): **${(rps("ours:poll") / fwdPoll).toFixed(2)}×**; target ≥ 0.8×. By CPU per request: **${(cpuMed("forwarder:poll") / cpuMed("ours:poll")).toFixed(2)}×**.`,
  `- added p50 latency over direct (sequential polls on one keep-alive connection, hrtime): ours **${(median(lat.ours ?? []) - median(lat.direct ?? [])).toFixed(2)} ms**` +
    ` (target ≤ 0.3 ms), fal ${(median(lat.fal ?? []) - median(lat.direct ?? [])).toFixed(2)} ms, forwarder ${(median(lat.forwarder ?? []) - median(lat.direct ?? [])).toFixed(2)} ms.`,
  "",
  "## Store: Redis vs in-memory (`ours`, per-client limit on)",
  "",
  "`ours` four ways, each in its own process with the same options: the in-memory store (`createMemoryStore()`) or the",
  "Redis store (`createRedisStore({ url })`, on a `redis-server` this run starts on a loopback port, no persistence), each",
  "without and with the proxy's `webhooks`. The per-client limit is on, at 256 (no task ever ends here, so the default 4",
  "would refuse), and clients are told apart by `X-Forwarded-For` (`trustProxy: true`): submits come from " +
    `${CLIENTS.length} clients in`,
  "turn, polls from one. The upstream gives each submit a task id of its own. A submit takes the client's place, binds",
  "the task and, with webhooks, claims its delivery (one Lua script each on Redis). A poll (with the proxy's signed",
  "token) uses no store without webhooks and goes upstream; with webhooks it reads the task's delivery (awaited: the",
  "proxy answers `Pending`) and does not go upstream. Each measurement starts from an empty store (FLUSHALL; a new",
  `memory store). ${CONNECTIONS} connections, ${SECONDS} s per measurement, ${STORE_ROUNDS} interleaved rounds (order reversed every other round),`,
  "medians. × memory = the median over rounds of the variant's requests/s over its memory baseline's in the same round",
  "(memory for redis, memory+webhooks for redis+webhooks). redis-server's CPU (`INFO cpu`) comes on top of the proxy's,",
  `on the same ${os.cpus().length} cores as the proxy, the upstream and autocannon.`,
  "",
  "| variant | polls/s | × memory | submits/s | × memory | poll p50 latency @1 conn | proxy CPU µs per poll / submit | redis-server CPU µs per poll / submit |",
  "|---|---|---|---|---|---|---|---|",
  ...STORES.map((v) => {
    const ratio = (kind: "poll" | "submit") =>
      v.startsWith("memory") ? "1.00" : storeRatios(v, kind).median.toFixed(2);
    return `| ${v} | ${median(storeThr[`${v}:poll`] ?? []).toFixed(0)} | ${ratio("poll")} | ${median(storeThr[`${v}:submit`] ?? []).toFixed(0)} | ${ratio("submit")} | ${median(storeLat[v] ?? []).toFixed(2)} ms | ${usText(storeCpu[`${v}:poll`])} / ${usText(storeCpu[`${v}:submit`])} | ${usText(storeRedisCpu[`${v}:poll`])} / ${usText(storeRedisCpu[`${v}:submit`])} |`;
  }),
  "",
  `- Redis ÷ memory, submits: ${ratioText("redis", "submit")}; polls (no store used, so ≈ 1 but for noise): ${ratioText("redis", "poll")}. Target ≥ 0.7×.` +
    ` By CPU per request (the proxy's and redis-server's): ${cpuRatio("redis", "submit")}× / ${cpuRatio("redis", "poll")}×.`,
  `- With webhooks, Redis ÷ memory, submits: ${ratioText("redis+webhooks", "submit")}; polls (a store read each, no upstream): ${ratioText("redis+webhooks", "poll")}. Target ≥ 0.7×.` +
    ` By CPU per request: ${cpuRatio("redis+webhooks", "submit")}× / ${cpuRatio("redis+webhooks", "poll")}×.`,
  "",
  "## Images: a 20 MB image to a client reading at 2 MB/s",
  "",
  "Bytes queued = peak, sampled every 10 ms inside the proxy process, of bytes read from upstream sockets but not yet",
  "consumed plus bytes handed to client sockets but not yet taken by the kernel (kernel buffers not counted). RSS growth",
  "= peak RSS minus idle RSS (after `gc()`), for 1 and for 4 concurrent slow clients.",
  "",
  "| path | bytes delivered | bytes queued in proxy (1 stream) | RSS growth, 1 stream | RSS growth, 4 streams |",
  "|---|---|---|---|---|",
  ...(["ours", "forwarder", "fal"] as const).map((p) => {
    const i = images[p]!;
    return `| ${p} | ${mb(i.bytes)} | ${kb(i.queued)} | ${mb(i.rss1)} | ${mb(i.rss4)} |`;
  }),
  "",
  `Targets: queued ≤ 256 KB; ours' 4-stream RSS growth ≤ forwarder's + 10% (${mb(images.forwarder!.rss4 * 1.1)}).`,
  "",
  "## Memory over 3 × 50,000 polls (+ 3 × 10,000 submits), ours and the forwarder, the same requests interleaved",
  "",
  "Figures after `gc()` at each checkpoint (external = V8-tracked memory outside the JS heap, e.g. Buffers).",
  "",
  "| after | ours RSS | ours heap used | ours external | forwarder RSS | forwarder heap used | forwarder external |",
  "|---|---|---|---|---|---|---|",
  ...["warm-up (5,000 + 1,000)", "+ 60,000", "+ 120,000", "+ 180,000"].map((label, i) => {
    const o = memory.ours[i]!;
    const f = memory.forwarder[i]!;
    return `| ${label} | ${mb(o.rss)} | ${mb(o.heapUsed)} | ${mb(o.external)} | ${mb(f.rss)} | ${mb(f.heapUsed)} | ${mb(f.external)} |`;
  }),
  "",
  ...(["ours", "forwarder"] as const).map((p) => {
    const m = memory[p];
    const steps = [1, 2, 3].map((i) => mb(m[i]!.rss - m[i - 1]!.rss)).join(", ");
    return `- ${p}: RSS growth per 60,000 requests after warm-up ${steps}; heap growth overall ${mb(m[3]!.heapUsed - m[0]!.heapUsed)}.`;
  }),
  "",
  "## Upstream statuses as the client sees them (upstream answers 404, 422, 429, 500)",
  "",
  "| path | 404 | 422 | 429 | 500 |",
  "|---|---|---|---|---|",
  ...PATHS.map((p) => `| ${p} | ${(statuses[p] ?? []).join(" | ")} |`),
  "",
];
// Sections below KEPT_MARKER are written by other benchmarks (requests.ts, fleet.ts, hmac.bench.ts): kept as they are.
const resultsFile = join(here, "RESULTS.md");
const previous = existsSync(resultsFile) ? readFileSync(resultsFile, "utf8") : "";
const kept = previous.includes(KEPT_MARKER) ? previous.slice(previous.indexOf(KEPT_MARKER)) : "";
writeFileSync(resultsFile, kept ? `${lines.join("\n").trimEnd()}\n\n${kept}` : lines.join("\n"));
console.log(lines.join("\n"));
