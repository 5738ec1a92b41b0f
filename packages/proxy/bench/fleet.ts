// Makespan of 200 generations spread over three proxy instances that share one Redis store, at the account cap
// of 24 (#16): the instances' line hands places out as tasks end, and nobody sends BFL a 25th task. Real time,
// real sockets where the deployment has them: the proxies reach @flux-kit/mock over loopback HTTP and a real
// redis-server over TCP; ten core clients (browsers) call the proxies' handlers in turn (a round-robin
// balancer, in process), and the mock's webhooks are handed to them the same way. The baseline, in the same run:
// one core client straight to the mock with its own limiter at 24 (the mock benchmark's setup).
// Run: npx tsx --conditions=@flux-kit/source bench/fleet.ts   (writes its section of bench/RESULTS.md)
import { writeSection } from "./writeSection";
import { createFluxClient, FluxError, FluxRateLimitError, type FluxClient } from "@flux-kit/core";
import { startMockServer, type MockServer } from "@flux-kit/mock";
import { createFluxProxy, type FluxProxyHandler, type FluxProxyOptions } from "../src/index";
import { createRedisStore, type RedisStore } from "../src/redis";
import { startRedisServer } from "../test/redisServer";

const TOTAL = 200;
const CLIENTS = 10;
const CAP = 24;
const SPEED = 2;
const INSTANCES = 3;
const MODEL = "flux-2-klein-4b";
const PROXY = "https://proxy.bench.invalid";
const SECRET = "bench-webhook-secret-0123456789";

interface Run {
  readonly name: string;
  readonly makespanS: number;
  readonly meanS: number;
  readonly idealS: number;
  readonly lowerBoundS: number;
  readonly refusedToCaller: number;
  readonly otherErrors: number;
  readonly mock429: number;
  readonly created: number;
  readonly duplicates: number;
  readonly upstreamPolls: number;
  readonly clientRequests: number;
  /** From each task's end (the mock's clock, real time) to its caller having the result: mean and 95th percentile. */
  readonly lagMeanMs: number;
  readonly lagP95Ms: number;
}

async function startMock(deliver?: (request: Request) => Promise<Response>): Promise<MockServer> {
  return startMockServer({
    port: 0,
    seed: 42,
    speed: SPEED,
    durationMs: [2000, 8000],
    credits: 1e6,
    maxRequestLog: 1e6,
    ...(deliver && { webhooks: { fetch: deliver, retryDelaysMs: [200, 1000] } }),
  });
}

/** Runs `TOTAL` generations over `clients`, all at once, and reads the mock's log. */
async function measure(
  name: string,
  mock: MockServer,
  clients: readonly FluxClient[],
  counted: () => number,
): Promise<Run> {
  let refusedToCaller = 0;
  let otherErrors = 0;
  const resultAt = new Map<string, number>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: TOTAL }, async (_, i) => {
      try {
        const result = await clients[i % clients.length]!.generate(MODEL, {
          prompt: `fleet ${i}`,
          width: 64,
          height: 64,
        });
        resultAt.set(result.id, Date.now());
      } catch (error) {
        if (error instanceof FluxRateLimitError) refusedToCaller++;
        else otherErrors++;
        console.error(`${name}: ${FluxError.from(error).message}`);
      }
    }),
  );
  const makespanS = (performance.now() - started) / 1000;
  const tasks = mock.mock.tasks;
  const durations = tasks.map((t) => (t.finishesAt - t.createdAt) / 1000);
  const meanS = durations.reduce((s, d) => s + d, 0) / durations.length;
  const submits = mock.mock.requests.filter((r) => r.route === "submit");
  const created = submits.filter((r) => r.status === 200).length;
  const lags = tasks
    .filter((t) => resultAt.has(t.id))
    .map((t) => resultAt.get(t.id)! - t.finishesAt)
    .sort((a, b) => a - b);
  return {
    lagMeanMs: lags.reduce((s, x) => s + x, 0) / Math.max(1, lags.length),
    lagP95Ms: lags[Math.floor(lags.length * 0.95)] ?? NaN,
    name,
    makespanS,
    meanS,
    idealS: Math.ceil(TOTAL / CAP) * meanS,
    lowerBoundS: Math.max(durations.reduce((s, d) => s + d, 0) / CAP, Math.max(...durations)),
    refusedToCaller,
    otherErrors,
    mock429: submits.filter((r) => r.status === 429).length,
    created,
    duplicates: created - new Set(tasks.map((t) => t.prompt)).size,
    upstreamPolls: mock.mock.requests.filter((r) => r.route === "poll").length,
    clientRequests: counted(),
  };
}

async function direct(): Promise<Run> {
  const mock = await startMock();
  try {
    const client = createFluxClient({ apiKey: "mock-key", baseUrl: mock.url, maxConcurrent: CAP });
    return await measure(
      "one core client → mock (its limiter at 24)",
      mock,
      [client],
      () => mock.mock.requests.filter((r) => r.route === "submit" || r.route === "poll").length,
    );
  } finally {
    await mock.close();
  }
}

async function fleet(name: string, redisUrl: string, extra: Partial<FluxProxyOptions>): Promise<Run> {
  const handlers: FluxProxyHandler[] = [];
  let turn = 0;
  let requests = 0;
  /** The balancer: each request to the next instance. */
  const balance = (request: Request) => handlers[turn++ % handlers.length]!(request);
  const mock = await startMock(balance);
  const stores: RedisStore[] = [];
  const prefix = `fleet-${Date.now()}-${Math.random().toString(36).slice(2)}:`;
  try {
    for (let i = 0; i < INSTANCES; i++) {
      const store = createRedisStore({ url: redisUrl, prefix });
      stores.push(store);
      handlers.push(
        createFluxProxy({
          apiKey: "mock-key",
          allowAnonymous: true,
          upstream: mock.url,
          imageProxy: { allowedOrigins: [mock.deliveryUrl] },
          store,
          clientId: (request) => request.headers.get("x-user") ?? "anonymous",
          // a batch sent at once: the last of 200 waits about 22 s for its place, within the clients' 60 s
          limits: { maxActiveTasks: CAP, maxActiveTasksPerClient: Infinity, queueWaitMs: 50_000 },
          ...extra,
        }),
      );
    }
    const clients = Array.from({ length: CLIENTS }, (_, i) =>
      createFluxClient({
        baseUrl: `${PROXY}/api/flux`,
        timeoutMs: 60_000,
        headers: { "x-user": `browser-${i}` },
        fetch: (input, init) => {
          requests++;
          return balance(new Request(input, init));
        },
      }),
    );
    return await measure(name, mock, clients, () => requests);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
    await mock.close();
  }
}

const redis = await startRedisServer();
const runs: Run[] = [];
try {
  runs.push(await direct());
  runs.push(await fleet("3 proxies + Redis, polling BFL (long polls)", redis.url, {}));
  runs.push(
    await fleet("3 proxies + Redis, `webhooks`", redis.url, {
      webhooks: { publicUrl: `${PROXY}/api/flux/v1/webhook`, secret: SECRET },
    }),
  );
} finally {
  await redis.stop();
}

// ---- report ---------------------------------------------------------------------------------------------------

const f = (x: number, digits = 2) => x.toFixed(digits);
const lines = [
  "<!-- written by fleet.ts: begin -->",
  "## Makespan: 200 generations over three instances sharing Redis, at the account cap (`bench/fleet.ts`)",
  "",
  `${TOTAL} generations of \`${MODEL}\` (64×64) sent at once by ${CLIENTS} core clients (browsers, 20 each) through`,
  `${INSTANCES} \`createFluxProxy\` instances that share one real redis-server, with \`limits: { maxActiveTasks: ${CAP},`,
  "queueWaitMs: 50_000 }` (a batch sent at once: the last submit waits about 22 s in line) and the clients'",
  "`timeoutMs: 60_000`. Requests go to the instances in turn (a round-robin balancer in process); the instances",
  "reach `@flux-kit/mock` over loopback HTTP, and its webhooks are handed to them in turn too. Mock durations 2–8 s",
  `uniform ÷ speed ${SPEED}, at BFL's caps (24 active, 429 over). Real time, one run. Baseline in the same run: one`,
  "core client straight to the mock, its own limiter at 24 (the mock benchmark's setup). Ideal = waves × mean",
  "duration (⌈200 / 24⌉ = 9 waves); target ≤ 1.1× with 0 429s from the mock.",
  "",
  "| setup | makespan | mean task | ideal (9 waves) | **× ideal** | × lower bound max(Σd/24, max d) | 429s from the mock | refused to the caller | duplicate tasks | other errors | upstream polls | client requests | lag after a task ends: mean / p95 |",
  "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ...runs.map(
    (r) =>
      `| ${r.name} | ${f(r.makespanS)} s | ${f(r.meanS)} s | ${f(r.idealS)} s | **${f(r.makespanS / r.idealS, 3)}** | ` +
      `${f(r.makespanS / r.lowerBoundS, 3)} | ${r.mock429} | ${r.refusedToCaller} | ${r.duplicates} | ${r.otherErrors} | ` +
      `${r.upstreamPolls} | ${r.clientRequests} | ${f(r.lagMeanMs, 0)} / ${f(r.lagP95Ms, 0)} ms |`,
  ),
  "<!-- written by fleet.ts: end -->",
];

writeSection(lines);
