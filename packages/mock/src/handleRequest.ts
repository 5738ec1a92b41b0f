import { applyFaults, type FaultEffect } from "./applyFaults";
import type { HandleOptions } from "./MockBfl";
import type { MockContext, RequestOrigins } from "./MockContext";
import { abortError } from "./MockTimers";
import type { PendingLogEntry } from "./RequestLog";
import { detail, malformed, type MockOutcome } from "./responses";
import { answerCredits } from "./routes/answerCredits";
import { answerDelivery } from "./routes/answerDelivery";
import { answerPoll } from "./routes/answerPoll";
import { answerSubmit } from "./routes/answerSubmit";
import { allowedMethods, matchRoute, type Route } from "./routes/matchRoute";

const NO_FAULT: FaultEffect = { kind: "serve", malformedJson: false, resetAfter: false };

/**
 * `mock.handle`: one request, the way BFL would answer it. Routes it (under `basePath`), logs it, applies the
 * scripted and random faults, answers through the route, then applies the faults that act on the answer.
 */
export async function handleRequest(
  ctx: MockContext,
  request: Request,
  options: HandleOptions = {},
): Promise<MockOutcome> {
  if (request.signal.aborted) throw abortError();
  const url = new URL(request.url);
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");
  const path =
    basePath && url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : url.pathname;
  const route = matchRoute(path);
  ctx.tasks.sweep();

  const entry: PendingLogEntry = {
    at: ctx.clock.now(),
    method: request.method,
    url: request.url,
    route: route?.kind ?? "unknown",
    status: 0,
    hadKey: request.headers.has("x-key"),
  };
  if (route?.kind === "submit") entry.model = route.model.id;
  ctx.requests.add(entry);

  const faults = route ? ctx.faults.take(route.kind) : [];
  const effect = faults.length > 0 ? await applyFaults(ctx, faults, request.signal, entry) : NO_FAULT;
  if (effect.kind !== "serve") return effect;

  const origins: RequestOrigins = {
    basePath,
    pollingOrigin: options.pollingOrigin ?? ctx.options.pollingOrigin,
    deliveryOrigin: options.deliveryOrigin ?? ctx.options.deliveryOrigin,
  };
  let response = await answer(ctx, request, url, route, origins, entry);
  entry.status = response.status;
  if (effect.resetAfter) {
    entry.status = 0;
    return { kind: "reset" };
  }
  if (effect.malformedJson && response.ok) response = await malformed(response);
  if (request.method === "HEAD" && response.body) {
    await response.body.cancel();
    response = new Response(null, { status: response.status, headers: response.headers });
  }
  return { kind: "response", response };
}

async function answer(
  ctx: MockContext,
  request: Request,
  url: URL,
  route: Route | undefined,
  origins: RequestOrigins,
  entry: PendingLogEntry,
): Promise<Response> {
  if (!route) return detail(404, "Not Found");
  const allowed = allowedMethods(route);
  if (!allowed.includes(request.method))
    return detail(405, "Method Not Allowed", { allow: allowed.join(", ") });
  switch (route.kind) {
    case "submit":
      return answerSubmit(ctx, request, url, route.model, origins, entry);
    case "poll":
      return answerPoll(ctx, url, origins, entry);
    case "credits":
      return answerCredits(ctx, request);
    case "delivery":
      return answerDelivery(ctx, url, route.blobId, route.ext);
  }
}
