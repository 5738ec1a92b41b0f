import type { ProxyErrorEvent, ProxyLogEvent } from "../options";
import { ClientLimiter } from "./ClientLimiter";
import { checkCors, preflight } from "./cors";
import { PollingTokens } from "./PollingTokens";
import { detail } from "./responses";
import type { ProxyConfig } from "./resolveConfig";
import { allowedMethods, matchRoute, methodAllowed } from "./route";
import { TaskMemo } from "./TaskMemo";
import { planImage } from "./planImage";
import { planPoll } from "./planPoll";
import { planSubmit } from "./planSubmit";
import type { IncomingMeta, Plan, PlainResponse, ReadBody } from "./types";

/** Shared state and helpers the route planners use. */
export interface EngineContext {
  readonly config: ProxyConfig;
  readonly limiter: ClientLimiter;
  readonly tokens: PollingTokens;
  /** Per task: the `onResult` outcome (a replacement sample URL, or `undefined`). */
  readonly results: TaskMemo<Promise<string | undefined>>;
  log(level: ProxyLogEvent["level"], event: string, fields?: Record<string, unknown>): void;
  reportError(event: ProxyErrorEvent): void;
  /** Removes the API key from text that came from elsewhere (upstream bodies, error messages). */
  redact(text: string): string;
  /** `scheme://host` to put in rewritten URLs, or `""` (a relative URL) when unknown. */
  publicOrigin(meta: IncomingMeta): string;
}

const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/** Who the caller is after `authorize`: refused (with the answer), or allowed with an optional client id. */
type AuthOutcome =
  | { readonly ok: false; readonly response: PlainResponse }
  | { readonly ok: true; readonly clientId?: string };

const OPEN: AuthOutcome = { ok: true };

/** The transport-agnostic policy core: decides every answer and upstream call; transports only move bytes. */
export interface Engine {
  plan(meta: IncomingMeta, readBody: ReadBody): Promise<Plan>;
  readonly context: EngineContext;
}

export function createEngine(config: ProxyConfig): Engine {
  const { options, apiKey } = config;
  const redact = (text: string): string =>
    text.includes(apiKey) ? text.split(apiKey).join("[redacted]") : text;
  const redactDeep = (value: unknown): unknown => {
    if (typeof value === "string") return redact(value);
    if (value instanceof Error) return { name: value.name, message: redact(value.message) };
    if (Array.isArray(value)) return value.map(redactDeep);
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
      return out;
    }
    return value;
  };

  const context: EngineContext = {
    config,
    limiter: new ClientLimiter(config.maxActiveTasksPerClient, config.activeTaskTtlMs),
    tokens: new PollingTokens(config.signingSecret),
    results: new TaskMemo(50_000, 60 * 60_000),
    log(level, event, fields) {
      if (!options.logger) return;
      try {
        options.logger(redactDeep({ ...fields, level, event }) as ProxyLogEvent);
      } catch {
        // a throwing logger must not break the request
      }
    },
    reportError(event) {
      context.log("error", event.kind === "hook" ? "hook_error" : `${event.kind}_error`, {
        route: event.route,
        taskId: event.taskId,
        error: event.error,
      });
      if (!options.onError) return;
      try {
        options.onError(event);
      } catch {
        // onError itself failing is ignored
      }
    },
    redact,
    publicOrigin(meta) {
      if (config.publicOrigin !== undefined) return config.publicOrigin;
      let host = meta.host;
      let scheme = meta.secure ? "https" : "http";
      if (config.trustProxy) {
        host = meta.header("x-forwarded-host")?.split(",")[0]?.trim() || host;
        const proto = meta.header("x-forwarded-proto")?.split(",")[0]?.trim();
        if (proto === "https" || proto === "http") scheme = proto;
      }
      return host !== undefined && HOST.test(host) ? `${scheme}://${host}` : "";
    },
  };

  async function authorize(meta: IncomingMeta): Promise<AuthOutcome> {
    if (!options.authorize) return { ok: true };
    const result = await options.authorize(meta.toRequest(), { clientAddress: meta.clientAddress });
    if (result === true) return { ok: true };
    if (result === false) {
      return { ok: false, response: detail(401, "Not authenticated: this proxy requires a signed-in user.") };
    }
    if (result.allow)
      return result.clientId === undefined ? { ok: true } : { ok: true, clientId: result.clientId };
    return {
      ok: false,
      response: detail(result.status ?? 403, result.detail ?? "Not allowed to use this proxy."),
    };
  }

  async function plan(meta: IncomingMeta, readBody: ReadBody): Promise<Plan> {
    const route = matchRoute(meta.path, config.basePath);
    if (route.kind === "not_found") return { type: "respond", response: detail(404, "Not Found") };
    const cors = checkCors(meta, config.allowedOrigins);
    if (!cors.ok) {
      context.log("warn", "refused", { reason: "origin", origin: meta.header("origin") });
      return { type: "respond", response: cors.response };
    }
    const allow = allowedMethods(route);
    if (meta.method === "OPTIONS") return { type: "respond", response: preflight(cors.headers, allow) };
    const withCors = (r: PlainResponse): PlainResponse =>
      cors.headers ? { ...r, headers: { ...r.headers, ...cors.headers } } : r;
    if (!methodAllowed(route, meta.method)) {
      return { type: "respond", response: withCors(detail(405, "Method Not Allowed", { allow })) };
    }
    let auth: AuthOutcome = OPEN;
    try {
      if (options.authorize) auth = await authorize(meta);
    } catch (error) {
      context.reportError({ error, kind: "hook", route: route.kind });
      return { type: "respond", response: withCors(detail(500, "The proxy's authorize hook failed.")) };
    }
    if (!auth.ok) {
      context.log("info", "refused", { reason: "auth", status: auth.response.status });
      return { type: "respond", response: withCors(auth.response) };
    }
    const p =
      route.kind === "submit"
        ? await planSubmit(context, meta, route.model, auth.clientId, readBody)
        : route.kind === "poll"
          ? await planPoll(context, meta, auth.clientId)
          : planImage(context, meta);
    if (!cors.headers) return p;
    if (p.type === "respond") return { type: "respond", response: withCors(p.response) };
    if (p.type === "json") {
      return {
        ...p,
        finish: async (a) => withCors(await p.finish(a)),
        fail: (f, e) => withCors(p.fail(f, e)),
      };
    }
    return {
      ...p,
      accept: (status, header) => {
        const r = p.accept(status, header);
        return { ...r, headers: { ...r.headers, ...cors.headers } };
      },
      fail: (f, e) => withCors(p.fail(f, e)),
    };
  }

  return { plan, context };
}
