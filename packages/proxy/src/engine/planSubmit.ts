import { isCatalogueModel } from "./coreBridge";
import type { EngineContext } from "./createEngine";
import { BodyTooLargeError, parseJsonBody } from "./body";
import { isAllowedPollingOrigin, parseFetchableUrl } from "./hosts";
import { detail, jsonText } from "./responses";
import { passThrough, upstreamFailure } from "./upstreamAnswers";
import type { IncomingMeta, Plan, PlainResponse, ReadBody, UpstreamJson } from "./types";
import { resolveClientId } from "./resolveClientId";

const respond = (response: PlainResponse): Plan => ({ type: "respond", response });

/** `POST /v1/{model}`: model allowlist, body limit, JSON, validation, per-client limit; then forward with the key. */
export async function planSubmit(
  ctx: EngineContext,
  meta: IncomingMeta,
  model: string,
  authClientId: string | undefined,
  readBody: ReadBody,
): Promise<Plan> {
  const { config } = ctx;
  if (!config.allowedModels.has(model)) {
    if (isCatalogueModel(model))
      return respond(detail(403, `The model "${model}" is not enabled on this proxy.`));
    return respond(detail(404, "Not Found"));
  }
  const declared = meta.header("content-length");
  if (declared !== undefined && Number(declared) > config.maxBodyBytes) {
    return respond(tooLarge(config.maxBodyBytes));
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBody(config.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return respond(tooLarge(config.maxBodyBytes));
    return respond(detail(400, "The request body could not be read."));
  }
  const parsed = parseJsonBody(bytes);
  if (!parsed.ok) return respond(detail(400, parsed.message));
  const input = parsed.value;
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return respond(detail(400, "The request body must be a JSON object of the model's inputs."));
  }
  // Serialised up front: a body nested too deeply to re-encode is the client's error (400), and must fail
  // before a client slot is taken.
  let outgoing: string;
  try {
    outgoing = JSON.stringify(input);
  } catch {
    return respond(detail(400, "The request body is nested too deeply."));
  }
  if (config.validate) {
    let verdict;
    try {
      const pending = config.validate(model, input);
      verdict = pending instanceof Promise ? await pending : pending;
    } catch (error) {
      ctx.reportError({ error, kind: "hook", route: "submit" });
      return respond(detail(500, "The proxy's validate hook failed."));
    }
    if (!verdict.success) {
      ctx.log("info", "refused", { reason: "validation", model });
      return respond(jsonText(422, JSON.stringify(verdict.body ?? { detail: verdict.issues })));
    }
  }
  let clientId: string;
  try {
    const pending = resolveClientId(ctx, meta, authClientId);
    clientId = typeof pending === "string" ? pending : await pending;
  } catch (error) {
    ctx.reportError({ error, kind: "hook", route: "submit" });
    return respond(detail(500, "The proxy's clientId hook failed."));
  }
  const slot = ctx.limiter.reserve(clientId);
  if (!slot) {
    ctx.log("info", "refused", { reason: "client_limit", clientId });
    return respond(
      detail(
        429,
        `Too many active tasks for this client (limit ${config.maxActiveTasksPerClient}). Wait for one to finish.`,
        { "retry-after": "5" },
      ),
    );
  }

  const finish = async (answer: UpstreamJson): Promise<PlainResponse> => {
    if (answer.status !== 200) {
      ctx.limiter.cancel(slot);
      ctx.log("warn", "submit", { model, clientId, status: answer.status });
      return passThrough(ctx, answer);
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(answer.text) as Record<string, unknown>;
    } catch (error) {
      ctx.limiter.cancel(slot);
      ctx.reportError({ error, kind: "upstream", route: "submit" });
      return detail(502, "BFL answered the submit with a body that is not JSON; the task may exist.");
    }
    const taskId = typeof body.id === "string" ? body.id : undefined;
    if (!body || typeof body !== "object" || taskId === undefined) {
      ctx.limiter.cancel(slot);
      return passThrough(ctx, answer);
    }
    ctx.limiter.bind(slot, taskId);
    const upstreamPolling = typeof body.polling_url === "string" ? body.polling_url : undefined;
    if (upstreamPolling !== undefined) {
      const rewritten = pollingUrl(ctx, meta, taskId, upstreamPolling);
      body.polling_url = typeof rewritten === "string" ? rewritten : await rewritten;
    }
    ctx.log("info", "submit", { model, clientId, taskId, cost: body.cost });
    if (config.options.onSubmit) {
      try {
        await config.options.onSubmit({
          taskId,
          model,
          clientId,
          cost: typeof body.cost === "number" ? body.cost : null,
          pollingUrl: upstreamPolling,
          input: input as Record<string, unknown>,
          request: meta.toRequest(),
        });
      } catch (error) {
        ctx.reportError({ error, kind: "hook", route: "submit", taskId });
      }
    }
    return jsonText(200, ctx.redact(JSON.stringify(body)));
  };

  return {
    type: "json",
    route: "submit",
    call: {
      method: "POST",
      url: `${config.upstreamOrigin}/v1/${model}`,
      headers: { "x-key": config.apiKey, "content-type": "application/json", accept: "application/json" },
      body: outgoing,
    },
    finish,
    fail: (failure, error) => {
      ctx.limiter.cancel(slot);
      return upstreamFailure(ctx, "submit", failure, error);
    },
  };
}

function tooLarge(max: number): PlainResponse {
  return detail(413, `The request body is larger than this proxy accepts (${max} bytes).`);
}

/**
 * The proxy's own polling URL for a task. The upstream host BFL named travels in a signed token, so clients
 * can hand it back but never choose it; the configured upstream needs no token (and no promise).
 */
function pollingUrl(
  ctx: EngineContext,
  meta: IncomingMeta,
  taskId: string,
  upstream: string,
): string | Promise<string> {
  const base = `${ctx.publicOrigin(meta)}${ctx.config.basePath}/v1/get_result?id=${encodeURIComponent(taskId)}`;
  const url = parseFetchableUrl(upstream);
  if (!url || !isAllowedPollingOrigin(url, ctx.config.pollingOrigins)) {
    ctx.log("warn", "polling_url_refused", { taskId, host: url?.host });
    return base;
  }
  if (url.origin === ctx.config.upstreamOrigin) return base;
  return ctx.tokens.sign(url.origin, taskId).then((token) => `${base}&t=${token}`);
}
