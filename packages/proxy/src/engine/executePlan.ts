import type { Engine } from "./createEngine";
import { detail } from "./responses";
import type { IncomingMeta, Plan, PlainResponse, ReadBody, UpstreamJson } from "./types";
import { UpstreamError, type Upstream, type UpstreamStream } from "./upstream";

/** What a transport writes for a request: the proxy's own answer, an upstream body to stream, or nothing. */
export type Outcome<Body> =
  | { readonly type: "respond"; readonly response: PlainResponse }
  | {
      readonly type: "stream";
      readonly status: number;
      readonly headers: Record<string, string>;
      /** `undefined` for `HEAD` and for an answer without a body: write the headers and end. */
      readonly body: Body | undefined;
      /** Drops the upstream answer, for when streaming it to the client fails. */
      readonly discard: () => void | Promise<void>;
    }
  /** The client left while its call was running: there is no one to answer. */
  | { readonly type: "gone" };

/**
 * The one path every transport runs a request through: the engine plans it, `executePlan` carries the plan out
 * against the transport's `upstream`. An error nothing else caught is reported (`kind: "internal"`) and
 * answered 500.
 */
export async function serveRequest<Client, Body>(
  engine: Engine,
  meta: IncomingMeta,
  readBody: ReadBody,
  upstream: Upstream<Client, Body>,
  client: Client,
): Promise<Outcome<Body>> {
  try {
    const plan = await engine.plan(meta, readBody);
    if (plan.type === "respond") return plan;
    return await executePlan(plan, upstream, client);
  } catch (error) {
    engine.context.reportError({ error, kind: "internal", route: "other" });
    return { type: "respond", response: detail(500, "Internal proxy error.") };
  }
}

/**
 * Carries out a plan: makes its upstream call (detached calls without the client, so they run to their end)
 * and turns the answer, or the failure, into what the client gets. A call cut short because the client left
 * needs no answer and is no upstream error (`gone`: the plan's `fail` does not run, nothing is reported); any
 * other failure goes through the plan's `fail`, which decides for a submit whether the slot stays taken.
 */
export async function executePlan<Client, Body>(
  plan: Plan,
  upstream: Upstream<Client, Body>,
  client: Client,
): Promise<Outcome<Body>> {
  if (plan.type === "respond") return plan;
  if (plan.type === "watch") {
    const response = await plan.run((call) => upstream.json(call, undefined), upstream.gone?.(client));
    return response ? { type: "respond", response } : GONE;
  }
  if (plan.type === "json") {
    let answer: UpstreamJson;
    try {
      answer = await upstream.json(plan.call, plan.detached ? undefined : client);
    } catch (error) {
      return failed(plan, error);
    }
    return { type: "respond", response: await plan.finish(answer) };
  }
  let answer: UpstreamStream<Body>;
  try {
    answer = await upstream.stream(plan.call, client);
  } catch (error) {
    return failed(plan, error);
  }
  const decision = plan.accept(answer.status, answer.header);
  if (!("stream" in decision)) {
    await answer.discard();
    return { type: "respond", response: decision };
  }
  const body = plan.head ? undefined : answer.body;
  if (body === undefined) await answer.discard();
  return {
    type: "stream",
    status: decision.status,
    headers: decision.headers,
    body,
    discard: answer.discard,
  };
}

const GONE: Outcome<never> = { type: "gone" };

function failed(plan: Extract<Plan, { type: "json" | "image" }>, error: unknown): Outcome<never> {
  if (!(error instanceof UpstreamError)) throw error;
  if (error.failure === "aborted") return GONE;
  return { type: "respond", response: plan.fail(error.failure, error.cause) };
}
