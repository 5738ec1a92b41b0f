import { getModel, validateInput, type ModelDefinition } from "@flux-kit/core";
import { fastApiValidationBody } from "@flux-kit/core/internal";
import { createManualClock, createRealClock, type Clock } from "./clock";
import { DeliverySigner, sasTime } from "./delivery";
import { FaultPlan, type Fault, type InjectFaultOptions } from "./faults";
import { ImageCache } from "./image/ImageCache";
import type { MockBflOptions, ScriptedOutcome } from "./options";
import { drawDuration, resolveOutcome } from "./outcomes";
import { DEFAULT_PRICES, FALLBACK_PRICE, priceOf } from "./pricing";
import { createRandom, type Random } from "./random";
import { azureError, detail, json, malformed, validationError, type MockOutcome } from "./responses";
import { computeSizing } from "./sizing";
import { describeTask, progressAt, statusAt, type MockTaskInfo, type MockTaskRecord } from "./tasks";
import type { HandleOptions, MockBfl, MockRequestLog } from "./MockBfl";
import { WebhookDispatcher, type WebhookAttempt } from "./webhooks";

export type { HandleOptions, MockBfl, MockRequestLog } from "./MockBfl";

const DELIVERY_PATH = /^\/results\/([0-9a-f]{32})\/sample\.(jpeg|png|webp)$/;
const MIME = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp" } as const;
const FLUX2 = /^flux-2-/;

/**
 * Creates an in-process BFL simulator: same routes, statuses, error bodies, limits, expiring signed delivery
 * URLs, webhooks and real image bytes as api.bfl.ai (docs/bfl-api.md), with scripting and inspection.
 *
 * @example
 * const mock = createMockBfl({ clock: "manual", seed: 1 });
 * const client = createFluxClient({ apiKey: "mock-key", baseUrl: "https://api.bfl.ai", fetch: mock.fetch });
 */
export function createMockBfl(options: MockBflOptions = {}): MockBfl {
  return new MockBflImpl(options);
}

class MockBflImpl implements MockBfl {
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly apiKeys: readonly string[];
  private readonly signer: DeliverySigner;
  private readonly faults: FaultPlan;
  private readonly dispatcher: WebhookDispatcher;
  private readonly records = new Map<string, MockTaskRecord>();
  private readonly blobs = new Map<string, string>();
  private readonly active = new Set<MockTaskRecord>();
  private readonly images: ImageCache;
  private readonly credits = new Map<string, number>();
  private readonly completionTimers = new Set<number>();
  private readonly sleepers = new Set<() => void>();
  private outcomeQueue: ScriptedOutcome[] = [];
  private log: MockRequestLog[] = [];
  private nextSweep = 0;

  readonly settings: MockBfl["settings"];

  constructor(private readonly options: MockBflOptions) {
    this.clock =
      options.clock === "manual" ? createManualClock(options.startTime ?? Date.now()) : createRealClock();
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
    this.random = createRandom(seed);
    this.apiKeys = options.apiKeys ?? ["mock-key"];
    this.signer = new DeliverySigner(options.deliverySecret ?? createRandom(`${seed}:delivery`).hex(32));
    this.faults = new FaultPlan(options.faults, createRandom(`${seed}:faults`));
    const version = options.webhooks?.version ?? "field";
    this.dispatcher = new WebhookDispatcher(this.clock, {
      payload: options.webhooks?.payload ?? version,
      signature: options.webhooks?.signature ?? (version === "skill" ? "hmac-sha256" : "shared-secret"),
      retryDelaysMs: options.webhooks?.retryDelaysMs ?? [1000, 5000, 30000],
      fetch: options.webhooks?.fetch,
    });
    this.images = new ImageCache({
      capacity: options.imageCacheSize ?? 32,
      jpegQuality: options.jpegQuality ?? 85,
      webpFallback: options.webpFallback ?? "png",
    });
    this.settings = { apiKeys: this.apiKeys, deliveryOrigin: options.deliveryOrigin };
    this.restoreCredits();
  }

  // ---- public API -------------------------------------------------------------------------------------

  fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const outcome = await this.handle(request);
    if (outcome.kind === "reset") {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      });
    }
    return outcome.response;
  };

  get tasks(): readonly MockTaskInfo[] {
    const now = this.clock.now();
    return [...this.records.values()].map((t) => describeTask(t, now));
  }

  task(id: string): MockTaskInfo | undefined {
    const record = this.records.get(id);
    return record && describeTask(record, this.clock.now());
  }

  get requests(): readonly MockRequestLog[] {
    return this.log;
  }

  get webhooks(): readonly WebhookAttempt[] {
    return this.dispatcher.attempts;
  }

  setCredits(credits: number, apiKey?: string): void {
    if (apiKey === undefined) for (const key of this.accounts()) this.credits.set(key, credits);
    else this.credits.set(this.accountOf(apiKey) ?? apiKey, credits);
  }

  getCredits(apiKey?: string): number {
    const account = apiKey === undefined ? this.accounts()[0] : this.accountOf(apiKey);
    return (account !== undefined && this.credits.get(account)) || 0;
  }

  queueOutcome(outcome: ScriptedOutcome, times = 1): void {
    for (let i = 0; i < times; i++) this.outcomeQueue.push(outcome);
  }

  injectFault(fault: Fault, options?: InjectFaultOptions): void {
    this.faults.inject(fault, options);
  }

  now(): number {
    return this.clock.now();
  }

  advance(ms: number): Promise<void> {
    return this.clock.advance(ms);
  }

  reset(): void {
    this.close();
    this.records.clear();
    this.blobs.clear();
    this.active.clear();
    this.images.clear();
    this.log = [];
    this.outcomeQueue = [];
    this.faults.clear();
    this.restoreCredits();
  }

  close(): void {
    for (const id of this.completionTimers) this.clock.clearTimeout(id);
    this.completionTimers.clear();
    this.dispatcher.cancelAll();
    for (const wake of [...this.sleepers]) wake();
    this.clock.clearAll();
  }

  // ---- request handling -------------------------------------------------------------------------------

  async handle(request: Request, options: HandleOptions = {}): Promise<MockOutcome> {
    if (request.signal.aborted) throw abortError();
    const url = new URL(request.url);
    const basePath = (options.basePath ?? "").replace(/\/+$/, "");
    const path =
      basePath && url.pathname.startsWith(`${basePath}/`)
        ? url.pathname.slice(basePath.length)
        : url.pathname;
    const route = classify(path);
    this.sweep();

    const entry: { -readonly [K in keyof MockRequestLog]: MockRequestLog[K] } = {
      at: this.clock.now(),
      method: request.method,
      url: request.url,
      route: route?.kind ?? "unknown",
      status: 0,
      hadKey: request.headers.has("x-key"),
    };
    if (route?.kind === "submit") entry.model = route.model.id;
    this.record(entry);

    const faults = route ? this.faults.take(route.kind) : [];
    let malformedJson = false;
    let resetAfter = false;
    for (const fault of faults) {
      entry.fault = fault.kind;
      if (fault.kind === "latency") await this.sleep(fault.ms, request.signal);
      else if (fault.kind === "reset" && fault.when !== "after") return { kind: "reset" };
      else if (fault.kind === "reset") resetAfter = true;
      else if (fault.kind === "malformed-json") malformedJson = true;
      else {
        entry.status = fault.status;
        const message = fault.status === 503 ? "Service Unavailable" : "Internal Server Error";
        return { kind: "response", response: json(fault.status, fault.body ?? { detail: message }) };
      }
    }

    const ctx: Ctx = {
      basePath,
      pollingOrigin: options.pollingOrigin ?? this.options.pollingOrigin,
      deliveryOrigin: options.deliveryOrigin ?? this.options.deliveryOrigin,
    };
    let response = await this.dispatch(request, url, route, ctx, entry);
    entry.status = response.status;
    if (resetAfter) {
      entry.status = 0;
      return { kind: "reset" };
    }
    if (malformedJson && response.ok) response = await malformed(response);
    if (request.method === "HEAD" && response.body) {
      await response.body.cancel();
      response = new Response(null, { status: response.status, headers: response.headers });
    }
    return { kind: "response", response };
  }

  private async dispatch(
    request: Request,
    url: URL,
    route: Route | undefined,
    ctx: Ctx,
    entry: { model?: string; taskId?: string },
  ): Promise<Response> {
    if (!route) return detail(404, "Not Found");
    // Starlette answers HEAD on every GET route.
    const allowed = route.kind === "submit" ? ["POST"] : ["GET", "HEAD"];
    if (!allowed.includes(request.method))
      return detail(405, "Method Not Allowed", { allow: allowed.join(", ") });
    switch (route.kind) {
      case "submit":
        return this.submit(request, url, route.model, ctx, entry);
      case "poll":
        return this.poll(url, ctx, entry);
      case "credits": {
        const account = this.authenticate(request);
        if (account instanceof Response) return account;
        return json(200, { credits: this.credits.get(account) ?? 0 });
      }
      case "delivery":
        return this.deliver(url, route.blobId, route.ext);
    }
  }

  private authenticate(request: Request): string | Response {
    const key = request.headers.get("x-key");
    if (this.options.requireAuth === false)
      return key === null ? "anonymous" : (this.accountOf(key) ?? "anonymous");
    if (key === null || key === "") return detail(403, "Not authenticated");
    return this.accountOf(key) ?? detail(403, "Not authenticated - Invalid Authentication");
  }

  private async submit(
    request: Request,
    url: URL,
    model: ModelDefinition,
    ctx: Ctx,
    entry: { taskId?: string },
  ): Promise<Response> {
    const account = this.authenticate(request);
    if (account instanceof Response) return account;
    const text = await request.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : "Expecting value";
      return validationError([
        {
          type: "json_invalid",
          loc: ["body", 0],
          msg: "JSON decode error",
          input: {},
          ctx: { error: message },
        },
      ]);
    }
    const checked = validateInput(model, body);
    if (!checked.success) return json(422, fastApiValidationBody(checked.issues));
    const data = checked.data as Record<string, unknown>;

    const sizing = computeSizing(model, data);
    const price = this.options.pricing?.[model.id] ?? DEFAULT_PRICES[model.id] ?? FALLBACK_PRICE;
    const cost = priceOf(price, sizing.outputMp, sizing.inputMp);
    const balance = this.credits.get(account) ?? 0;
    if (balance < cost) {
      return detail(
        402,
        `Insufficient credits: this request costs ${cost} credits but the balance is ${balance}.`,
      );
    }
    const limited = this.checkConcurrency(account, model);
    if (limited) return limited;

    const prompt = typeof data["prompt"] === "string" ? data["prompt"] : "";
    const outcome = resolveOutcome(this.options, this.outcomeQueue, { model: model.id, prompt, input: data });
    const now = this.clock.now();
    const duration =
      outcome.kind === "stuck" ? Infinity : drawDuration(this.options, this.random, model, outcome);
    const id = this.random.uuid();
    const seed = typeof data["seed"] === "number" ? data["seed"] : this.random.int(2 ** 31);
    const format =
      (data["output_format"] as MockTaskRecord["outputFormat"] | null | undefined) ??
      model.capabilities.defaultOutputFormat;
    const webhookUrl = typeof data["webhook_url"] === "string" ? data["webhook_url"] : null;
    const record: MockTaskRecord = {
      id,
      account,
      model: model.id,
      prompt,
      resultPrompt: data["prompt_upsampling"] === true ? upsample(prompt) : prompt,
      input: withoutImages(data),
      seed,
      width: sizing.width,
      height: sizing.height,
      outputFormat: format,
      createdAt: now,
      finishesAt: outcome.kind === "request-moderated" ? now : now + duration,
      outcome: outcome.kind,
      reasons: outcome.reasons,
      errorDetails: outcome.details,
      cost,
      inputMp: sizing.inputMp,
      outputMp: sizing.outputMp,
      blobId: this.random.hex(32),
      webhookUrl,
      webhookSecret: typeof data["webhook_secret"] === "string" ? data["webhook_secret"] : null,
    };
    this.credits.set(account, Math.round((balance - cost) * 100) / 100);
    this.store(record);
    entry.taskId = id;
    if (webhookUrl) this.scheduleWebhook(record, url, ctx);

    const reported = this.reportsCost(model.id);
    const pollingUrl = `${ctx.pollingOrigin ?? url.origin}${ctx.basePath}/v1/get_result?id=${id}`;
    const money = {
      cost: reported ? cost : null,
      input_mp: reported ? sizing.inputMp : null,
      output_mp: reported ? sizing.outputMp : null,
    };
    const shape = webhookUrl ? (this.options.webhooks?.submitResponse ?? "polling") : "polling";
    if (shape === "webhook") return json(200, { id, status: "Pending", webhook_url: webhookUrl, ...money });
    if (shape === "both") {
      return json(200, { id, polling_url: pollingUrl, status: "Pending", webhook_url: webhookUrl, ...money });
    }
    return json(200, { id, polling_url: pollingUrl, ...money });
  }

  private checkConcurrency(account: string, model: ModelDefinition): Response | undefined {
    const now = this.clock.now();
    let total = 0;
    let sameModel = 0;
    let nextFinish = Infinity;
    for (const task of [...this.active]) {
      if (task.finishesAt <= now || !this.records.has(task.id)) {
        this.active.delete(task);
        continue;
      }
      if (task.account !== account) continue;
      total += 1;
      if (task.model === model.id) sameModel += 1;
      nextFinish = Math.min(nextFinish, task.finishesAt);
    }
    const cap = this.options.maxActiveTasks ?? 24;
    const modelCap = this.options.maxActiveTasksPerModel?.[model.id] ?? model.maxConcurrent;
    if (total < cap && sameModel < modelCap) return undefined;
    const limit = sameModel >= modelCap ? modelCap : cap;
    const headers: Record<string, string> = {};
    const retryAfter = this.options.retryAfter ?? false;
    if (typeof retryAfter === "number") headers["retry-after"] = String(retryAfter);
    else if (retryAfter === "estimate") {
      const seconds = Number.isFinite(nextFinish) ? Math.max(1, Math.ceil((nextFinish - now) / 1000)) : 30;
      headers["retry-after"] = String(seconds);
    }
    return detail(
      429,
      `You have exceeded the limit of ${limit} active tasks. Wait until one of your previous tasks has finished.`,
      headers,
    );
  }

  private async poll(url: URL, ctx: Ctx, entry: { taskId?: string }): Promise<Response> {
    const id = url.searchParams.get("id");
    if (id === null) {
      return validationError([{ type: "missing", loc: ["query", "id"], msg: "Field required", input: null }]);
    }
    entry.taskId = id;
    const notFound = {
      id,
      status: "Task not found",
      result: null,
      progress: null,
      details: null,
      preview: null,
    };
    const pollingOrigin = ctx.pollingOrigin;
    if (this.options.strictPollingOrigin && pollingOrigin && url.origin !== new URL(pollingOrigin).origin) {
      return json(200, notFound);
    }
    const task = this.records.get(id);
    if (!task) return json(200, notFound);
    const now = this.clock.now();
    const status = statusAt(task, now);
    const base = { id, status, result: null, progress: null, details: null, preview: null };
    switch (status) {
      case "Pending":
        return json(200, { ...base, progress: this.formatProgress(progressAt(task, now)) });
      case "Ready":
        return json(200, { ...base, result: await this.result(task, url, ctx) });
      case "Error":
        return json(200, { ...base, details: task.errorDetails });
      default:
        return json(200, { ...base, details: { "Moderation Reasons": task.reasons } });
    }
  }

  private async result(task: MockTaskRecord, url: URL, ctx: Ctx): Promise<Record<string, unknown>> {
    const origin = ctx.deliveryOrigin ?? `${url.origin}${ctx.basePath}`;
    const ext = task.outputFormat;
    const path = `/results/${task.blobId}/sample.${ext}`;
    task.sampleQuery ??= (async () => {
      const se = sasTime(task.finishesAt + (this.options.deliveryTtlMs ?? 600_000));
      const sig = await this.signer.sign(path, se, MIME[ext]);
      const query = new URLSearchParams({ se, sp: "r", sv: "2024-11-04", sr: "b", rsct: MIME[ext], sig });
      return query.toString();
    })();
    return {
      sample: `${origin}${path}?${await task.sampleQuery}`,
      prompt: task.resultPrompt,
      seed: task.seed,
      start_time: task.createdAt / 1000,
      end_time: task.finishesAt / 1000,
      duration: Math.round(task.finishesAt - task.createdAt) / 1000,
    };
  }

  private async deliver(url: URL, blobId: string, ext: keyof typeof MIME): Promise<Response> {
    const se = url.searchParams.get("se");
    const sig = url.searchParams.get("sig");
    const rsct = url.searchParams.get("rsct") ?? "";
    const path = `/results/${blobId}/sample.${ext}`;
    if (!se || !sig || !(await this.signer.verify(path, se, rsct, sig))) {
      return azureError(
        403,
        "AuthenticationFailed",
        "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.\nSignature did not match.",
      );
    }
    const expiry = Date.parse(se);
    const now = this.clock.now();
    if (!(expiry > now)) {
      return azureError(
        403,
        "AuthenticationFailed",
        `Server failed to authenticate the request.\nSigned expiry time [${new Date(expiry).toUTCString()}] must be after signed start time [${new Date(now).toUTCString()}]`,
      );
    }
    const taskId = this.blobs.get(blobId);
    const task = taskId === undefined ? undefined : this.records.get(taskId);
    if (!task || statusAt(task, now) !== "Ready") {
      return azureError(404, "BlobNotFound", "The specified blob does not exist.");
    }
    const image = this.images.get(task);
    const headers: Record<string, string> = {
      "content-type": image.contentType,
      "content-length": String(image.bytes.byteLength),
      etag: `"0x${blobId.slice(0, 15).toUpperCase()}"`,
      "x-ms-blob-type": "BlockBlob",
    };
    if (image.contentType !== MIME[ext]) headers["x-mock-format-fallback"] = image.contentType;
    return new Response(image.bytes as Uint8Array<ArrayBuffer>, { status: 200, headers });
  }

  // ---- helpers -------------------------------------------------------------------------------------------

  private formatProgress(fraction: number): number | null {
    const mode = this.options.progress ?? "fraction";
    if (mode === "null") return null;
    const capped = Math.min(0.99, fraction);
    return mode === "percent" ? Math.floor(capped * 100) : Math.floor(capped * 100) / 100;
  }

  private reportsCost(model: string): boolean {
    const mode = this.options.reportCost ?? "flux-2";
    return mode === "all" || (mode === "flux-2" && FLUX2.test(model));
  }

  private scheduleWebhook(task: MockTaskRecord, url: URL, ctx: Ctx): void {
    const fire = () => {
      void (async () => {
        const status = statusAt(task, this.clock.now());
        if (status === "Pending" || status === "Task not found") return;
        const result = status === "Ready" ? await this.result(task, url, ctx) : null;
        const details =
          status === "Ready"
            ? null
            : status === "Error"
              ? task.errorDetails
              : { "Moderation Reasons": task.reasons };
        this.dispatcher.send({
          taskId: task.id,
          status,
          result,
          details,
          url: task.webhookUrl ?? "",
          secret: task.webhookSecret,
        });
      })();
    };
    if (!Number.isFinite(task.finishesAt)) return;
    const id = this.clock.setTimeout(() => {
      this.completionTimers.delete(id);
      fire();
    }, task.finishesAt - this.clock.now());
    this.completionTimers.add(id);
  }

  private store(record: MockTaskRecord): void {
    this.records.set(record.id, record);
    this.blobs.set(record.blobId, record.id);
    if (record.finishesAt > record.createdAt) this.active.add(record);
    const max = this.options.maxTasks ?? 10_000;
    const now = this.clock.now();
    while (this.records.size > max) {
      // Finished tasks go first (BFL forgets those too); a running one only when every task is still running.
      let victim: MockTaskRecord | undefined;
      for (const candidate of this.records.values()) {
        victim ??= candidate;
        if (candidate.finishesAt <= now) {
          victim = candidate;
          break;
        }
      }
      if (!victim) break;
      this.evict(victim);
    }
  }

  private evict(task: MockTaskRecord): void {
    this.records.delete(task.id);
    this.blobs.delete(task.blobId);
    this.images.delete(task.blobId);
    this.active.delete(task);
  }

  /** Forgets tasks finished longer than `retentionMs` ago; runs at most once per simulated second. */
  private sweep(): void {
    const now = this.clock.now();
    if (now < this.nextSweep) return;
    this.nextSweep = now + 1000;
    const retention = this.options.retentionMs ?? 900_000;
    for (const task of [...this.records.values()]) if (task.finishesAt + retention <= now) this.evict(task);
  }

  private record(entry: MockRequestLog): void {
    this.log.push(entry);
    const max = this.options.maxRequestLog ?? 1000;
    if (this.log.length > max) this.log.splice(0, this.log.length - max);
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        this.sleepers.delete(wake);
        this.clock.clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
      };
      const wake = () => {
        cleanup();
        resolve();
      };
      const onAbort = () => {
        cleanup();
        reject(abortError());
      };
      const timer = this.clock.setTimeout(wake, ms);
      this.sleepers.add(wake);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  private accounts(): string[] {
    return this.apiKeys.length ? this.apiKeys.map((_, i) => `key#${i}`) : ["anonymous"];
  }

  private accountOf(key: string): string | undefined {
    const index = this.apiKeys.indexOf(key);
    return index === -1 ? undefined : `key#${index}`;
  }

  private restoreCredits(): void {
    this.credits.clear();
    const initial = this.options.credits ?? 10_000;
    for (const account of this.accounts()) this.credits.set(account, initial);
    this.credits.set("anonymous", initial);
  }
}

interface Ctx {
  readonly basePath: string;
  readonly pollingOrigin: string | undefined;
  readonly deliveryOrigin: string | undefined;
}

type Route =
  | { readonly kind: "submit"; readonly model: ModelDefinition }
  | { readonly kind: "poll" }
  | { readonly kind: "credits" }
  | { readonly kind: "delivery"; readonly blobId: string; readonly ext: keyof typeof MIME };

function classify(path: string): Route | undefined {
  if (path === "/v1/get_result") return { kind: "poll" };
  if (path === "/v1/credits") return { kind: "credits" };
  if (path.startsWith("/v1/")) {
    const model = getModel(path.slice(4));
    return model ? { kind: "submit", model } : undefined;
  }
  const delivery = DELIVERY_PATH.exec(path);
  if (delivery?.[1] && delivery[2])
    return { kind: "delivery", blobId: delivery[1], ext: delivery[2] as keyof typeof MIME };
  return undefined;
}

/** The input as stored: big strings (base64 images, up to 20 MB each) are replaced by their length. */
function withoutImages(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data))
    out[k] = typeof v === "string" && v.length > 2048 ? `<${v.length} chars>` : v;
  return out;
}

function upsample(prompt: string): string {
  return `${prompt.trim()}. The scene is rendered in rich detail with natural, balanced lighting and a clear focal point.`;
}

function abortError(): Error {
  return new DOMException("This operation was aborted", "AbortError");
}
