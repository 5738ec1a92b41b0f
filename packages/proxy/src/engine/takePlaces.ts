import type { Place } from "../store/ProxyStore";
import type { EngineContext } from "./context";
import { endpointTasks } from "./coreBridge";
import { detail, refuse, storeUnavailable } from "./responses";
import { LEFT } from "./placeLine";
import type { PlainResponse } from "./types";

/** The places a submit took, or the answer that refuses it (`undefined`: the client left while it waited). */
export type TakenPlaces =
  | { readonly ok: true; readonly places: readonly Place[] }
  | { readonly ok: false; readonly response: PlainResponse | undefined };

/** Whether a submit over the account's cap waits in line for a place (`limits.queueWaitMs`) rather than a 429. */
export const queueing = (ctx: EngineContext): boolean =>
  ctx.config.maxActiveTasks !== Infinity && ctx.config.queueWaitMs > 0;

/**
 * Takes a submit's places before it is forwarded: one of the client's (`maxActiveTasksPerClient`), and with
 * `maxActiveTasks` one of the account's and, for a model with a smaller cap at BFL (6 for `flux-kontext-max`),
 * one of that model's. Each counter is taken atomically in the store; when one is full (or the store fails),
 * those already taken are given back and the submit is refused before BFL sees it.
 *
 * While `queueing`, a full account counter puts the submit in its line until `queueWaitMs` has passed (or
 * `signal` fires: the client left), and places go to waiting submits in arrival order.
 */
export async function takePlaces(
  ctx: EngineContext,
  clientId: string,
  model: string,
  signal?: AbortSignal,
): Promise<TakenPlaces> {
  const { config } = ctx;
  const deadline = Date.now() + config.queueWaitMs;
  const counters: { owner: string; limit: number; refusal: () => PlainResponse; line?: true }[] = [];
  if (config.maxActiveTasksPerClient !== Infinity) {
    const limit = config.maxActiveTasksPerClient;
    counters.push({
      owner: `client:${clientId}`,
      limit,
      refusal: () =>
        refuse(
          "client_limit",
          `Too many images in progress for this user (limit ${limit}). Wait for one to finish.`,
          { "retry-after": "5" },
        ),
    });
  }
  if (config.maxActiveTasks !== Infinity) {
    const modelCap = endpointTasks(model)?.maxConcurrent ?? Infinity;
    if (modelCap < config.maxActiveTasks) {
      counters.push({
        owner: `account:${model}`,
        limit: modelCap,
        refusal: () => accountFull(modelCap),
        line: true,
      });
    }
    counters.push({
      owner: "account",
      limit: config.maxActiveTasks,
      refusal: () => accountFull(config.maxActiveTasks),
      line: true,
    });
  }
  const places: Place[] = [];
  for (const counter of counters) {
    let slot: string | undefined;
    try {
      const { owner, limit } = counter;
      const ttlMs = config.activeTaskTtlMs;
      const ticket = counter.line && queueing(ctx) ? ctx.line.ticket() : undefined;
      slot = await ctx.store.reserveSlot(owner, limit, ttlMs, ticket);
      if (slot === undefined && ticket) {
        ctx.log("debug", "queued", { clientId, model, owner });
        const waited = await ctx.line.wait({ owner, limit, ttlMs, ticket: ticket.id, deadline, signal });
        if (waited === LEFT) {
          givePlacesBack(ctx, places);
          return { ok: false, response: undefined };
        }
        slot = waited;
      }
    } catch (error) {
      ctx.reportError({ error, kind: "store", route: "submit" });
      givePlacesBack(ctx, places);
      return { ok: false, response: storeUnavailable() };
    }
    if (slot === undefined) {
      givePlacesBack(ctx, places);
      ctx.log("info", "refused", {
        reason: counter.owner === `client:${clientId}` ? "client_limit" : "account_limit",
        clientId,
        model,
      });
      return { ok: false, response: counter.refusal() };
    }
    places.push({ owner: counter.owner, slot });
  }
  return { ok: true, places };
}

/**
 * Frees the places `taskId` holds (it ended), and tells the submits waiting in line; a store that fails keeps
 * them taken until their TTL: the limits err on the safe side.
 */
export async function releasePlaces(
  ctx: EngineContext,
  route: "poll" | "webhook" | "submit",
  taskId: string,
): Promise<void> {
  try {
    await ctx.store.releaseTask(taskId);
    if (queueing(ctx)) ctx.line.freed();
  } catch (error) {
    ctx.reportError({ error, kind: "store", route, taskId });
  }
}

/** Gives places back (no task was made); a store that fails leaves them to expire. */
export function givePlacesBack(ctx: EngineContext, places: readonly Place[]): void {
  for (const place of places) {
    ctx.store.cancelSlot(place.owner, place.slot).then(
      () => {
        if (queueing(ctx) && place.owner.startsWith("account")) ctx.line.freed();
      },
      (error: unknown) => {
        ctx.reportError({ error, kind: "store", route: "submit" });
      },
    );
  }
}

/** The proxy's own 429 at the account's cap, in BFL's words, before BFL would send its own. */
function accountFull(limit: number): PlainResponse {
  return detail(
    429,
    `You have exceeded the limit of ${limit} active tasks. Wait until one of your previous tasks has finished.`,
    { "retry-after": "5" },
  );
}
