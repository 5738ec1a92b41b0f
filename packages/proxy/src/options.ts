import type { ProxyStore } from "./store/ProxyStore";

/** Who is calling, as far as the proxy can tell. Passed to `authorize`, `clientId` and the hooks. */
export interface ProxyRequestInfo {
  /**
   * The address of the peer that connected: the socket's (Node adapters, Hono on Node), or one the platform
   * vouches for (the Next.js adapter on Vercel and Netlify). `undefined` where the runtime gives none.
   */
  readonly clientAddress?: string | undefined;
}

/**
 * What `authorize` returns: `true`/`false`, or an object that can also name the client (used for the
 * per-client limit and task ownership instead of `clientId`) or say why a caller is refused. Only `true` and
 * `{ allow: true }` allow; any other value refuses (403).
 */
export type AuthorizeResult =
  | boolean
  | { readonly allow: true; readonly clientId?: string }
  | { readonly allow: false; readonly status?: 401 | 403; readonly detail?: string };

/** A validation outcome, as core's `validateInput` returns it. */
export type ValidateResult =
  | { readonly success: true }
  | { readonly success: false; readonly issues: readonly unknown[]; readonly body?: unknown };

/** A custom check of a submit body. Return `{ success: false, body }` to answer 422 with `body`. */
export type ValidateFunction = (model: string, input: unknown) => ValidateResult | Promise<ValidateResult>;

export interface ProxyLimits {
  /**
   * Largest request body accepted, in bytes, counted while it streams in (chunked bodies too) → 413.
   * @default 26_214_400 (25 MB: input images may be base64 of up to 20 MB)
   * @example { maxBodyBytes: 1_000_000 }
   */
  readonly maxBodyBytes?: number;
  /**
   * Most tasks one client may have running at once (submitted, not yet seen terminal by a poll) → 429.
   * `Infinity` turns the limit off.
   * @default 4
   * @example { maxActiveTasksPerClient: 2 }
   */
  readonly maxActiveTasksPerClient?: number;
  /**
   * Most tasks the whole account (the API key) may have active at once, counted in the `store`, so that
   * every instance sharing it together never sends BFL a task over its cap: past it a submit waits in line
   * (`queueWaitMs`), then gets the proxy's own 429 with `Retry-After`, in BFL's words, before BFL is asked. While it is on, each model's own cap from
   * core's catalogue applies too (6 for `flux-kontext-max`). Off by default, since a task no poll sees finish
   * holds its place for `activeTaskTtlMs`; set it to BFL's cap when all traffic to the key goes through the
   * proxies sharing the store.
   * @default Infinity (off)
   * @example { maxActiveTasks: 24 }
   */
  readonly maxActiveTasks?: number;
  /**
   * How long a submit over `maxActiveTasks` (or a model's own cap) waits in line for a place, in ms, before the
   * proxy's 429. Places go to waiting submits in arrival order across every instance sharing the `store`, as
   * tasks end (a poll or a webhook sees it) or expire. The request is held meanwhile: keep it under your
   * platform's time limit and the client's request timeout (30 s in core's client) less BFL's answer. `0` answers
   * the 429 at once.
   * @default 10_000
   * @example { maxActiveTasks: 24, queueWaitMs: 20_000 }
   */
  readonly queueWaitMs?: number;
  /**
   * How long a task counts against its client (and the account) if no poll ever sees it finish, in ms.
   * @default 600_000 (10 minutes)
   */
  readonly activeTaskTtlMs?: number;
  /**
   * Upstream timeout for submits and polls, in ms → 504: for the answer's headers (connecting included), then
   * again for its whole body. The image route uses it for the response headers only (a large image may stream
   * for longer).
   * @default 30_000
   */
  readonly upstreamTimeoutMs?: number;
  /**
   * How long a request body may take to arrive in full, in ms → 408, so a client that drips a byte every few
   * seconds cannot hold a connection. Raise it if people upload large base64 images over slow links.
   * @default 60_000
   */
  readonly bodyTimeoutMs?: number;
}

export interface ImageProxyOptions {
  /**
   * Extra delivery origins to allow besides BFL's (`https://delivery-*.bfl.ai`,
   * BFL's known Azure accounts `https://bfldelivery{prod,prodeu4,scus}.blob.core.windows.net`), e.g. the mock's
   * origin or a new BFL delivery account.
   * @default []
   * @example { allowedOrigins: ["http://127.0.0.1:4010"] }
   */
  readonly allowedOrigins?: readonly string[];
  /**
   * `Cache-Control` `max-age` cap in seconds (it is also capped by the URL's `se=` expiry).
   * @default 600
   */
  readonly maxAgeSeconds?: number;
}

/** Structured events the proxy logs. No event ever contains the API key. */
export interface ProxyLogEvent {
  readonly level: "debug" | "info" | "warn" | "error";
  /** e.g. `"submit"`, `"poll"`, `"image"`, `"refused"`, `"upstream_error"`, `"hook_error"`. */
  readonly event: string;
  readonly [field: string]: unknown;
}

export interface SubmitEvent {
  readonly taskId: string;
  readonly model: string;
  readonly clientId: string;
  /** Credits charged, as BFL reported them (`null` for models that don't report cost). */
  readonly cost: number | null;
  /** The upstream polling URL BFL returned (before rewriting). */
  readonly pollingUrl: string | undefined;
  /**
   * The request body as forwarded to BFL (parsed JSON, prototype keys stripped), without the proxy's own
   * webhook fields: e.g. to keep the prompt beside the task id. May hold base64 input images.
   */
  readonly input: Readonly<Record<string, unknown>>;
  /** The incoming request (its body has been read). */
  readonly request: Request;
}

export interface ResultEvent {
  readonly taskId: string;
  /** The upstream `result` object of the `Ready` poll. */
  readonly result: Record<string, unknown>;
  /** The upstream delivery URL (valid ~10 minutes). */
  readonly sample: string | undefined;
  readonly clientId: string;
}

/** What `onResult` may return: a replacement `sample` URL (e.g. where you persisted the image). */
export type ResultHookReturn = void | undefined | { readonly sample?: string };

export interface ProxyErrorEvent {
  readonly error: unknown;
  /**
   * `"upstream"` (BFL unreachable, timed out, or answered badly), `"hook"` (one of your hooks threw) or
   * `"store"` (the `store` failed, e.g. Redis unreachable).
   */
  readonly kind: "upstream" | "hook" | "store" | "internal";
  readonly route: "submit" | "poll" | "webhook" | "image" | "models" | "other";
  readonly taskId?: string | undefined;
}

/**
 * The proxy's own webhooks (`createFluxProxy({ webhooks })`): BFL calls the proxy when a task ends, so no one
 * polls BFL for it. The proxy adds `webhook_url` / `webhook_secret` to each submit of a model that takes them
 * (not FLUX 3 Image or outpainting, whose strict schemas refuse them: those are polled), receives the deliveries
 * at `POST {basePath}/v1/webhook`, checks them with core's `verifyWebhook` (both documented schemes), keeps each
 * task's outcome in the `store`, and answers `get_result` for it from there. Until the outcome arrives, polls
 * are answered `Pending` without asking BFL; a task whose webhook has not come after `fallbackAfterMs` is polled
 * upstream as without webhooks, so nothing is lost when BFL cannot reach the server (local development, a
 * firewall). A task's places are freed and `onResult` runs when its webhook arrives, whether or not anyone polls.
 *
 * Either value may be `undefined` when the proxy is created (a build with no secrets in its environment): the
 * proxy then polls as without webhooks and logs why once.
 */
export interface ProxyWebhookOptions {
  /**
   * The full URL at which BFL reaches this proxy's webhook route, `{your public origin}{basePath}/v1/webhook`,
   * over https. The proxy's own route is `{basePath}/v1/webhook` whatever this says, so a rewrite in front may
   * map another path to it.
   * @example { publicUrl: "https://app.example.com/api/flux/v1/webhook" }
   */
  readonly publicUrl: string | undefined;
  /**
   * The `webhook_secret` sent with each submit, at least 16 characters (`openssl rand -hex 32`). Give a list to
   * rotate: the first is sent, any of them verifies.
   * @example { secret: process.env.FLUX_WEBHOOK_SECRET }
   */
  readonly secret: string | readonly string[] | undefined;
  /**
   * How long after a submit the proxy waits for the task's webhook before it polls BFL for it, in ms.
   * @default three times the model's typical run (core's catalogue), at least 30 s: 36 s for `flux-2-pro`
   */
  readonly fallbackAfterMs?: number;
  /** Signature schemes to accept (core's `verifyWebhook`). @default ["hmac-sha256", "shared-secret"] */
  readonly schemes?: readonly ("hmac-sha256" | "shared-secret")[];
  /** Replay window for timestamped deliveries, in ms (core's `verifyWebhook`). @default 300_000 */
  readonly toleranceMs?: number;
}

/** Options of `createFluxProxy()` and every adapter. Each has a safe default. */
export interface FluxProxyOptions {
  /**
   * The BFL API key. It is added to upstream calls only and never appears in a response, log or error. It is
   * read on the first request, not when the proxy is created, so `next build` and Docker builds need no secrets;
   * while it is missing every request gets a 500 `{ detail, code: "misconfigured" }` and one log line, and the
   * Node adapter's `listen()` refuses to start.
   * @default process.env.BFL_API_KEY
   * @example { apiKey: process.env.MY_BFL_KEY }
   */
  readonly apiKey?: string;
  /**
   * Where submits go: `"global"` (`https://api.bfl.ai`), `"eu"`, `"us"`, or a base URL (e.g. the mock's).
   * @default "global"
   * @example { upstream: "eu" }
   */
  readonly upstream?: "global" | "eu" | "us" | (string & {});
  /**
   * Path the proxy is mounted at; routes are `{basePath}/v1/…`.
   * @default "/api/flux"
   * @example { basePath: "/flux" }
   */
  readonly basePath?: string;
  /**
   * Decides who may spend credits. Required unless `allowAnonymous: true`.
   * @example { authorize: async (req) => { const u = await getUser(req); return u ? { allow: true, clientId: u.id } : false } }
   */
  readonly authorize?: (
    request: Request,
    info: ProxyRequestInfo,
  ) => AuthorizeResult | Promise<AuthorizeResult>;
  /**
   * Lets anyone who can reach the route use it (still limited per client). Must be said explicitly.
   * @default false
   */
  readonly allowAnonymous?: boolean;
  /**
   * Model ids that may be submitted, each served at `POST {basePath}/v1/{id}` and forwarded to
   * `{upstream}/v1/{id}`. An id may contain `/` (BFL's FLUX Tools: `flux-tools/erase-v1`,
   * `flux-tools/outpainting-v1`, `flux-tools/vto-v1`, `flux-tools/vto-v2`, `flux-tools/deblur-v1`); a request
   * path must equal `/v1/{id}` exactly, so encoded (`%2F`), doubled or trailing slashes, dot segments,
   * backslashes and other cases are 404. Catalogue models left out get 403, unknown ids 404. An entry that is
   * not a model id (lower-case segments of letters, digits, `.`, `_`, `-`) throws `FluxProxyConfigError`.
   * @default every model in core's catalogue (FLUX Tools included)
   * @example { allowedModels: ["flux-2-pro", "flux-tools/erase-v1"] }
   */
  readonly allowedModels?: readonly string[];
  /**
   * Browser origins allowed to call cross-origin (CORS). Requests with any other `Origin` get 403;
   * same-origin requests and requests without `Origin` (servers, curl) are unaffected.
   * @default [] (same-origin only)
   * @example { allowedOrigins: ["https://app.example.com"] }
   */
  readonly allowedOrigins?: readonly string[];
  /** Body size, per-client concurrency and timeouts. */
  readonly limits?: ProxyLimits;
  /**
   * Names the client for the per-client limit and for task ownership (a task's polls and result belong to the
   * client that submitted it). Should be a user or session id.
   *
   * By default: `authorize`'s `clientId`, else the client address behind `trustProxy`'s hops, else the peer
   * address the runtime gives (`ProxyRequestInfo.clientAddress`). When none of them is known (an App Router or
   * edge deployment without a `clientId`), submits are refused with a 500 that says so, rather than every visitor
   * sharing one limit; return `() => "site"` here if one limit for the whole site is what you want.
   * @example { clientId: (req) => req.headers.get("x-user-id") ?? "anonymous" }
   */
  readonly clientId?: (request: Request, info: ProxyRequestInfo) => string | Promise<string>;
  /**
   * Which proxies in front of the app to believe about `X-Forwarded-For` / `-Proto` / `-Host`: `true` for one
   * (a load balancer or nginx that appends the address it saw), a number of hops, or the proxies' addresses and
   * subnets (`["10.0.0.0/8", "loopback"]`, as Express takes them). The client address is the right-most
   * `X-Forwarded-For` entry that is not a trusted hop, never the left-most, which the client writes itself. Set
   * it only behind proxies you control.
   * @default false
   * @example { trustProxy: 1 }
   */
  readonly trustProxy?: boolean | number | readonly string[];
  /**
   * What to do with `webhook_url` / `webhook_secret` in a browser's submit: `"strip"` them (BFL then sends no
   * webhook for that task, or the proxy's own with `webhooks`), `"reject"` the submit with a 400, or `"forward"`
   * them (lets any visitor make BFL call an address they chose; only for trusted callers, and not with `webhooks`).
   * @default "strip"
   */
  readonly clientWebhooks?: "strip" | "reject" | "forward";
  /**
   * Checks submit bodies against core's per-model schemas before any credit is spent (422 like BFL's).
   * `false` turns it off; a function replaces it.
   * @default true
   */
  readonly validate?: boolean | ValidateFunction;
  /**
   * Rewrites `result.sample` to `{basePath}/v1/image?u=…` so browsers can download the image (BFL's delivery
   * host sends no CORS headers). `false` leaves BFL's URL in place.
   * @default true
   */
  readonly imageProxy?: boolean | ImageProxyOptions;
  /**
   * The site's public origin: used in rewritten URLs (`polling_url`, `result.sample`), and the only origin a
   * browser's same-origin request may come from (so a DNS-rebinding `Host` cannot pass). Set it behind HTTPS
   * termination that does not forward the scheme, or when the `Host` reaching the app is not the public one.
   * @default the origin the request arrived on: its `Host` header (not the bind address `next start` puts in
   *   `request.url`) and scheme, or the trusted `X-Forwarded-Host`/`-Proto` with `trustProxy`
   * @example { publicOrigin: "https://app.example.com" }
   */
  readonly publicOrigin?: string;
  /**
   * Secret that signs polling tokens. Derived from the API key (HMAC) when omitted.
   * @default derived from `apiKey`
   */
  readonly signingSecret?: string;
  /**
   * Extra polling origins to trust besides `https://*.bfl.ai` and the `upstream` origin.
   * @default []
   */
  readonly allowedPollingOrigins?: readonly string[];
  /** Called after each successful submit. Errors are reported to `onError`, never to the client. */
  readonly onSubmit?: (event: SubmitEvent) => void | Promise<void>;
  /**
   * Called once per task when a poll (or, with `webhooks`, its delivery) first sees it `Ready`; awaited before the
   * poll answers, so you can persist the image before its URL expires and return `{ sample }` to point clients
   * at your copy.
   */
  readonly onResult?: (event: ResultEvent) => ResultHookReturn | Promise<ResultHookReturn>;
  /** Called on upstream and hook errors. */
  readonly onError?: (event: ProxyErrorEvent) => void;
  /**
   * Receives structured events. Off by default.
   * @example { logger: (e) => console.log(JSON.stringify(e)) }
   */
  readonly logger?: (event: ProxyLogEvent) => void;
  /**
   * Long polls: a poll that asks to wait (`get_result?…&wait=20&seen=Pending`, as core's client does when the
   * proxy's answers carry `X-Flux-Long-Poll`) is held until the task's status changes or the wait ends, then
   * answered as BFL would. However many requests wait on a task, one poll at a time reaches BFL for it (across
   * instances too, with a store that can publish, such as Redis). `maxWaitMs` caps a wait: keep it under your
   * platform's request time limit (Vercel, Netlify and API Gateway end requests after 10–30 s on some plans).
   * `false` turns them off (`wait` is ignored, as BFL ignores it).
   * @default { maxWaitMs: 20_000 }
   * @example { longPolls: { maxWaitMs: 8_000 } }
   */
  readonly longPolls?: boolean | { readonly maxWaitMs?: number };
  /**
   * BFL calls the proxy when a task ends instead of being polled for it (see {@link ProxyWebhookOptions}). Off
   * by default. With several instances, share a `store` so that a delivery to one answers polls on all.
   * @example { webhooks: { publicUrl: "https://app.example.com/api/flux/v1/webhook", secret: process.env.FLUX_WEBHOOK_SECRET } }
   */
  readonly webhooks?: ProxyWebhookOptions;
  /**
   * Where the proxy keeps per-client active tasks, which client submitted each task, and `onResult`'s "once
   * per task": this process's memory by default. Several instances (serverless, replicas behind a balancer)
   * share a store so that these hold across them: `createRedisStore()` from `@flux-kit/proxy/redis`, or your
   * own `ProxyStore`. When the store fails, what it guards is refused with a 503 (limits fail closed).
   * @default createMemoryStore()
   * @example { store: createRedisStore({ url: process.env.REDIS_URL }) }
   */
  readonly store?: ProxyStore;
  /**
   * The fetch the Web handler uses upstream. When set, the Node adapters use it too instead of `node:http`.
   * @default globalThis.fetch
   */
  readonly fetch?: typeof fetch;
}
