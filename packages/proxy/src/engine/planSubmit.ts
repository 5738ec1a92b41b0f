import type { EngineContext, Secrets } from "./context";
import { BodyTimeoutError, BodyTooLargeError, parseJsonBody } from "./body";
import { isAllowedPollingOrigin, parseFetchableUrl } from "./hosts";
import { detail, jsonText, ok, refuse } from "./responses";
import { givePlacesBack, queueing, takePlaces } from "./takePlaces";
import { UpstreamError } from "./upstream";
import type { Place } from "../store/ProxyStore";
import { passThrough, upstreamFailure } from "./upstreamAnswers";
import type {
  IncomingMeta,
  Plan,
  PlainResponse,
  ReadBody,
  UpstreamCall,
  UpstreamFailure,
  UpstreamJson,
} from "./types";
import type { ModelRoute } from "./modelRoutes";
import { NO_CLIENT_ID, resolveClientId } from "./resolveClientId";
import { deliveryKey, DELIVERY_TOKEN, fallbackAfter, noteAwaiting, proxyWebhook } from "./deliveries";
import { applyOutcome } from "./planWebhook";

const respond = (response: PlainResponse): Plan => ({ type: "respond", response });

/** How long a task's submitter and polling host are kept: well past BFL's one-hour retention. */
const TASK_TTL_MS = 3 * 60 * 60_000;

/** Submit fields that make BFL call an address: a browser may not choose them unless `clientWebhooks` says so. */
const WEBHOOK_FIELDS = ["webhook_url", "webhook_secret"] as const;

/**
 * `POST /v1/{model}` (a model id may hold a `/`: `flux-tools/erase-v1`): model allowlist, body limit and deadline, JSON, webhook fields, validation, per-client
 * limit; then forward with the key. Once the body is forwarded the task may exist, so the client's slot is
 * kept (until a poll sees the task end, or its TTL) unless BFL's answer says no task was made.
 */
export async function planSubmit(
  ctx: EngineContext,
  meta: IncomingMeta,
  route: ModelRoute,
  authClientId: string | undefined,
  readBody: ReadBody,
): Promise<Plan> {
  const { config } = ctx;
  const model = route.id;
  if (!route.enabled) {
    return respond(refuse("model_not_enabled", `The model "${model}" is not enabled on this server.`));
  }
  const declared = meta.header("content-length");
  if (declared !== undefined && Number(declared) > config.maxBodyBytes) {
    return respond(tooLarge(config.maxBodyBytes));
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBody(config.maxBodyBytes, config.bodyTimeoutMs);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return respond(tooLarge(config.maxBodyBytes));
    if (error instanceof BodyTimeoutError) {
      ctx.log("info", "refused", { reason: "body_timeout" });
      return respond(
        refuse(
          "body_timeout",
          `The request body did not arrive within ${Math.round(config.bodyTimeoutMs / 1000)} s.`,
          { connection: "close" },
        ),
      );
    }
    return respond(refuse("invalid_body", "The request body could not be read."));
  }
  const parsed = parseJsonBody(bytes);
  if (!parsed.ok) return respond(refuse("invalid_body", parsed.message));
  const input = parsed.value;
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return respond(refuse("invalid_body", "The request body must be a JSON object of the model's inputs."));
  }
  const fields = input as Record<string, unknown>;
  if (config.clientWebhooks !== "forward" && WEBHOOK_FIELDS.some((f) => Object.hasOwn(fields, f))) {
    if (config.clientWebhooks === "reject") {
      return respond(
        refuse(
          "invalid_body",
          "webhook_url and webhook_secret are set by the server, not in a browser's request.",
        ),
      );
    }
    for (const field of WEBHOOK_FIELDS) delete fields[field];
    ctx.log("debug", "webhook_fields_stripped", { model });
  }
  // Serialised up front: a body nested too deeply to re-encode is the client's error (400), and must fail
  // before a client slot is taken.
  let outgoing: string;
  try {
    outgoing = JSON.stringify(input);
  } catch {
    return respond(refuse("invalid_body", "The request body is nested too deeply."));
  }
  // the proxy's own webhook, spliced into the serialised body (a body of base64 images is not encoded twice);
  // `fields`, which onSubmit sees, keeps no secret
  const hook = proxyWebhook(ctx, model);
  if (hook) {
    const added = JSON.stringify({ webhook_url: hook.url, webhook_secret: hook.secret }).slice(1);
    outgoing = outgoing === "{}" ? `{${added}` : `${outgoing.slice(0, -1)},${added}`;
  }
  if (config.validate) {
    let verdict;
    try {
      const pending = config.validate(model, input);
      verdict = pending instanceof Promise ? await pending : pending;
    } catch (error) {
      ctx.reportError({ error, kind: "hook", route: "submit" });
      return respond(refuse("hook_failed", "The proxy's validate hook failed."));
    }
    if (!verdict.success) {
      ctx.log("info", "refused", { reason: "validation", model });
      return respond(jsonText(422, JSON.stringify(verdict.body ?? { detail: verdict.issues })));
    }
  }
  let clientId: string | undefined;
  try {
    const pending = resolveClientId(ctx, meta, authClientId);
    clientId = typeof pending === "object" ? await pending : pending;
  } catch (error) {
    ctx.reportError({ error, kind: "hook", route: "submit" });
    return respond(refuse("hook_failed", "The proxy's clientId hook failed."));
  }
  if (clientId === undefined) {
    ctx.logOnce("error", "no_client_id", { message: NO_CLIENT_ID });
    return respond(refuse("misconfigured", NO_CLIENT_ID));
  }
  const owner = clientId;
  const prepared: Prepared = { meta, route, owner, fields, outgoing, hook };
  const forward = (places: readonly Place[]) => forwardSubmit(ctx, prepared, places);

  if (queueing(ctx)) {
    // at the account's cap the submit may wait in line for a place: a plan that waits, and hears the client leave
    return {
      type: "watch",
      run: async (send, gone) => {
        const taken = await takePlaces(ctx, owner, model, gone);
        if (!taken.ok) return taken.response;
        const { call, finish, fail } = forward(taken.places);
        let answer: UpstreamJson;
        try {
          // detached, as below
          answer = await send(call);
        } catch (error) {
          if (!(error instanceof UpstreamError)) throw error;
          return error.failure === "aborted" ? undefined : fail(error.failure, error.cause);
        }
        return finish(answer);
      },
    };
  }
  const taken = await takePlaces(ctx, owner, model);
  // (only a submit that waits in line can see its client leave)
  if (!taken.ok) return respond(taken.response ?? detail(500, "Internal proxy error."));
  return {
    type: "json",
    route: "submit",
    // the task may exist once the body is sent: finish the call even if the client leaves, so the slot is
    // bound to the task and `onSubmit` learns its id
    detached: true,
    ...forward(taken.places),
  };
}

/** A submit checked and ready to forward: what `forwardSubmit` sends, and reports. */
interface Prepared {
  readonly meta: IncomingMeta;
  readonly route: ModelRoute;
  /** The client the submit counts against. */
  readonly owner: string;
  /** The body as `onSubmit` sees it: no webhook secret in it. */
  readonly fields: Record<string, unknown>;
  /** The body sent upstream, the proxy's webhook fields included. */
  readonly outgoing: string;
  readonly hook: ReturnType<typeof proxyWebhook>;
}

/**
 * The upstream call of a submit that holds `places`, what to answer with BFL's reply, and what to answer when
 * the call fails. Once the body is forwarded the task may exist, so the places are kept (until a poll sees the
 * task end, or their TTL) unless BFL's answer says no task was made.
 */
function forwardSubmit(ctx: EngineContext, prepared: Prepared, places: readonly Place[]) {
  const { config, secrets } = ctx;
  const { meta, route, owner, fields, outgoing, hook } = prepared;
  const model = route.id;
  const cancel = () => givePlacesBack(ctx, places);

  const finish = async (answer: UpstreamJson): Promise<PlainResponse> => {
    if (answer.status < 200 || answer.status >= 300) {
      // BFL answered, and not with a task: nothing was made, so the slot is free again
      cancel();
      ctx.log("warn", "submit", { model, clientId: owner, status: answer.status });
      return passThrough(ctx, answer);
    }
    let body: Record<string, unknown> | undefined;
    try {
      const value: unknown = JSON.parse(answer.text);
      if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        body = value as Record<string, unknown>;
      }
    } catch (error) {
      ctx.reportError({ error, kind: "upstream", route: "submit" });
    }
    const taskId = typeof body?.id === "string" ? body.id : undefined;
    if (body === undefined || taskId === undefined) {
      // a 2xx we cannot read may still have made a task: the slot stays taken until its TTL
      return detail(502, "BFL answered the submit with a body the proxy could not read; the task may exist.");
    }
    const upstreamPolling = typeof body.polling_url === "string" ? body.polling_url : undefined;
    const origin = pollingOrigin(ctx, taskId, upstreamPolling);
    try {
      await ctx.store.bindTask(taskId, { client: owner, origin }, places, TASK_TTL_MS);
    } catch (error) {
      // the task exists and is paid for: it is answered (its signed polling URL still names its owner and
      // host); its places are freed by their TTL, not by the poll that sees it end
      ctx.reportError({ error, kind: "store", route: "submit", taskId });
    }
    if (hook) {
      // BFL's webhook answer echoes the URL: the browser has no use for it
      delete body.webhook_url;
      // until its webhook comes (or the wait ends) polls answer Pending without asking BFL
      try {
        const held = await ctx.store.claim(deliveryKey(taskId), DELIVERY_TOKEN, fallbackAfter(ctx, model));
        // the webhook came first, before the task was bound to its submitter: its outcome is applied here
        if (held?.state === "done") await applyOutcome(ctx, "submit", taskId, held.value, owner);
        else noteAwaiting(ctx, taskId);
      } catch (error) {
        // then its polls go upstream, as without webhooks: slower, nothing lost
        ctx.reportError({ error, kind: "store", route: "submit", taskId });
      }
    }
    const token = secrets.tokens.sign(origin, taskId, owner);
    body.polling_url = `${ctx.publicOrigin(meta)}${config.basePath}/v1/get_result?id=${encodeURIComponent(taskId)}&t=${token}`;
    if (config.options.logger) ctx.log("info", "submit", { model, clientId: owner, taskId, cost: body.cost });
    if (config.options.onSubmit) {
      try {
        await config.options.onSubmit({
          taskId,
          model,
          clientId: owner,
          cost: typeof body.cost === "number" ? body.cost : null,
          pollingUrl: upstreamPolling,
          input: fields,
          request: meta.toRequest(),
        });
      } catch (error) {
        ctx.reportError({ error, kind: "hook", route: "submit", taskId });
      }
    }
    return ok(ctx, ctx.redact(JSON.stringify(body)));
  };

  const call: UpstreamCall = {
    method: "POST",
    // the allowlisted id's URL, made with the config: nothing of the request's path reaches it
    url: route.upstreamUrl,
    headers: submitHeaders(secrets),
    body: outgoing,
  };
  const fail = (failure: UpstreamFailure, error: unknown) => {
    // only a request that certainly never left keeps no slot; a timeout or a reset may have made a task
    if (failure === "not_sent") cancel();
    return upstreamFailure(ctx, "submit", failure, error);
  };
  return { call, finish, fail };
}

/** The headers of every submit forwarded with `secrets`' key: made once per key, never changed by a transport. */
function submitHeaders(secrets: Secrets): Readonly<Record<string, string>> {
  let headers = headersByKey.get(secrets);
  if (headers === undefined) {
    headers = Object.freeze({
      "x-key": secrets.apiKey,
      "content-type": "application/json",
      accept: "application/json",
    });
    headersByKey.set(secrets, headers);
  }
  return headers;
}
const headersByKey = new WeakMap<Secrets, Readonly<Record<string, string>>>();

function tooLarge(max: number): PlainResponse {
  return refuse("body_too_large", `The request body is larger than this proxy accepts (${max} bytes).`);
}

/**
 * The upstream origin that answers for a task: the host BFL named in `polling_url` when it is one the proxy
 * trusts, else the configured upstream. It travels in the signed token of the proxy's own polling URL.
 */
function pollingOrigin(ctx: EngineContext, taskId: string, upstream: string | undefined): string {
  if (upstream === undefined) return ctx.config.upstreamOrigin;
  // A URL that starts with an allowed origin already seen in canonical form, then "/", has that origin (the
  // parser cannot read what follows the "/" as authority), so it skips the parse on every later submit.
  const slash = upstream.indexOf("/", upstream.indexOf("//") + 2);
  const prefix = slash > 0 ? upstream.slice(0, slash) : undefined;
  let known = trustedPrefixes.get(ctx);
  if (prefix !== undefined && known?.has(prefix)) return prefix;
  const url = parseFetchableUrl(upstream);
  if (!url || !isAllowedPollingOrigin(url, ctx.config.pollingOrigins)) {
    ctx.log("warn", "polling_url_refused", { taskId, host: url?.host });
    return ctx.config.upstreamOrigin;
  }
  if (prefix === url.origin) {
    if (!known) trustedPrefixes.set(ctx, (known = new Set()));
    if (known.size >= 64) known.clear();
    known.add(prefix);
  }
  return url.origin;
}

/** Per engine, allowed polling origins seen spelled canonically at the start of a `polling_url`. */
const trustedPrefixes = new WeakMap<EngineContext, Set<string>>();
