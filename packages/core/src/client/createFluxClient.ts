import {
  FluxAbortError,
  FluxError,
  FluxExpiredError,
  FluxRateLimitError,
  FluxSubmitUncertainError,
  FluxTimeoutError,
  FluxValidationError,
} from "../errors/FluxError";
import { DEFAULT_TASKS, endpointTasks, type EndpointTasks } from "../bfl/endpoints";
import { jsonObject } from "../bfl/json";
import { MODELS_ROUTE_PATH, readModelIds } from "../bfl/proxyRoutes";
import type { ModelId, ModelInput } from "../models/catalogue";
import { toFieldErrors } from "../models/fieldErrors";
import type { DefinitionInput, ModelDefinition } from "../models/types";
import type { ProxyErrorCode } from "../errors/proxyErrorCodes";
// the schema modules themselves, not their index: it also holds the zod schemas of error bodies
import { detailMessage } from "../schemas/errorBodies";
import { parseSubmitResponse } from "../schemas/submitResponse";
import { isTerminalStatus } from "../schemas/taskStatus";
import { deliveryExpiry, isDeliveryExpired } from "./delivery";
import { ConcurrencyLimiter, type Lease } from "./limiter";
import { toSnapshot } from "./outcome";
import { adaptivePolling, defaultWaitTimeoutMs, DurationEstimator, type PollingPolicy } from "./polling";
import { backoffDelay, resolveRetry, withRetry } from "./retry";
// the redacting scrub on servers, a plain one in browser builds: see ./scrub.browser.ts
import { scrubSecret } from "#scrub";
import { abortReason, after, call, sleep } from "./sleep";
import { exchange, fetchAnswer, wasNotSent } from "./transport";
import type {
  FluxClientOptions,
  FluxDownload,
  FluxJob,
  FluxResult,
  FluxTaskSnapshot,
  GenerateOptions,
  PollFailure,
  RequestOptions,
  SubmitOptions,
  TaskRef,
  WaitOptions,
} from "./types";
import {
  absoluteBase,
  isPath,
  mayReceiveKey,
  normaliseBaseUrl,
  originOf,
  REGIONS,
  resolveReturnedUrl,
} from "./urls";

/** A BFL client: see `createFluxClient`. */
export interface FluxClient {
  /** The API base in use (no trailing slash, no `/v1`). */
  readonly baseUrl: string;
  /** The active-task limiter, shared by every call of this client. */
  readonly limiter: ConcurrencyLimiter;
  /** Running per-model duration estimates that drive polling. */
  readonly estimator: DurationEstimator;
  /**
   * The polling policy and `wait()` deadline in force (for hooks that schedule polls themselves): `timeoutMs` is
   * `poll.timeoutMs`, else the default for a model of unknown length (5 minutes); `timeoutFor(model)` is the
   * deadline a wait for that model gets (`poll.timeoutMs`, else `defaultWaitTimeoutMs` of its typical run).
   */
  readonly poll: {
    readonly policy: PollingPolicy;
    readonly timeoutMs: number;
    readonly timeoutFor: (model: string | undefined) => number;
  };
  /**
   * When to poll `task` next, in ms, given its last snapshot and how many polls were made — or `false` when it
   * should not be polled again: a terminal status, or a `failure` that is final. The same schedule `wait()`
   * follows; for TanStack Query's `refetchInterval` and other schedulers.
   *
   * Pass `failure` when the last poll failed. A retryable failure (network error, 5xx, 429, 408, a request
   * timeout, a body that could not be read) leaves the task pending: the delay backs off with the run of failures
   * (`retry.baseDelayMs` doubling up to `retry.maxDelayMs`, full jitter), is at least the normal poll delay and
   * honours the server's `Retry-After` (capped at `retry.maxDelayMs`). Any other failure (401/403, 402, a 404 for
   * the task, 422, an abort), and every failure when `retry` is `false`, gives `false`.
   * @example client.nextPollDelay(job, last, polls, { error, failures: 3 })
   */
  nextPollDelay(
    task: TaskRef,
    last: FluxTaskSnapshot | undefined,
    polls: number,
    failure?: PollFailure,
  ): number | false;
  /**
   * Creates a task. Validates `input` locally first (`FluxValidationError`, no request), waits for a slot under
   * the concurrency caps, then POSTs once. Retried only when the request certainly created no task (429,
   * connection refused); after an ambiguous failure it throws `FluxSubmitUncertainError` instead of paying twice.
   */
  submit<M extends ModelId>(model: M, input: ModelInput<M>, options?: SubmitOptions): Promise<FluxJob>;
  submit<D extends ModelDefinition>(
    model: D,
    input: DefinitionInput<D>,
    options?: SubmitOptions,
  ): Promise<FluxJob>;
  /** Polls a task once (with read retries). Never throws for a terminal failure status: read `snapshot.error`. */
  getResult(task: TaskRef, options?: RequestOptions): Promise<FluxTaskSnapshot>;
  /**
   * Polls until a terminal status; resolves with the result or throws the typed failure. A poll that fails in a
   * retryable way (after its read retries) leaves the task pending until the deadline (see `nextPollDelay`): at
   * the deadline it throws `FluxTimeoutError` (phase `"wait"`, the last failure as `cause`), since the task may
   * still finish. A final failure (401/403, 402, 404, 422) ends the wait at once.
   */
  wait(task: TaskRef, options?: WaitOptions): Promise<FluxResult>;
  /** `submit` then `wait`. */
  generate<M extends ModelId>(model: M, input: ModelInput<M>, options?: GenerateOptions): Promise<FluxResult>;
  generate<D extends ModelDefinition>(
    model: D,
    input: DefinitionInput<D>,
    options?: GenerateOptions,
  ): Promise<FluxResult>;
  /**
   * Downloads the image (never with the key), refusing an expired URL before any request. A relative URL is
   * resolved like a `polling_url`; the caller's `headers` go only to the API's own origin.
   */
  download(result: FluxResult | string, options?: RequestOptions): Promise<FluxDownload>;
  /** The account's remaining credits (`GET /v1/credits`). */
  credits(options?: RequestOptions): Promise<number>;
  /**
   * The ids of the models a `@flux-kit/proxy` allows (`GET {baseUrl}/v1/models`), in its `allowedModels` order.
   * Not one of BFL's routes: BFL itself, and a proxy older than the route, answer 404, and this rejects with a
   * `FluxError` whose `status` is 404 (`code: "http"`): the server does not say, so offer every model. A caller
   * the proxy's `authorize` refuses gets its `FluxAuthError`, as on every route.
   * @example const allowed = await client.allowedModels().catch(() => undefined) // undefined: not known
   */
  allowedModels(options?: RequestOptions): Promise<string[]>;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** How long a poll begun before `wait()`'s deadline may still take to answer. */
const WAIT_GRACE_MS = 10_000;
/**
 * A model id as a path under `/v1/`: one or two segments (`flux-2-pro`, `flux-tools/erase-v1`), each starting with
 * a letter or digit, so no `.`/`..` segment, no empty segment and nothing to encode can reach the URL.
 */
const SAFE_MODEL_ID = /^[a-z0-9][a-z0-9.-]{0,63}(?:\/[a-z0-9][a-z0-9.-]{0,63})?$/;

/**
 * Creates a client for BFL's FLUX API, or for a `@flux-kit/proxy` route (leave `apiKey` unset in browsers).
 * Isomorphic: browsers, Node ≥ 20, edge runtimes.
 *
 * @example
 * // server
 * const flux = createFluxClient({ apiKey: process.env.BFL_API_KEY, region: "eu" });
 * const result = await flux.generate("flux-2-pro", { prompt: "a red fox in snow" });
 * // browser, through the proxy
 * const flux = createFluxClient({ baseUrl: "/api/flux" });
 */
export function createFluxClient(options: FluxClientOptions = {}): FluxClient {
  const apiKey = options.apiKey || undefined;
  if (apiKey !== undefined && isBrowser() && !options.dangerouslyAllowBrowser) {
    throw new TypeError(
      "createFluxClient: apiKey is set in a browser, where anyone can read it. Mount @flux-kit/proxy on your " +
        'server and use createFluxClient({ baseUrl: "/api/flux" }) instead (or set dangerouslyAllowBrowser).',
    );
  }
  const baseUrl = normaliseBaseUrl(options.baseUrl ?? REGIONS[options.region ?? "global"]);
  if (options.region !== undefined && !(options.region in REGIONS)) {
    throw new TypeError(
      `createFluxClient: unknown region "${String(options.region)}"; use "global", "eu" or "us".`,
    );
  }
  /** The API's origin: the base's own, the page's for a path base in a browser, else `undefined`. */
  const apiOrigin = originOf(absoluteBase(baseUrl) ?? "");
  const retry = resolveRetry(options.retry);
  const requestTimeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const waitTimeoutMs = options.poll?.timeoutMs ?? defaultWaitTimeoutMs(DEFAULT_TASKS.typicalDurationMs);
  const policy = options.poll?.policy ?? adaptivePolling();
  /** Definitions this client knows: those in `options.models`, and any passed to `submit`. */
  const known = new Map<string, ModelDefinition>();
  // a list or a record by id: `Object.values` reads both
  for (const definition of Object.values(options.models ?? {})) known.set(definition.id, definition);
  const definitionOf = (model: string | ModelDefinition): ModelDefinition | undefined => {
    if (typeof model === "string") return known.get(model);
    known.set(model.id, model);
    return model;
  };
  /** A model's cap and typical run: its definition's, else BFL's for a known id, else the defaults. */
  const tasksOf = (model: string): EndpointTasks => known.get(model) ?? endpointTasks(model) ?? DEFAULT_TASKS;
  /** `poll.timeoutMs`, else a deadline that fits the model's typical run (9 minutes for FLUX 3, else 5). */
  const waitTimeoutFor = (model: string | undefined) =>
    options.poll?.timeoutMs ?? defaultWaitTimeoutMs(tasksOf(model ?? "").typicalDurationMs);
  const estimator =
    options.poll?.estimator ?? new DurationEstimator((model) => tasksOf(model).typicalDurationMs);
  const limiter = new ConcurrencyLimiter({
    maxConcurrent: options.maxConcurrent ?? DEFAULT_TASKS.maxConcurrent,
    modelCap: (model) => tasksOf(model).maxConcurrent,
  });
  /** Slots held by submitted tasks, released when a poll sees them end. */
  const leases = new Map<string, Lease>();
  const release = (id: string) => {
    leases.get(id)?.release();
    leases.delete(id);
  };

  const fetchFn = (): typeof globalThis.fetch => {
    const f = options.fetch ?? globalThis.fetch;
    if (typeof f !== "function")
      throw new TypeError("createFluxClient: no fetch available; pass options.fetch.");
    return f;
  };

  /** Headers for `url`: the key and the caller's headers only where they may go. */
  async function headersFor(url: string, json: boolean): Promise<Headers> {
    const trusted = isPath(url) || mayReceiveKey(url, apiOrigin);
    const headers = new Headers(trusted ? await resolveHeaders(options.headers) : undefined);
    headers.set("accept", "application/json");
    if (json) headers.set("content-type", "application/json");
    headers.delete("x-key");
    if (apiKey !== undefined && mayReceiveKey(url, apiOrigin)) headers.set("x-key", apiKey);
    return headers;
  }

  /** The longest a poll may wait, in s, as the proxy's last answer offered (`X-Flux-Long-Poll`); 0: plain polls. */
  let longPollS = 0;
  /** Per task long-polled: the status its last poll saw, and whether that poll was held (not answered at once). */
  const longPolled = new Map<string, [seen: string, held: boolean]>();

  /** One exchange: a POST of `body` when given, else a GET. */
  const send = async (url: string, signal: AbortSignal | undefined, body?: string, taskId?: string) => {
    const answer = await exchange({
      url,
      method: body === undefined ? "GET" : "POST",
      headers: await headersFor(url, body !== undefined),
      body,
      signal,
      timeoutMs: requestTimeoutMs,
      fetch: fetchFn(),
      taskId,
    });
    // learned from submits and polls only: the proxy's models route, say, does not offer it
    if (options.longPolls !== false && (body !== undefined || taskId !== undefined)) {
      // within the request's own deadline, less 5 s for the answer to travel (`| 0`: no number is 0)
      const offered = +(answer.response.headers.get("x-flux-long-poll") ?? 0) | 0;
      longPollS = Math.max(
        0,
        requestTimeoutMs ? Math.min(offered, requestTimeoutMs / 1000 - 5) | 0 : offered,
      );
    }
    return answer;
  };

  const get = (url: string, signal: AbortSignal | undefined, taskId?: string) =>
    withRetry(() => send(url, signal, undefined, taskId), retry, signal);

  async function submit(model: ModelId | ModelDefinition, input: unknown, opts: SubmitOptions = {}) {
    const modelId = typeof model === "string" ? model : model.id;
    const definition = SAFE_MODEL_ID.test(modelId) ? definitionOf(model) : undefined;
    if (!definition && !endpointTasks(modelId)) {
      throw refusedLocally("model", `Unknown model "${String(modelId)}"`, "unknown_model");
    }
    // without the model's definition (an id it was not given), BFL or the proxy checks the body
    if (definition && options.validate !== false) {
      const checked = definition.validate(input);
      if (!checked.success) throw new FluxValidationError(toFieldErrors(checked.issues), "local");
    }
    // something to send: not undefined (no body at all), nor what JSON cannot hold (a BigInt, a cycle)
    let body: string | undefined;
    try {
      body = JSON.stringify(input);
    } catch {
      // left undefined
    }
    if (body === undefined) throw refusedLocally("", "Input should be a JSON object", "model_type");
    let granted = false;
    const leased = limiter.acquire(modelId, opts.signal, waitTimeoutFor(modelId)).then((lease) => {
      granted = true;
      return lease;
    });
    // a grant at once settles before this tick ends; else the submit waits in this client's own queue
    await Promise.resolve();
    if (!granted) call(opts.onWait, { scope: "local", retryAt: undefined, detail: undefined, refusals: 0 });
    const lease = await leased;
    try {
      const job = await postOnce(modelId, body, opts);
      // forget slots that lapsed for tasks nobody watched to their end, so this map stays bounded
      for (const [id, held] of leases) if (!held.held) leases.delete(id);
      leases.set(job.id, lease);
      return job;
    } catch (error) {
      lease.release();
      throw scrubSecret(error, apiKey);
    }
  }

  /** POSTs a submit, retrying only when no task can have been created. */
  async function postOnce(modelId: string, body: string, opts: SubmitOptions): Promise<FluxJob> {
    const { signal, slotWaitMs } = opts;
    const url = `${baseUrl}/v1/${modelId}`;
    const start = Date.now();
    for (let attempt = 0, refusals = 0; ; attempt++) {
      let json: unknown;
      try {
        ({ json } = await send(url, signal, body));
      } catch (thrown) {
        const error = FluxError.from(thrown);
        // A 2xx we could not read: BFL probably created the task.
        if (error.code === "bad_response")
          throw new FluxSubmitUncertainError({ cause: error, status: error.status });
        const limited = error instanceof FluxRateLimitError;
        const certainlyNoTask = limited || (error.code === "network" && wasNotSent(error));
        // a 429 is retried for `slotWaitMs` when given (backoff grows no further than the fifth retry's)
        const delay = backoffDelay(Math.min(attempt, 4), retry, error);
        const more =
          limited && slotWaitMs !== undefined
            ? Date.now() + delay - start <= slotWaitMs
            : attempt < retry.retries;
        if (certainlyNoTask && more) {
          if (limited) {
            limiter.pause(delay);
            call(opts.onWait, {
              scope: error.scope,
              retryAt: Date.now() + delay,
              detail: detailMessage(error.body),
              refusals: ++refusals,
            });
          }
          await sleep(delay, signal);
          continue;
        }
        // A definite answer (4xx, a proxy's own 500 before forwarding, or nothing sent): no task exists.
        const refused = (error.body as { code?: ProxyErrorCode } | null)?.code;
        if (
          certainlyNoTask ||
          (error.status !== undefined && error.status < 500) ||
          refused === "misconfigured" ||
          refused === "hook_failed"
        )
          throw error;
        if (error instanceof FluxAbortError) {
          throw new FluxAbortError(
            "Aborted while the submit was in flight: the task may exist at BFL and be billed.",
            { cause: error },
          );
        }
        throw new FluxSubmitUncertainError({ cause: error, status: error.status, body: error.body });
      }
      try {
        const parsed = parseSubmitResponse(json);
        return {
          id: parsed.id,
          pollingUrl:
            parsed.pollingUrl === undefined ? undefined : resolveReturnedUrl(parsed.pollingUrl, baseUrl),
          model: modelId,
          cost: parsed.cost ?? null,
          inputMp: parsed.inputMp ?? null,
          outputMp: parsed.outputMp ?? null,
          submittedAt: Date.now(),
        };
      } catch (cause) {
        // A 2xx we cannot read: BFL probably created the task.
        throw new FluxSubmitUncertainError({ cause, body: json });
      }
    }
  }

  /**
   * One poll. A failed task can answer with an error status and a task body (422 `{"status":"Error",…}`, 503 with
   * a normal body): that body is the task's answer, not a transport failure (docs/bfl-api.md, 2026 addendum §2.4,
   * §8.3), so the task ends and frees its slot.
   */
  async function pollOnce(url: string, signal: AbortSignal | undefined, id: string) {
    try {
      return await send(url, signal, undefined, id);
    } catch (thrown) {
      const body =
        thrown instanceof FluxError && thrown.status !== undefined ? jsonObject(thrown.body) : undefined;
      const status = body?.["status"];
      if (typeof status !== "string" || !isTerminalStatus(status)) throw thrown;
      return { json: { id, ...body } };
    }
  }

  async function getResult(task: TaskRef, opts: RequestOptions = {}): Promise<FluxTaskSnapshot> {
    const { id, model, submittedAt, pollingUrl } = refOf(task);
    try {
      let url =
        (pollingUrl && resolveReturnedUrl(pollingUrl, baseUrl)) ||
        `${baseUrl}/v1/get_result?id=${encodeURIComponent(id)}`;
      // a long poll: the proxy answers once the status differs from the one seen last (a new task is Pending)
      const [seen = "Pending"] = longPolled.get(id) ?? [];
      if (longPollS)
        url += `${url.includes("?") ? "&" : "?"}wait=${longPollS}&seen=${encodeURIComponent(seen)}`;
      const sent = Date.now();
      const { json } = await withRetry(() => pollOnce(url, opts.signal, id), retry, opts.signal);
      const lifetime =
        options.deliveryLifetimeMs ?? (model === undefined ? undefined : tasksOf(model).deliveryLifetimeMs);
      const snapshot = toSnapshot(json, model, Date.now(), lifetime);
      longPolled.delete(id);
      if (longPollS && !snapshot.terminal) {
        // bounded: tasks nobody polls to their end are forgotten past a thousand
        if (longPolled.size > 999) longPolled.clear();
        // held, or a change: poll again at once; answered at once with no change (a proxy that does not hold
        // this poll): the adaptive schedule, so nothing spins
        longPolled.set(id, [snapshot.status, snapshot.status !== seen || Date.now() - sent > 999]);
      }
      if (snapshot.terminal) {
        release(id);
        if (snapshot.result && model && submittedAt !== undefined)
          estimator.observe(model, Date.now() - submittedAt);
      }
      return snapshot;
    } catch (error) {
      const flux = scrubSecret(error, apiKey);
      if (flux.code === "task_not_found") release(id); // a 404 for the task: it is not active any more
      throw flux;
    }
  }

  /** Whether a failed poll leaves the task pending (to poll again later) rather than ending its watch. */
  const pollMayRetry = (error: FluxError) => options.retry !== false && error.isRetryable;

  function nextPollDelay(
    task: TaskRef,
    last: FluxTaskSnapshot | undefined,
    polls: number,
    failure?: PollFailure,
    origin?: number,
  ): number | false {
    if (last?.terminal) return false;
    const ref = refOf(task);
    const { expectedMs, spread } = estimator.estimate(ref.model ?? "");
    const elapsedMs = Date.now() - (origin ?? ref.submittedAt ?? Date.now());
    const delay = policy.nextDelay({
      elapsedMs,
      attempt: polls,
      progress: last?.progress,
      expectedMs,
      spread,
    });
    // after a held long poll, the next goes at once: 1 ms, since a refetchInterval of 0 stops TanStack Query's polling
    if (!failure) return longPolled.get(ref.id)?.[1] ? 1 : delay;
    const error = FluxError.from(failure.error);
    if (!pollMayRetry(error)) return false;
    return Math.max(delay, backoffDelay(Math.max(0, failure.failures - 1), retry, error));
  }

  async function wait(task: TaskRef, opts: WaitOptions = {}): Promise<FluxResult> {
    const started = Date.now();
    const ref = refOf(task);
    const origin = ref.submittedAt ?? started;
    const deadline = started + (opts.timeoutMs ?? waitTimeoutFor(ref.model));
    // The deadline also bounds polls in flight and their retries: a poll begun before it may finish within a
    // short grace (so a result that arrives right then is not dropped), then everything stops.
    const stop = new AbortController();
    const timeout = new FluxTimeoutError("wait", undefined, { taskId: ref.id });
    const grace = Math.min(requestTimeoutMs > 0 ? requestTimeoutMs : WAIT_GRACE_MS, WAIT_GRACE_MS);
    const clearTimer = after(Math.max(0, deadline - started) + grace, () => stop.abort(timeout));
    // A longer wait than the client's default keeps the task's slot as long: it is still active at BFL.
    if (Number.isFinite(deadline)) leases.get(ref.id)?.extend(deadline + grace);
    const onAbort = () => stop.abort(opts.signal?.reason);
    if (opts.signal?.aborted) onAbort();
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const signal = stop.signal;
    try {
      let last: FluxTaskSnapshot | undefined;
      let failure: PollFailure | undefined;
      for (let polls = 0; ;) {
        if (signal.aborted) throw abortReason(signal);
        const delay = nextPollDelay(ref, last, polls, failure, origin) || 0;
        await sleep(Math.min(delay, Math.max(0, deadline - Date.now())), signal);
        let snapshot: FluxTaskSnapshot;
        try {
          snapshot = await getResult(ref, { signal });
        } catch (thrown) {
          // A retryable failure leaves the task pending: poll again (backing off) until the deadline.
          const error = FluxError.from(thrown);
          if (signal.aborted || !pollMayRetry(error)) throw error;
          if (Date.now() >= deadline)
            throw new FluxTimeoutError("wait", undefined, { taskId: ref.id, cause: error });
          failure = { error, failures: (failure?.failures ?? 0) + 1 };
          continue;
        }
        failure = undefined;
        polls++;
        last = snapshot;
        call(opts.onUpdate, { snapshot, elapsedMs: Date.now() - origin, polls });
        if (snapshot.result) return snapshot.result;
        if (snapshot.error) throw scrubSecret(snapshot.error, apiKey);
        if (Date.now() >= deadline) throw timeout;
      }
    } catch (error) {
      throw signal.aborted && signal.reason === timeout ? timeout : error;
    } finally {
      clearTimer();
      opts.signal?.removeEventListener("abort", onAbort);
    }
  }

  async function download(result: FluxResult | string, opts: RequestOptions = {}): Promise<FluxDownload> {
    const url = typeof result === "string" ? result : result.url;
    const expiresAt = typeof result === "string" ? deliveryExpiry(url) : result.expiresAt;
    if (isDeliveryExpired(url) || (expiresAt !== undefined && expiresAt.getTime() <= Date.now())) {
      throw new FluxExpiredError(expiresAt);
    }
    const { response, body: bytes } = await withRetry(
      async () => {
        // Never the key (delivery hosts must not see it); the caller's headers only on this API's own origin,
        // decided by where the URL resolves (`//other.host/…` is another host, not a path).
        const target = resolveReturnedUrl(url, baseUrl) ?? url;
        const sameOrigin = isPath(target) || (apiOrigin !== undefined && originOf(target) === apiOrigin);
        const headers = sameOrigin ? new Headers(await resolveHeaders(options.headers)) : new Headers();
        headers.delete("x-key");
        // the request deadline until the delivery host answers; its bytes then take as long as they take (a few
        // MB on a slow link), an abort still stopping them
        const answer = await fetchAnswer(
          {
            url: target,
            method: "GET",
            headers,
            signal: opts.signal,
            timeoutMs: requestTimeoutMs,
            fetch: fetchFn(),
            bodyUnbounded: true,
          },
          async (res) => (res.ok ? new Uint8Array(await res.arrayBuffer()) : void (await res.body?.cancel())),
        );
        const { response, body } = answer;
        if (body) return { response, body };
        const { status } = response;
        if ([403, 404, 410].includes(status)) throw new FluxExpiredError(deliveryExpiry(url), { status });
        throw new FluxError(status >= 500 ? "server" : "http", `Image download failed with HTTP ${status}.`, {
          status,
        });
      },
      retry,
      opts.signal,
    );
    const contentType = response.headers.get("content-type") ?? contentTypeFromUrl(url);
    return { bytes, contentType, url };
  }

  /**
   * A GET of `path` under the base (read retries included) and what `pick` reads from its JSON, or a
   * `bad_response` when it reads nothing; any error with the key scrubbed from it.
   */
  async function read<T>(path: string, opts: RequestOptions, pick: (json: unknown) => T | undefined) {
    try {
      const { json } = await get(baseUrl + path, opts.signal);
      const value = pick(json);
      if (value === undefined)
        throw new FluxError("bad_response", `Unexpected answer from ${path}.`, { body: json });
      return value;
    } catch (error) {
      throw scrubSecret(error, apiKey);
    }
  }

  return {
    baseUrl,
    limiter,
    estimator,
    poll: { policy, timeoutMs: waitTimeoutMs, timeoutFor: waitTimeoutFor },
    nextPollDelay: (task, last, polls, failure) => nextPollDelay(task, last, polls, failure),
    submit: submit,
    getResult,
    wait,
    generate: async (model: ModelId, input: never, opts: GenerateOptions = {}) => {
      const job = await submit(model, input, opts);
      call(opts.onSubmitted, job);
      return wait(job, opts);
    },
    download,
    credits: (opts = {}) =>
      read("/v1/credits", opts, (json) => {
        const credits = (json as { credits?: unknown } | null)?.credits;
        return typeof credits === "number" ? credits : undefined;
      }),
    allowedModels: (opts = {}) => read(MODELS_ROUTE_PATH, opts, readModelIds),
  };
}

const refOf = (task: TaskRef): Exclude<TaskRef, string> => (typeof task === "string" ? { id: task } : task);

async function resolveHeaders(headers: FluxClientOptions["headers"]): Promise<HeadersInit | undefined> {
  return typeof headers === "function" ? await headers() : headers;
}

function contentTypeFromUrl(url: string): string {
  const rsct = /[?&]rsct=([^&]+)/.exec(url)?.[1];
  if (rsct) return decodeURIComponent(rsct);
  if (/\.png(\?|$)/i.test(url)) return "image/png";
  if (/\.webp(\?|$)/i.test(url)) return "image/webp";
  return "image/jpeg";
}

function isBrowser(): boolean {
  return typeof window !== "undefined" && typeof document !== "undefined";
}

/** A request refused before anything is sent, for one reason at `path`. */
function refusedLocally(path: string, message: string, type: string): FluxValidationError {
  return new FluxValidationError([{ path, message, type }], "local");
}
