// Upstream requests per generation after its submit, with the proxy's `webhooks` and without: counted, not
// timed. @flux-kit/core's client generates through `createFluxProxy` against @flux-kit/mock, all in this process
// with no socket: the client's `fetch` is the proxy's handler, the proxy's `fetch` the mock's, and the mock's
// webhook `fetch` the proxy's handler again. Time is virtual (`Date.now` and the timer globals are replaced):
// whenever nothing is in flight the earliest timer fires, so the client's adaptive polling, the mock's task
// durations and its webhooks run on one clock, and every count is exact and the same on every run.
// Run: npx tsx --conditions=@flux-kit/source bench/requests.ts   (writes its section of bench/RESULTS.md)
import { writeSection } from "./writeSection";

const GENERATIONS = 20;
const MODEL = "flux-2-pro";
const SEED = 20_260_101;
/** Host names nothing resolves (`.invalid`): every request is handed to a handler in this process. */
const PROXY = "https://proxy.bench.invalid";
const BFL = "https://bfl.bench.invalid";
/** Where the mock's images are (`result.sample`): a delivery host the proxy's image route allows. */
const DELIVERY = "https://delivery.bench.invalid";
const SECRET = "bench-webhook-secret-0123456789";

// ---- virtual time -------------------------------------------------------------------------------------------

interface VirtualTimer {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
}
let now = Date.now();
let seq = 0;
let nextId = 1;
const timers = new Map<number, VirtualTimer>();
/** What the timer globals return: a number-like handle with Node's methods, all inert. */
class Handle {
  constructor(readonly id: number) {}
  ref() {
    return this;
  }
  unref() {
    return this;
  }
  hasRef() {
    return false;
  }
  [Symbol.toPrimitive]() {
    return this.id;
  }
}
const idOf = (handle: unknown): number | undefined =>
  handle instanceof Handle ? handle.id : typeof handle === "number" ? handle : undefined;
function schedule(id: number, ms: unknown, fire: () => void): void {
  const delay = Math.max(1, Number(ms) || 0);
  timers.set(id, { at: now + delay, seq: seq++, run: fire });
}
const clear = (handle: unknown) => {
  const id = idOf(handle);
  if (id !== undefined) timers.delete(id);
};
const virtual = globalThis as unknown as Record<string, unknown>;
virtual.setTimeout = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const id = nextId++;
  schedule(id, ms, () => {
    timers.delete(id);
    fn(...args);
  });
  return new Handle(id);
};
virtual.setInterval = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const id = nextId++;
  const tick = () => {
    schedule(id, ms, tick);
    fn(...args);
  };
  schedule(id, ms, tick);
  return new Handle(id);
};
virtual.clearTimeout = clear;
virtual.clearInterval = clear;
Date.now = () => now;
// nothing here may reach a network
globalThis.fetch = () => Promise.reject(new Error("requests.ts: no network; every fetch is injected"));

/**
 * Web Crypto calls not yet done. Everything else here runs in microtasks or waits on a (virtual) timer, a held
 * long poll included; Web Crypto runs on libuv's thread pool (the mock signs its delivery URLs with it when a task
 * ends), and time may not move on while a call is out, or a delivery would land at a later timer's time.
 */
let inflight = 0;
function track<T>(work: Promise<T>): Promise<T> {
  inflight++;
  return work.finally(() => inflight--);
}
const subtle = globalThis.crypto.subtle as unknown as Record<
  string,
  (...args: unknown[]) => Promise<unknown>
>;
for (const name of [
  "importKey",
  "sign",
  "verify",
  "digest",
  "encrypt",
  "decrypt",
  "deriveBits",
  "deriveKey",
]) {
  const original = subtle[name]!.bind(globalThis.crypto.subtle);
  subtle[name] = (...args: unknown[]) => track(original(...args));
}
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs virtual time until `work` settles: the earliest timer fires once no Web Crypto call is out and all is quiet. */
async function runVirtual<T>(work: Promise<T>): Promise<T> {
  let settled = false;
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (;;) {
    // time moves only when no Web Crypto call is out and the microtasks (and immediates they queue) have run
    do await turn();
    while (inflight > 0);
    await turn();
    await turn();
    if (settled) return work;
    let first: [number, VirtualTimer] | undefined;
    for (const entry of timers) {
      const [, t] = entry;
      if (!first || t.at < first[1].at || (t.at === first[1].at && t.seq < first[1].seq)) first = entry;
    }
    if (!first)
      throw new Error("requests.ts: nothing in flight and no timer, yet the generation is not done");
    now = Math.max(now, first[1].at);
    first[1].run();
  }
}

// ---- the rig --------------------------------------------------------------------------------------------------

// imported once the clock is virtual, so nothing keeps a reference to the real one
const { createFluxClient, fixedPolling } = await import("@flux-kit/core");
const { createMockBfl } = await import("@flux-kit/mock");
const { createFluxProxy } = await import("../src/index");

interface Generation {
  readonly upstreamPolls: number;
  readonly upstreamOther: number;
  readonly clientPolls: number;
  readonly clientSubmits: number;
  readonly delivered: boolean;
  /** Virtual time from the call to `generate` to its result. */
  readonly ms: number;
  /** How long after the task ended (the mock's clock) the client had its result. */
  readonly lagMs: number;
}

const hostOf = (input: RequestInfo | URL): string =>
  new URL(input instanceof Request ? input.url : String(input)).origin;

interface Mode {
  /** The proxy's own webhooks on. */
  readonly webhooks: boolean;
  /** The proxy's long polls (on by default): the client's poll is held until the status changes. */
  readonly longPolls: boolean;
  /** Whether the mock reports progress while Pending (BFL does for FLUX.2). */
  readonly progress: boolean;
  /** A model other than `MODEL`, each run taking `durationMs` (FLUX 3 Image's typical 90 s). */
  readonly model?: { readonly id: "flux-3-image"; readonly durationMs: number };
  /** The client's polling policy: its adaptive default, or a fixed interval (the AI SDK's and fal's 500 ms). */
  readonly fixedPollMs?: number;
}

async function generations({
  webhooks,
  longPolls,
  progress,
  model,
  fixedPollMs,
}: Mode): Promise<Generation[]> {
  const handler: { proxy?: ReturnType<typeof createFluxProxy> } = {};
  const toProxy = (request: Request, peer: string) => {
    if (hostOf(request) !== PROXY) throw new Error(`unexpected host ${request.url}`);
    return handler.proxy!(request, { clientAddress: peer });
  };
  const mock = createMockBfl({
    seed: SEED,
    progress: progress ? "fraction" : "null",
    maxRequestLog: 100_000,
    deliveryOrigin: DELIVERY,
    ...(model && { durationMs: model.durationMs }),
    webhooks: { fetch: (request) => toProxy(request, "192.0.2.1") },
  });
  handler.proxy = createFluxProxy({
    apiKey: "mock-key",
    allowAnonymous: true,
    upstream: BFL,
    imageProxy: { allowedOrigins: [DELIVERY] },
    fetch: (input, init) => {
      const host = hostOf(input);
      if (host !== BFL) throw new Error(`unexpected upstream ${host}`);
      return mock.fetch(input, init);
    },
    ...(webhooks && { webhooks: { publicUrl: `${PROXY}/api/flux/v1/webhook`, secret: SECRET } }),
    ...(!longPolls && { longPolls: false }),
  });
  const sent = { polls: 0, submits: 0 };
  const client = createFluxClient({
    baseUrl: `${PROXY}/api/flux`,
    ...(fixedPollMs !== undefined && { poll: { policy: fixedPolling(fixedPollMs) } }),
    fetch: (input, init) => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname.endsWith("/v1/get_result")) sent.polls++;
      else sent.submits++;
      return toProxy(request, "203.0.113.7");
    },
  });

  const done: Generation[] = [];
  for (let i = 0; i < GENERATIONS; i++) {
    const before = { requests: mock.requests.length, ...sent };
    const started = Date.now();
    let id = "";
    const result = await runVirtual(
      model
        ? client.generate(
            model.id,
            { prompt: `a red fox in the snow, study ${i + 1}` },
            { onSubmitted: (job) => void (id = job.id) },
          )
        : client.generate(
            MODEL,
            { prompt: `a red fox in the snow, study ${i + 1}`, width: 1024, height: 768 },
            { onSubmitted: (job) => void (id = job.id) },
          ),
    );
    if (result.id !== id || !result.url) throw new Error(`generation ${i + 1} ended without its image`);
    const upstream = mock.requests.slice(before.requests);
    done.push({
      upstreamPolls: upstream.filter((r) => r.route === "poll").length,
      upstreamOther: upstream.filter((r) => r.route !== "poll" && r.route !== "submit").length,
      clientPolls: sent.polls - before.polls,
      clientSubmits: sent.submits - before.submits,
      delivered: mock.webhooks.some((w) => w.taskId === id && w.delivered),
      ms: Date.now() - started,
      lagMs: Date.now() - (mock.task(id)?.finishesAt ?? NaN),
    });
  }
  mock.close();
  timers.clear();
  return done;
}

const FLUX3 = { id: "flux-3-image", durationMs: 90_000 } as const;
const MODES = {
  polling: { webhooks: false, longPolls: true, progress: true },
  webhooks: { webhooks: true, longPolls: true, progress: true },
  shortPolling: { webhooks: false, longPolls: false, progress: true },
  shortWebhooks: { webhooks: true, longPolls: false, progress: true },
  // what the client does with no progress to go on, as with webhooks (the store's Pending carries none)
  shortQuiet: { webhooks: false, longPolls: false, progress: false },
  // a 90 s FLUX 3 Image run (its stages Pending → Reasoning → Generating → Ready; no webhooks: its schema has none)
  flux3Long: { webhooks: false, longPolls: true, progress: true, model: FLUX3 },
  flux3Adaptive: { webhooks: false, longPolls: false, progress: true, model: FLUX3 },
  flux3Fixed: { webhooks: false, longPolls: false, progress: true, model: FLUX3, fixedPollMs: 500 },
} satisfies Record<string, Mode>;
// Each mode twice: the counts must not differ (nothing here depends on the machine).
const runs = {} as Record<keyof typeof MODES, Generation[]>;
for (const [name, mode] of Object.entries(MODES) as [keyof typeof MODES, Mode][]) {
  const first = await generations(mode);
  const again = await generations(mode);
  if (JSON.stringify(again) !== JSON.stringify(first))
    throw new Error(`${name}: two runs counted differently`);
  runs[name] = first;
}

// ---- report ---------------------------------------------------------------------------------------------------

const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / Math.max(1, xs.length);
const medianOf = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN;
const per = (gs: Generation[], pick: (g: Generation) => number) => mean(gs.map(pick)).toFixed(2);
const delivered = [...runs.webhooks, ...runs.shortWebhooks].filter((g) => g.delivered);
const other = Object.values(runs).reduce((n, gs) => n + gs.reduce((m, g) => m + g.upstreamOther, 0), 0);
const row = (mode: string, gs: Generation[]) =>
  `| ${mode} | ${per(gs, (g) => g.upstreamPolls)} | ${Math.max(...gs.map((g) => g.upstreamPolls))} | ` +
  `${per(gs, (g) => g.clientSubmits + g.clientPolls)} (${per(gs, (g) => g.clientSubmits)} + ${per(gs, (g) => g.clientPolls)}) | ` +
  `${gs.filter((g) => g.delivered).length} / ${gs.length} | ${(medianOf(gs.map((g) => g.ms)) / 1000).toFixed(2)} s | ` +
  `${mean(gs.map((g) => g.lagMs)).toFixed(0)} ms |`;
const lag = (gs: Generation[]) => mean(gs.map((g) => g.lagMs)).toFixed(0);
const lines = [
  "<!-- written by requests.ts: begin -->",
  "## Upstream requests per generation: webhooks vs polling (`bench/requests.ts`)",
  "",
  `${GENERATIONS} generations of \`${MODEL}\`, one after another, each by \`@flux-kit/core\`'s`,
  "`createFluxClient({ baseUrl, fetch }).generate()` (its defaults: adaptive polling, long polls when the proxy offers",
  "them) through `createFluxProxy` (its defaults, long polls on; then `longPolls: false`) against `@flux-kit/mock`",
  "(seeded: the same task durations in every mode; progress reported while Pending), without `webhooks` (the proxy",
  "polls BFL) and with them (the mock delivers each outcome to the proxy's webhook route). All in one process, no",
  "sockets and no host name looked up: the client's `fetch` calls the proxy's handler, the proxy's `fetch` the mock's,",
  "the mock's webhook `fetch` the proxy's handler. Time is virtual (`Date.now` and the timer globals replaced; the",
  "earliest timer fires once no Web Crypto call is out and no microtask is left), so these are counts, not timings,",
  "and the same on every run (each mode runs twice here, checked identical). Upstream = requests the mock saw after",
  "each submit; client = the client's requests to the proxy, its submit included; lag = from the task's end (the",
  "mock's clock) to the client having its result.",
  "",
  "| mode | upstream polls per generation | most in one generation | client requests to the proxy per generation (submit + polls) | webhooks delivered | median submit → result (virtual) | mean lag after the task ends |",
  "|---|---|---|---|---|---|---|",
  row("polling (no `webhooks`)", runs.polling),
  row("`webhooks`", runs.webhooks),
  row("polling, `longPolls: false`", runs.shortPolling),
  row("`webhooks`, `longPolls: false`", runs.shortWebhooks),
  row("polling, `longPolls: false`, the mock reporting no progress", runs.shortQuiet),
  "",
  `- With webhooks: **${per(delivered, (g) => g.upstreamPolls)}** upstream polls per delivered generation, over` +
    ` ${delivered.length} delivered tasks of ${2 * GENERATIONS} (target 0). Without: **${per(runs.polling, (g) => g.upstreamPolls)}**` +
    ` with long polls (the proxy polls BFL for the held poll on its own schedule: 1 s, growing to 3 s), **${per(runs.shortPolling, (g) => g.upstreamPolls)}**` +
    ` with \`longPolls: false\` (one per client poll). Other upstream requests after a submit (credits, images): ${other} in any mode.`,
  `- With long polls the client sends ${per(runs.webhooks, (g) => g.clientPolls)} poll per generation with webhooks and` +
    ` ${per(runs.polling, (g) => g.clientPolls)} without, each held until the status changes (up to 20 s). Without webhooks the proxy polls BFL` +
    " for the held poll every 1 s, growing to 3 s, and sooner when the rate of BFL's progress between two readings says the task ends:" +
    ` the result is seen ${lag(runs.polling)} ms after the task ends on average, against ${lag(runs.shortPolling)} ms for the client's` +
    ` adaptive polls, for about as many upstream polls. With webhooks the delivery answers the held poll at once (${lag(runs.webhooks)} ms).`,
  `- With \`longPolls: false\` and webhooks the client polls the proxy ${per(runs.shortWebhooks, (g) => g.clientPolls)} times per` +
    ` generation, against ${per(runs.shortPolling, (g) => g.clientPolls)} without: the store's \`Pending\` carries no progress` +
    " (`progress: null`), so the client's adaptive policy goes on its duration estimate alone, as when BFL reports no" +
    ` progress (last row: ${per(runs.shortQuiet, (g) => g.clientPolls)}). None of those polls reaches BFL.`,
  "",
  "### FLUX 3 Image: browser requests per 90 s generation",
  "",
  `${GENERATIONS} generations of \`flux-3-image\` at the mock's fixed 90 s (its stages: Pending, Reasoning from 5 %,`,
  "Generating from 35 %, then Ready), through the proxy without webhooks (FLUX 3 Image's strict schema takes none),",
  "counted the same way. Targets (#16): ≤ 6 browser requests with long polls, against ~40 for adaptive polling and",
  "~180 for a fixed 500 ms poller (the AI SDK's and fal's). The mock reports no progress for FLUX 3 Image's stages,",
  "so the proxy's poller goes on its 1–3 s interval and a long poll sees the end about a second late.",
  "",
  "| client | browser requests per generation (submit + polls) | upstream polls per generation | mean lag after the task ends |",
  "|---|---|---|---|",
  ...(
    [
      ["long polls (core's client and the proxy's defaults)", runs.flux3Long],
      ["adaptive polling (`longPolls: false`)", runs.flux3Adaptive],
      ["fixed 500 ms (`poll: { policy: fixedPolling(500) }`, `longPolls: false`)", runs.flux3Fixed],
    ] as const
  ).map(
    ([name, gs]) =>
      `| ${name} | **${per(gs, (g) => g.clientSubmits + g.clientPolls)}** (${per(gs, (g) => g.clientSubmits)} + ${per(gs, (g) => g.clientPolls)}) | ` +
      `${per(gs, (g) => g.upstreamPolls)} | ${lag(gs)} ms |`,
  ),
  "<!-- written by requests.ts: end -->",
];

writeSection(lines);
