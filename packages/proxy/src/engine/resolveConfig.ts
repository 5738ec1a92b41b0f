import type { FluxProxyOptions, ValidateFunction } from "../options";
import { FluxProxyConfigError } from "./FluxProxyConfigError";
import { defaultModelIds, defaultValidate } from "./coreBridge";

const REGIONS: Record<string, string> = {
  global: "https://api.bfl.ai",
  eu: "https://api.eu.bfl.ai",
  us: "https://api.us.bfl.ai",
};

/** Options with every default applied, checked once at startup. */
export interface ProxyConfig {
  readonly apiKey: string;
  /** Upstream origin without a trailing slash, e.g. `https://api.bfl.ai`. */
  readonly upstreamOrigin: string;
  readonly basePath: string;
  readonly options: FluxProxyOptions;
  readonly allowedModels: ReadonlySet<string>;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly maxBodyBytes: number;
  readonly maxActiveTasksPerClient: number;
  readonly activeTaskTtlMs: number;
  readonly upstreamTimeoutMs: number;
  readonly validate: ValidateFunction | undefined;
  readonly imageProxy:
    { readonly extraOrigins: ReadonlySet<string>; readonly maxAgeSeconds: number } | undefined;
  readonly pollingOrigins: ReadonlySet<string>;
  readonly publicOrigin: string | undefined;
  readonly trustProxy: boolean;
  readonly signingSecret: string;
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

/** Applies defaults and refuses unsafe or incomplete configurations with a message that says how to fix them. */
export function resolveConfig(options: FluxProxyOptions): ProxyConfig {
  const apiKey = options.apiKey ?? envKey();
  if (!apiKey) {
    throw new FluxProxyConfigError(
      "No BFL API key: set the BFL_API_KEY environment variable on the server, or pass `apiKey` to createFluxProxy().",
    );
  }
  if (!options.authorize && options.allowAnonymous !== true) {
    throw new FluxProxyConfigError(
      "createFluxProxy() needs an `authorize(request)` hook that decides who may spend credits, or " +
        "`allowAnonymous: true` to let anyone who can reach the route use it (still limited per client).",
    );
  }
  const upstream = options.upstream ?? "global";
  const upstreamOrigin = REGIONS[upstream] ?? toOrigin(upstream, "`upstream`");

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

  return {
    apiKey,
    upstreamOrigin,
    basePath,
    options,
    allowedModels: new Set(options.allowedModels ?? defaultModelIds()),
    allowedOrigins: new Set((options.allowedOrigins ?? []).map((o) => toOrigin(o, "`allowedOrigins` entry"))),
    maxBodyBytes: positive(limits.maxBodyBytes, 25 * 1024 * 1024, "maxBodyBytes"),
    maxActiveTasksPerClient: positive(limits.maxActiveTasksPerClient, 4, "maxActiveTasksPerClient"),
    activeTaskTtlMs: positive(limits.activeTaskTtlMs, 10 * 60_000, "activeTaskTtlMs"),
    upstreamTimeoutMs: positive(limits.upstreamTimeoutMs, 30_000, "upstreamTimeoutMs"),
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
    trustProxy: options.trustProxy === true,
    signingSecret: options.signingSecret ?? `derived:${apiKey}`,
  };
}
