/**
 * Benchmarks of @flux-kit/mock, written to bench/RESULTS.md:
 *  1. polls/s one mock process serves (a child process, so the load generator does not share its core);
 *  2. time to render a 1024×1024 JPEG (and PNG);
 *  3. makespan of 200 generations through the core client (cap 24, durations 2–8 s at a speed factor).
 *
 * Run: npx tsx --conditions=@flux-kit/source bench/mock.bench.ts [--quick]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createFluxClient, FluxError, FluxRateLimitError } from "@flux-kit/core";
import { encodeJpeg, encodePng, renderImage, startMockServer } from "../src/index";

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes("--quick");
const KEY = "mock-key";

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

/** autocannon (a devDependency) when it can be loaded; the fetch loop is measured either way. */
function loadAutocannon(): Autocannon | undefined {
  try {
    return createRequire(import.meta.url)("autocannon") as Autocannon;
  } catch {
    return undefined;
  }
}

async function startChildServer(): Promise<{ url: string; child: ChildProcess }> {
  const tsx = join(here, "../../../node_modules/.bin/tsx");
  const child = spawn(
    tsx,
    ["--conditions=@flux-kit/source", join(here, "../src/bin.ts"), "--port", "0", "--seed", "1"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`mock server exited with ${code}`)));
  });
  return { url, child };
}

async function fetchLoop(url: string, connections: number, durationMs: number): Promise<number> {
  let count = 0;
  const end = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const res = await fetch(url);
        await res.arrayBuffer();
        count += 1;
      }
    }),
  );
  return count / (durationMs / 1000);
}

async function benchPolls(): Promise<string[]> {
  const { url, child } = await startChildServer();
  try {
    const submit = async (prompt: string) => {
      const res = await fetch(`${url}/v1/flux-2-pro`, {
        method: "POST",
        headers: { "x-key": KEY, "content-type": "application/json" },
        body: JSON.stringify({ prompt, width: 1024, height: 1024 }),
      });
      return ((await res.json()) as { polling_url: string }).polling_url;
    };
    const pending = await submit("[mock:stuck] bench");
    const seconds = quick ? 3 : 10;
    const rows: string[] = [];
    const autocannon = loadAutocannon();
    if (autocannon) {
      await autocannon({ url: pending, connections: 16, duration: 1 }); // warm-up
      const r = await autocannon({ url: pending, connections: 32, pipelining: 1, duration: seconds });
      rows.push(
        `| autocannon, 32 connections, Pending task | ${Math.round(r.requests.average).toLocaleString("en")} | ${r.latency.p50} / ${r.latency.p99} | ${r.non2xx + r.errors} |`,
      );
    }
    await fetchLoop(pending, 16, 1000);
    const loop = await fetchLoop(pending, 32, seconds * 1000);
    rows.push(
      `| fetch loop (undici keep-alive), 32 concurrent, Pending task | ${Math.round(loop).toLocaleString("en")} | – | 0 |`,
    );
    return rows;
  } finally {
    child.kill("SIGTERM");
  }
}

function benchRender(): string[] {
  const time = (fn: () => void, runs: number) => {
    fn(); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      fn();
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    return { median: samples[Math.floor(runs / 2)] ?? 0, max: samples[runs - 1] ?? 0 };
  };
  const runs = quick ? 5 : 15;
  let i = 0;
  const pixels = time(() => void renderImage(1024, 1024, `prompt ${i++}`, 1), runs);
  const img = renderImage(1024, 1024, "a serene mountain landscape", 7);
  const jpeg = time(() => void encodeJpeg(img, 85), runs);
  const png = time(() => void encodePng(img), runs);
  const full = time(() => void encodeJpeg(renderImage(1024, 1024, `p ${i++}`, 2), 85), runs);
  const size = (n: number) => `${Math.round(n / 1024)} KiB`;
  return [
    `| paint 1024×1024 pixels | ${pixels.median.toFixed(1)} | ${pixels.max.toFixed(1)} | – |`,
    `| encode JPEG (q85, jpeg-js) | ${jpeg.median.toFixed(1)} | ${jpeg.max.toFixed(1)} | ${size(encodeJpeg(img).byteLength)} |`,
    `| encode PNG (fflate level 4) | ${png.median.toFixed(1)} | ${png.max.toFixed(1)} | ${size(encodePng(img).byteLength)} |`,
    `| **render + JPEG, total** | **${full.median.toFixed(1)}** | ${full.max.toFixed(1)} | – |`,
  ];
}

async function benchMakespan(): Promise<string[]> {
  const total = quick ? 60 : 200;
  const cap = 24;
  const speed = 2;
  const server = await startMockServer({
    port: 0,
    seed: 42,
    speed,
    durationMs: [2000, 8000],
    credits: 1e6,
    maxRequestLog: 1e6,
  });
  try {
    const client = createFluxClient({ apiKey: KEY, baseUrl: server.url, maxConcurrent: cap });
    let rateLimited = 0;
    let otherErrors = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: total }, async (_, i) => {
        try {
          const result = await client.generate("flux-2-klein-4b", {
            prompt: `makespan ${i}`,
            width: 64,
            height: 64,
          });
          await client.download(result);
        } catch (error) {
          if (error instanceof FluxRateLimitError) rateLimited += 1;
          else otherErrors += 1;
          console.error(FluxError.from(error).message);
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const tasks = server.mock.tasks;
    const durations = tasks.map((t) => (t.finishesAt - t.createdAt) / 1000);
    const mean = durations.reduce((s, d) => s + d, 0) / durations.length;
    const ideal = Math.ceil(total / cap) * mean;
    const lowerBound = Math.max(durations.reduce((s, d) => s + d, 0) / cap, Math.max(...durations));
    const submits = server.mock.requests.filter((r) => r.route === "submit");
    const served429 = submits.filter((r) => r.status === 429).length;
    const created = submits.filter((r) => r.status === 200).length;
    const prompts = new Set(tasks.map((t) => t.prompt));
    const duplicates = created - prompts.size;
    const polls = server.mock.requests.filter((r) => r.route === "poll").length;
    return [
      `| generations | ${total} (flux-2-klein-4b, 64×64, generate + download) |`,
      `| mock durations | 2–8 s uniform ÷ speed ${speed} → mean ${mean.toFixed(2)} s |`,
      `| cap | ${cap} (client limiter and mock) |`,
      `| **makespan** | **${elapsed.toFixed(2)} s** |`,
      `| ideal ${Math.ceil(total / cap)}-wave schedule (waves × mean duration) | ${ideal.toFixed(2)} s → ratio **${(elapsed / ideal).toFixed(3)}** (target ≤ 1.1) |`,
      `| lower bound max(Σd/24, max d) | ${lowerBound.toFixed(2)} s → ratio ${(elapsed / lowerBound).toFixed(3)} |`,
      `| 429s surfaced to the caller | **${rateLimited}** (target 0); 429s the mock served: ${served429} |`,
      `| duplicate submits | **${duplicates}** (must be 0); tasks created ${created} |`,
      `| other errors | ${otherErrors} |`,
      `| polls | ${polls} (${(polls / total).toFixed(1)} per generation) |`,
    ];
  } finally {
    await server.close();
  }
}

const polls = await benchPolls();
const render = benchRender();
const makespan = await benchMakespan();

const md = `# @flux-kit/mock benchmarks

Machine: ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}. Generated by \`bench/mock.bench.ts\`${quick ? " (--quick)" : ""} on ${new Date().toISOString().slice(0, 10)}.

## Polls per second on one core

The mock runs in its own process (the \`flux-mock\` CLI, single-threaded, so one core); the load generator runs in
another. Each request is a full \`GET /v1/get_result?id=…\` of a Pending task over loopback HTTP/1.1 keep-alive.

| load generator | polls/s | latency p50 / p99 (ms) | errors |
|---|---:|---:|---:|
${polls.join("\n")}

## Rendering a 1024×1024 image

Pure JavaScript (runs in browsers too); each task's image is rendered once on first download and cached.

| step | median (ms) | max (ms) | size |
|---|---:|---:|---:|
${render.join("\n")}

## Makespan: 200 generations through the core client

| metric | value |
|---|---|
${makespan.join("\n")}
`;

writeFileSync(join(here, "RESULTS.md"), md);
console.log(md);
process.exit(0);
