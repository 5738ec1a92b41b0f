import type { Place } from "../store/ProxyStore";
import type { EngineContext } from "./context";
import { endpointTasks } from "./coreBridge";
import { detail, refuse, storeUnavailable } from "./responses";
import type { PlainResponse } from "./types";

/** The places a submit took, or the answer that refuses it. */
export type TakenPlaces =
  | { readonly ok: true; readonly places: readonly Place[] }
  | { readonly ok: false; readonly response: PlainResponse };

/**
 * Takes a submit's places before it is forwarded: one of the client's (`maxActiveTasksPerClient`), and with
 * `maxActiveTasks` one of the account's and, for a model with a smaller cap at BFL (6 for `flux-kontext-max`),
 * one of that model's. Each counter is taken atomically in the store; when one is full (or the store fails),
 * those already taken are given back and the submit is refused before BFL sees it.
 */
export async function takePlaces(ctx: EngineContext, clientId: string, model: string): Promise<TakenPlaces> {
  const { config } = ctx;
  const counters: { owner: string; limit: number; refusal: () => PlainResponse }[] = [];
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
      counters.push({ owner: `account:${model}`, limit: modelCap, refusal: () => accountFull(modelCap) });
    }
    counters.push({
      owner: "account",
      limit: config.maxActiveTasks,
      refusal: () => accountFull(config.maxActiveTasks),
    });
  }
  const places: Place[] = [];
  for (const counter of counters) {
    let slot: string | undefined;
    try {
      slot = await ctx.store.reserveSlot(counter.owner, counter.limit, config.activeTaskTtlMs);
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

/** Gives places back (no task was made); a store that fails leaves them to expire. */
export function givePlacesBack(ctx: EngineContext, places: readonly Place[]): void {
  for (const place of places) {
    ctx.store.cancelSlot(place.owner, place.slot).catch((error: unknown) => {
      ctx.reportError({ error, kind: "store", route: "submit" });
    });
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
