import type { EngineContext } from "./createEngine";
import { isAllowedDeliveryOrigin, isAllowedPollingOrigin, parseFetchableUrl } from "./hosts";
import { detail, jsonText } from "./responses";
import { passThrough, upstreamFailure } from "./upstreamAnswers";
import type { IncomingMeta, Plan, PlainResponse, UpstreamJson } from "./types";
import { resolveClientId } from "./resolveClientId";

const TASK_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TERMINAL = new Set([
  "Ready",
  "Error",
  "Failed",
  "Request Moderated",
  "Content Moderated",
  "Task not found",
]);

const respond = (response: PlainResponse): Plan => ({ type: "respond", response });

function missingId(input: unknown): PlainResponse {
  return jsonText(
    422,
    JSON.stringify({
      detail: [
        input === undefined
          ? { type: "missing", loc: ["query", "id"], msg: "Field required", input: null }
          : { type: "string_pattern_mismatch", loc: ["query", "id"], msg: "Invalid task id", input },
      ],
    }),
  );
}

/**
 * `GET /v1/get_result?id=…[&t=token]`: polls the host BFL named for the task (carried in a signed token), or the
 * configured upstream. Terminal statuses free the client's slot; `Ready` runs `onResult` once and rewrites
 * `result.sample` to the image route.
 */
export async function planPoll(
  ctx: EngineContext,
  meta: IncomingMeta,
  authClientId: string | undefined,
): Promise<Plan> {
  const { config } = ctx;
  const params = new URLSearchParams(meta.query);
  const taskId = params.get("id");
  if (taskId === null) return respond(missingId(undefined));
  if (!TASK_ID.test(taskId)) return respond(missingId(taskId.slice(0, 200)));
  let origin = config.upstreamOrigin;
  const token = params.get("t");
  if (token !== null) {
    const signed = await ctx.tokens.verify(token, taskId);
    const url = signed === undefined ? undefined : parseFetchableUrl(signed);
    if (!url || !isAllowedPollingOrigin(url, config.pollingOrigins)) {
      ctx.log("warn", "refused", { reason: "polling_token", taskId });
      return respond(detail(400, "Invalid polling token: use the polling_url the proxy returned on submit."));
    }
    origin = url.origin;
  }

  const finish = async (answer: UpstreamJson): Promise<PlainResponse> => {
    if (answer.status !== 200) return passThrough(ctx, answer);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(answer.text) as Record<string, unknown>;
    } catch {
      return passThrough(ctx, answer);
    }
    if (!body || typeof body !== "object") return passThrough(ctx, answer);
    const status = body.status;
    if (typeof status === "string" && TERMINAL.has(status)) ctx.limiter.release(taskId);
    if (status === "Ready" && body.result && typeof body.result === "object") {
      await rewriteReady(ctx, meta, taskId, body.result as Record<string, unknown>, authClientId);
      return jsonText(200, ctx.redact(JSON.stringify(body)));
    }
    return jsonText(200, ctx.redact(answer.text));
  };

  return {
    type: "json",
    route: "poll",
    call: {
      method: "GET",
      url: `${origin}/v1/get_result?id=${encodeURIComponent(taskId)}`,
      headers: { "x-key": config.apiKey, accept: "application/json" },
    },
    finish,
    fail: (failure, error) => upstreamFailure(ctx, "poll", failure, error, taskId),
  };
}

async function rewriteReady(
  ctx: EngineContext,
  meta: IncomingMeta,
  taskId: string,
  result: Record<string, unknown>,
  authClientId: string | undefined,
): Promise<void> {
  const { config } = ctx;
  const onResult = config.options.onResult;
  if (onResult) {
    let outcome = ctx.results.get(taskId);
    if (outcome === undefined) {
      const sample = typeof result.sample === "string" ? result.sample : undefined;
      outcome = (async () => {
        const clientId = await resolveClientId(ctx, meta, authClientId);
        const replaced = await onResult({ taskId, result: { ...result }, sample, clientId });
        return replaced && typeof replaced.sample === "string" ? replaced.sample : undefined;
      })();
      ctx.results.set(taskId, outcome);
      outcome.catch((error: unknown) => {
        ctx.results.delete(taskId);
        ctx.reportError({ error, kind: "hook", route: "poll", taskId });
      });
    }
    const replacement = await outcome.catch(() => undefined);
    if (replacement !== undefined) {
      result.sample = replacement;
      return;
    }
  }
  if (!config.imageProxy || typeof result.sample !== "string") return;
  const url = parseFetchableUrl(result.sample);
  if (!url || !isAllowedDeliveryOrigin(url, config.imageProxy.extraOrigins)) return;
  // `exp` carries the delivery URL's expiry to clients (core's `deliveryExpiry` reads it), since `se=` is now
  // inside the encoded `u`.
  const se = Date.parse(url.searchParams.get("se") ?? "");
  const exp = Number.isFinite(se) ? `&exp=${se}` : "";
  result.sample = `${ctx.publicOrigin(meta)}${config.basePath}/v1/image?u=${encodeURIComponent(url.href)}${exp}`;
}
