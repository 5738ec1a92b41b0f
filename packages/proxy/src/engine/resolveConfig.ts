import type { FluxProxyOptions, ValidateFunction } from "../options";
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
  if (options.signingSecret !== undefined && options.signingSecret.trim() === "") {
    throw new FluxProxyConfigError("`signingSecret` is empty: leave it out to derive one from the key.");
  }

  return {
    readApiKey: () => options.apiKey || envKey() || undefined,
    upstreamOrigin,
    basePath,
    options,
    models: modelRoutes(options.allowedModels, upstreamOrigin),
    allowedOrigins: new Set((options.allowedOrigins ?? []).map((o) => toOrigin(o, "`allowedOrigins` entry"))),
    maxBodyBytes: positive(limits.maxBodyBytes, 25 * 1024 * 1024, "maxBodyBytes"),
    maxActiveTasksPerClient: positive(limits.maxActiveTasksPerClient, 4, "maxActiveTasksPerClient"),
    maxActiveTasks: positive(limits.maxActiveTasks, Infinity, "maxActiveTasks"),
    activeTaskTtlMs: positive(limits.activeTaskTtlMs, 10 * 60_000, "activeTaskTtlMs"),
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
  };
}
