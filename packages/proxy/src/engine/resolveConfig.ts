import type { FluxProxyOptions, ProxyWebhookOptions, ValidateFunction } from "../options";
import { FluxProxyConfigError } from "./FluxProxyConfigError";
import { defaultValidate, isRegion, REGIONS } from "./coreBridge";
import { modelRoutes, type ModelRoutes } from "./modelRoutes";
import { compileTrust, type TrustHop } from "./trust";

/**
 * Options with every default applied, checked once when the proxy is created. The API key is not among them:
 * it is read on the first request (`readApiKey`), so an app builds with no secrets in its environment.
 */
export interface ProxyConfig {
  /** The key from `apiKey` or `BFL_API_KEY`, read when needed; `undefined` while neither is set. */
  readonly readApiKey: () => string | undefined;
  /** Upstream origin without a trailing slash, e.g. `https://api.bfl.ai`. */
  readonly upstreamOrigin: string;
  readonly basePath: string;
  readonly options: FluxProxyOptions;
  /** Submit routes by exact path (`/v1/{id}`): the allowlisted models, and the catalogue's others disabled. */
  readonly models: ModelRoutes;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly maxBodyBytes: number;
  readonly maxActiveTasksPerClient: number;
  /** The account-wide cap (`Infinity`: off). */
  readonly maxActiveTasks: number;
  readonly activeTaskTtlMs: number;
  /** How long a submit waits in line at the account's cap; 0: refused at once. */
  readonly queueWaitMs: number;
  readonly upstreamTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly validate: ValidateFunction | undefined;
  readonly imageProxy:
    { readonly extraOrigins: ReadonlySet<string>; readonly maxAgeSeconds: number } | undefined;
  readonly pollingOrigins: ReadonlySet<string>;
  readonly publicOrigin: string | undefined;
  /** Which forwarding hops to trust (`trustProxy`); `undefined` trusts none. */
  readonly trust: TrustHop | undefined;
  /** `signingSecret`, or `undefined` to derive it from the key. */
  readonly signingSecret: string | undefined;
  readonly clientWebhooks: "strip" | "reject" | "forward";
  /** The proxy's own webhooks (`webhooks`), checked; `undefined` when off. */
  readonly webhooks: WebhookConfig | undefined;
  /** The longest a long poll waits, in ms; `undefined` when long polls are off. */
  readonly longPollMaxMs: number | undefined;
}

/** `webhooks`, checked. Its route exists whenever the option is given, even while a value is missing. */
export interface WebhookConfig {
  /** What each submit sends, or `undefined` while the URL or the secret is not set (tasks are then polled). */
  readonly send: { readonly url: string; readonly secret: string } | undefined;
  /** Every secret that verifies a delivery (the first is the one sent); `undefined` while none is set. */
  readonly secrets: readonly string[] | undefined;
  /** Why `send` is missing, for the one log line. */
  readonly missing: string | undefined;
  /** `fallbackAfterMs`, or `undefined` for the per-model default. */
  readonly fallbackAfterMs: number | undefined;
  readonly schemes: ProxyWebhookOptions["schemes"];
  readonly toleranceMs: number | undefined;
  /** The URL is plain http: BFL's guide says it delivers over https only (logged once). */
  readonly insecure: boolean;
}

function envKey(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.BFL_API_KEY;
}

/** Normalises `input` to a bare origin (`scheme://host[:port]`), or throws a config error naming `what`. */
export function toOrigin(input: string, what: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FluxProxyConfigError(
      `${what} must be an absolute URL such as "https://example.com", got "${input}".`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new FluxProxyConfigError(`${what} must use http or https, got "${url.protocol}".`);
  }
  if (url.username || url.password) throw new FluxProxyConfigError(`${what} must not contain credentials.`);
  return url.origin;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0)) throw new FluxProxyConfigError(`limits.${name} must be a positive number, got ${value}.`);
  return value;
}

/** `limits.queueWaitMs`: 0 (refuse at once) or a finite wait, 10 s by default. */
function waitLimit(value: number | undefined): number {
  if (value === undefined) return 10_000;
  if (!(value >= 0) || !Number.isFinite(value)) {
    throw new FluxProxyConfigError(
      `limits.queueWaitMs must be 0 (a 429 at once) or a finite number of ms, got ${value}.`,
    );
  }
  return value;
}

/**
 * Applies defaults and refuses unsafe or incomplete configurations with a message that says how to fix them.
 * Only what the options themselves say is checked here; a missing key is reported by the first request.
 */
export function resolveConfig(options: FluxProxyOptions): ProxyConfig {
  if (options.apiKey !== undefined && typeof options.apiKey !== "string") {
    throw new FluxProxyConfigError("`apiKey` must be a string (or leave it out to use BFL_API_KEY).");
  }
  if (options.authorize !== undefined && typeof options.authorize !== "function") {
    throw new FluxProxyConfigError(
      "`authorize` must be a function `(request, info) => boolean | { allow }`.",
    );
  }
  if (options.clientId !== undefined && typeof options.clientId !== "function") {
    throw new FluxProxyConfigError("`clientId` must be a function `(request, info) => string`.");
  }
  if (!options.authorize && options.allowAnonymous !== true) {
    throw new FluxProxyConfigError(
      "createFluxProxy() needs an `authorize(request)` hook that decides who may spend credits, or " +
        "`allowAnonymous: true` to let anyone who can reach the route use it (still limited per client).",
    );
  }
  const upstream = options.upstream ?? "global";
  const upstreamOrigin = isRegion(upstream) ? REGIONS[upstream] : toOrigin(upstream, "`upstream`");

  let basePath = options.basePath ?? "/api/flux";
  if (!basePath.startsWith("/")) basePath = `/${basePath}`;
  basePath = basePath.replace(/\/+$/, "");
  if (/[?#%\\]|\/\.{1,2}(\/|$)/.test(basePath)) {
    throw new FluxProxyConfigError(
      `\`basePath\` must be a plain path such as "/api/flux", got "${basePath}".`,
    );
  }

  const limits = options.limits ?? {};
  const image = options.imageProxy ?? true;
  const imageOptions = typeof image === "object" ? image : {};

  let validate: ValidateFunction | undefined;
  if (typeof options.validate === "function") validate = options.validate;
  else if (options.validate !== false) validate = defaultValidate;

  const clientWebhooks = options.clientWebhooks ?? "strip";
  if (clientWebhooks !== "strip" && clientWebhooks !== "reject" && clientWebhooks !== "forward") {
    throw new FluxProxyConfigError(
      `\`clientWebhooks\` must be "strip", "reject" or "forward", got ${JSON.stringify(clientWebhooks)}.`,
    );
  }
  const store: unknown = options.store;
  if (store !== undefined && (typeof store !== "object" || store === null || !("reserveSlot" in store))) {
    throw new FluxProxyConfigError(
      "`store` must be a ProxyStore, such as createMemoryStore() or createRedisStore() from @flux-kit/proxy/redis.",
    );
  }
  const webhooks = options.webhooks === undefined ? undefined : resolveWebhooks(options.webhooks);
  if (webhooks && options.clientWebhooks === "forward") {
    throw new FluxProxyConfigError(
      '`clientWebhooks: "forward"` and `webhooks` cannot both be on: BFL calls one webhook per task, and with ' +
        "`webhooks` it is the proxy's.",
    );
  }
  const longPolls = options.longPolls ?? true;
  const longPollMaxMs =
    longPolls === false
      ? undefined
      : longPolls === true
        ? 20_000
        : positiveOption(longPolls.maxWaitMs, 20_000, "longPolls.maxWaitMs");
  if (longPollMaxMs !== undefined && longPollMaxMs < 1_000) {
    throw new FluxProxyConfigError(
      "`longPolls.maxWaitMs` must be at least 1000 (a wait is counted in seconds).",
    );
  }
  if (options.signingSecret !== undefined && options.signingSecret.trim() === "") {
    throw new FluxProxyConfigError("`signingSecret` is empty: leave it out to derive one from the key.");
  }

  return {
    // trimmed: a key read from a file or pasted often ends in a newline, which no HTTP header can carry
    readApiKey: () => options.apiKey?.trim() || envKey()?.trim() || undefined,
    upstreamOrigin,
    basePath,
    options,
    models: modelRoutes(options.allowedModels, upstreamOrigin),
    allowedOrigins: new Set((options.allowedOrigins ?? []).map((o) => toOrigin(o, "`allowedOrigins` entry"))),
    maxBodyBytes: positive(limits.maxBodyBytes, 25 * 1024 * 1024, "maxBodyBytes"),
    maxActiveTasksPerClient: positive(limits.maxActiveTasksPerClient, 4, "maxActiveTasksPerClient"),
    maxActiveTasks: positive(limits.maxActiveTasks, Infinity, "maxActiveTasks"),
    activeTaskTtlMs: positive(limits.activeTaskTtlMs, 10 * 60_000, "activeTaskTtlMs"),
    queueWaitMs: waitLimit(limits.queueWaitMs),
    upstreamTimeoutMs: positive(limits.upstreamTimeoutMs, 30_000, "upstreamTimeoutMs"),
    bodyTimeoutMs: positive(limits.bodyTimeoutMs, 60_000, "bodyTimeoutMs"),
    validate,
    imageProxy:
      image === false
        ? undefined
        : {
            extraOrigins: new Set(
              (imageOptions.allowedOrigins ?? []).map((o) =>
                toOrigin(o, "`imageProxy.allowedOrigins` entry"),
              ),
            ),
            maxAgeSeconds: imageOptions.maxAgeSeconds ?? 600,
          },
    pollingOrigins: new Set([
      upstreamOrigin,
      ...(options.allowedPollingOrigins ?? []).map((o) => toOrigin(o, "`allowedPollingOrigins` entry")),
    ]),
    publicOrigin:
      options.publicOrigin === undefined ? undefined : toOrigin(options.publicOrigin, "`publicOrigin`"),
    trust: compileTrust(options.trustProxy),
    signingSecret: options.signingSecret,
    clientWebhooks,
    webhooks,
    longPollMaxMs,
  };
}

function positiveOption(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new FluxProxyConfigError(`\`${name}\` must be a positive number, got ${value}.`);
  }
  return value;
}

/** Shortest `webhooks.secret` accepted: a guessable secret would let anyone post outcomes. */
const MIN_WEBHOOK_SECRET = 16;
/** `webhook_url`'s longest value in BFL's schema. */
const MAX_WEBHOOK_URL = 2083;

function resolveWebhooks(input: ProxyWebhookOptions): WebhookConfig {
  if (input === null || typeof input !== "object") {
    throw new FluxProxyConfigError("`webhooks` must be an object `{ publicUrl, secret }`.");
  }
  const { publicUrl, secret, fallbackAfterMs, toleranceMs } = input;
  let url: URL | undefined;
  if (publicUrl !== undefined) {
    const hint = 'such as "https://app.example.com/api/flux/v1/webhook"';
    try {
      url = new URL(publicUrl);
    } catch {
      throw new FluxProxyConfigError(
        `\`webhooks.publicUrl\` must be an absolute URL ${hint}, got "${publicUrl}".`,
      );
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new FluxProxyConfigError(`\`webhooks.publicUrl\` must use https, got "${url.protocol}".`);
    }
    if (url.username || url.password || url.hash) {
      throw new FluxProxyConfigError("`webhooks.publicUrl` must not contain credentials or a `#` fragment.");
    }
    if (url.pathname === "/") {
      throw new FluxProxyConfigError(
        `\`webhooks.publicUrl\` is the webhook route's full URL, not the site's origin: ${hint}.`,
      );
    }
    if (url.href.length > MAX_WEBHOOK_URL) {
      throw new FluxProxyConfigError(
        `\`webhooks.publicUrl\` is longer than BFL accepts (${MAX_WEBHOOK_URL}).`,
      );
    }
  }
  const given = secret === undefined ? [] : typeof secret === "string" ? [secret] : secret;
  if (!Array.isArray(given)) {
    throw new FluxProxyConfigError("`webhooks.secret` must be a string or a list of strings.");
  }
  // a list with every entry unset (environment variables missing at build time) is "not set yet"
  const set = (given as readonly unknown[]).filter((s) => s !== undefined);
  if (set.length > 0 && set.length < given.length) {
    throw new FluxProxyConfigError(
      "`webhooks.secret` lists an unset entry: set it or remove it from the list.",
    );
  }
  for (const entry of set) {
    if (typeof entry !== "string" || entry.trim().length < MIN_WEBHOOK_SECRET) {
      throw new FluxProxyConfigError(
        `\`webhooks.secret\` must be at least ${MIN_WEBHOOK_SECRET} characters (e.g. \`openssl rand -hex 32\`).`,
      );
    }
  }
  // a secret read from a file keeps its trailing newline, which no header can carry: both sides use it trimmed
  const secrets = set.length > 0 ? (set as string[]).map((entry) => entry.trim()) : undefined;
  const schemes: unknown = input.schemes;
  if (
    schemes !== undefined &&
    (!Array.isArray(schemes) ||
      schemes.length === 0 ||
      schemes.some((scheme) => scheme !== "hmac-sha256" && scheme !== "shared-secret"))
  ) {
    throw new FluxProxyConfigError(
      '`webhooks.schemes` must list one or both of "hmac-sha256" and "shared-secret" (or be left out for both).',
    );
  }
  if (fallbackAfterMs !== undefined && !(fallbackAfterMs > 0 && Number.isFinite(fallbackAfterMs))) {
    throw new FluxProxyConfigError(
      `\`webhooks.fallbackAfterMs\` must be a positive, finite number of ms, got ${fallbackAfterMs}.`,
    );
  }
  if (toleranceMs !== undefined && !(toleranceMs >= 0)) {
    throw new FluxProxyConfigError(`\`webhooks.toleranceMs\` must be a number >= 0, got ${toleranceMs}.`);
  }
  const missing =
    url === undefined
      ? "`webhooks.publicUrl` is not set, so tasks are polled: set it to this proxy's webhook URL."
      : secrets === undefined
        ? "`webhooks.secret` is not set, so tasks are polled and deliveries are refused: set the webhook secret."
        : undefined;
  return {
    send: url && secrets ? { url: url.href, secret: secrets[0]! } : undefined,
    secrets,
    missing,
    fallbackAfterMs,
    schemes: input.schemes,
    toleranceMs,
    insecure: url?.protocol === "http:",
  };
}
