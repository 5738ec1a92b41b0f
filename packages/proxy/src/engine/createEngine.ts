import type { ProxyLogEvent } from "../options";
import type { EngineContext, Secrets } from "./context";
import { checkCors, preflight } from "./cors";
import { FluxProxyConfigError } from "./FluxProxyConfigError";
import { PollingTokens } from "./PollingTokens";
import { createRedactor } from "./redact";
import { detail, JSON_HEADERS, refuse } from "./responses";
import type { ProxyConfig } from "./resolveConfig";
import { allowedMethods, matchRoute, methodAllowed } from "./route";
import { createMemoryStore } from "../store/createMemoryStore";
import { nearestForwarded } from "./trust";
import { authorizeRequest, OPEN, type AuthOutcome } from "./authorizeRequest";
import { planImage } from "./planImage";
import { planModels } from "./planModels";
import { planPoll } from "./planPoll";
import { planSubmit } from "./planSubmit";
import { planWebhook } from "./planWebhook";
import { createPlaceLine } from "./placeLine";
import { createTaskWatches } from "./watchTasks";
import type { IncomingMeta, Plan, PlainResponse, ReadBody } from "./types";

const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/** The transport-agnostic policy core: decides every answer and upstream call; transports only move bytes. */
export interface Engine {
  plan(meta: IncomingMeta, readBody: ReadBody): Promise<Plan>;
  /** Throws `FluxProxyConfigError` when the proxy cannot serve yet (no API key): for adapters' `listen`. */
  assertReady(): void;
  readonly context: EngineContext;
}

const NO_KEY =
  "No BFL API key: set the BFL_API_KEY environment variable on the server (or pass `apiKey`), then restart.";
const UNSENDABLE_KEY =
  "The BFL API key holds a character an HTTP header cannot carry (a control character or a non-ASCII one, such " +
  "as a zero-width space pasted with it): check BFL_API_KEY (or `apiKey`), then restart.";
/** Printable ASCII only: what BFL's keys are made of, and what every HTTP client sends as a header as it is. */
const SENDABLE_KEY = /^[\x20-\x7e]+$/;

export function createEngine(config: ProxyConfig): Engine {
  const { options } = config;
  let secrets: Secrets | undefined;
  /** Why there are no `secrets` yet: no key, or one that cannot be sent. */
  let keyProblem = NO_KEY;

  /** The key and its helpers, made on first use; `undefined` while no usable key is configured. */
  const ready = (): Secrets | undefined => {
    if (secrets) return secrets;
    const apiKey = config.readApiKey();
    if (!apiKey || !SENDABLE_KEY.test(apiKey)) {
      keyProblem = apiKey ? UNSENDABLE_KEY : NO_KEY;
      return undefined;
    }
    // the webhook secrets are redacted like the key: BFL's 422 may echo a submit's fields
    const redactors = [apiKey, ...(config.webhooks?.secrets ?? [])].map(createRedactor);
    secrets = {
      apiKey,
      tokens: new PollingTokens(config.signingSecret ?? `derived:${apiKey}`),
      redact:
        redactors.length === 1
          ? redactors[0]!
          : (text) => redactors.reduce((redacted, redact) => redact(redacted), text),
    };
    return secrets;
  };

  const redactText = (text: string): string => ready()?.redact(text) ?? text;
  const redactDeep = (value: unknown, redact: (text: string) => string, depth = 0): unknown => {
    if (typeof value === "string") return redact(value);
    if (depth > 8) return "[…]";
    if (value instanceof Error) return { name: value.name, message: redact(value.message) };
    if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact, depth + 1));
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact, depth + 1);
      return out;
    }
    return value;
  };

  const logged = new Set<string>();
  const trust = config.trust;
  /** Whether the peer that connected is one of the trusted proxies (unknown peers are the platform's edge). */
  const trustsPeer = (meta: IncomingMeta) =>
    trust !== undefined && (meta.clientAddress === undefined || trust(meta.clientAddress, 0));

  /** The origin the request arrived on: its `Host` and scheme, or what a trusted proxy forwarded. */
  const arrivedOrigin = (meta: IncomingMeta): string | undefined => {
    let host = meta.host;
    let scheme = meta.secure ? "https" : "http";
    if (trustsPeer(meta)) {
      host = nearestForwarded(meta.header("x-forwarded-host")) ?? host;
      const proto = nearestForwarded(meta.header("x-forwarded-proto"))?.toLowerCase();
      if (proto === "https" || proto === "http") scheme = proto;
    }
    if (host === undefined) return undefined;
    // a deployment is reached under one name nearly always: that one is answered without building a key
    if (host === lastArrived.host && scheme === lastArrived.scheme) return lastArrived.origin;
    const raw = `${scheme}://${host}`;
    const known = arrived.get(raw);
    if (known !== undefined) {
      lastArrived = { host, scheme, origin: known || undefined };
      return known || undefined;
    }
    let origin = "";
    if (HOST.test(host)) {
      try {
        origin = new URL(raw).origin;
      } catch {
        // not an origin: answered as none
      }
    }
    // bounded: a client can send any Host, a deployment is reached under a few
    if (arrived.size >= 256) arrived.clear();
    arrived.set(raw, origin);
    lastArrived = { host, scheme, origin: origin || undefined };
    return origin || undefined;
  };
  /** `scheme://host` as arrived → its origin ("" for none), memoised. */
  const arrived = new Map<string, string>();
  /** The last host and scheme looked up, and their origin. */
  let lastArrived: { host?: string; scheme?: string; origin?: string | undefined } = {};

  const store = options.store ?? createMemoryStore();
  const context: EngineContext = {
    config,
    store,
    // submits and polls say that polls may wait (core's client then long-polls): in the one headers object they
    // are answered with, so no request pays for adding it
    okHeaders:
      config.longPollMaxMs === undefined
        ? JSON_HEADERS
        : Object.freeze({
            ...JSON_HEADERS,
            "x-flux-long-poll": String(Math.floor(config.longPollMaxMs / 1000)),
          }),
    watches: createTaskWatches(store, (error, taskId) =>
      context.reportError({ error, kind: "store", route: "poll", taskId }),
    ),
    line: createPlaceLine(store, (error) => context.reportError({ error, kind: "store", route: "submit" })),
    inflight: new Map(),
    get secrets(): Secrets {
      const known = ready();
      if (!known) throw new FluxProxyConfigError(keyProblem);
      return known;
    },
    log(level, event, fields) {
      if (!options.logger) return;
      try {
        options.logger(redactDeep({ ...fields, level, event }, redactText) as ProxyLogEvent);
      } catch {
        // a throwing logger must not break the request
      }
    },
    logOnce(level, event, fields) {
      if (logged.has(event)) return;
      logged.add(event);
      if (options.logger) return context.log(level, event, fields);
      // with no logger configured, a configuration problem still gets its one line
      console.error(`[@flux-kit/proxy] ${fields.message}`);
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
    redact: redactText,
    publicOrigin: (meta) => config.publicOrigin ?? arrivedOrigin(meta) ?? "",
  };

  async function plan(meta: IncomingMeta, readBody: ReadBody): Promise<Plan> {
    const route = matchRoute(meta.path, config.basePath, config.models, config.webhooks !== undefined);
    if (route.kind === "not_found") return { type: "respond", response: detail(404, "Not Found") };
    const cors = checkCors(meta, config.allowedOrigins, () => context.publicOrigin(meta) || undefined);
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
    if (!ready()) {
      context.logOnce("error", "misconfigured", { message: keyProblem });
      return {
        type: "respond",
        response: withCors(
          refuse(
            "misconfigured",
            "The image service is not set up on this server yet (it has no usable BFL API key). The site's owner must set BFL_API_KEY.",
          ),
        ),
      };
    }
    // BFL's deliveries are not a user's requests: they pass only with the webhook secret
    if (route.kind === "webhook") return planWebhook(context, meta, readBody);
    let auth: AuthOutcome = OPEN;
    if (options.authorize) auth = await authorizeRequest(context, meta, route.kind);
    if (!auth.ok) return { type: "respond", response: withCors(auth.response) };
    const p =
      route.kind === "submit"
        ? await planSubmit(context, meta, route.model, auth.clientId, readBody)
        : route.kind === "poll"
          ? await planPoll(context, meta, auth.clientId)
          : route.kind === "image"
            ? planImage(context, meta)
            : planModels(context);
    return cors.headers ? withHeaders(p, cors.headers) : p;
  }

  return {
    plan,
    context,
    assertReady() {
      if (!ready()) throw new FluxProxyConfigError(keyProblem);
    },
  };
}

/** `plan` with `headers` added to whatever it answers. */
function withHeaders(plan: Plan, headers: Record<string, string>): Plan {
  const add = (r: PlainResponse): PlainResponse => ({ ...r, headers: { ...r.headers, ...headers } });
  if (plan.type === "respond") return { type: "respond", response: add(plan.response) };
  if (plan.type === "json") {
    return { ...plan, finish: async (a) => add(await plan.finish(a)), fail: (f, e) => add(plan.fail(f, e)) };
  }
  if (plan.type === "watch") {
    return {
      ...plan,
      run: async (poll, gone) => {
        const response = await plan.run(poll, gone);
        return response && add(response);
      },
    };
  }
  return {
    ...plan,
    accept: (status, header) => {
      const r = plan.accept(status, header);
      return { ...r, headers: { ...r.headers, ...headers } };
    },
    fail: (f, e) => add(plan.fail(f, e)),
  };
}
