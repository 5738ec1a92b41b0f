import type { ModelDefinition } from "@flux-kit/core";
import type { MockContext } from "../MockContext";
import { drawDuration, resolveOutcome } from "../outcomes";
import type { Sizing } from "../sizing";
import type { MockTaskRecord } from "../tasks";

/** What a validated, priced submit hands over to become a task. */
export interface AcceptedSubmit {
  readonly account: string;
  readonly model: ModelDefinition;
  /** The validated input. */
  readonly data: Record<string, unknown>;
  readonly sizing: Sizing;
  readonly cost: number;
}

/**
 * The task record of an accepted submit: its scripted outcome (markers, then `queueOutcome`, then the `outcome`
 * option), its duration, and its ids and seed, drawn from the seeded PRNG in a fixed order so a seed always
 * gives the same tasks.
 */
export function newTask(ctx: MockContext, submit: AcceptedSubmit): MockTaskRecord {
  const { account, model, data, sizing, cost } = submit;
  const prompt = typeof data["prompt"] === "string" ? data["prompt"] : "";
  const outcome = resolveOutcome(ctx.options, ctx.outcomeQueue, { model: model.id, prompt, input: data });
  const now = ctx.clock.now();
  const duration =
    outcome.kind === "stuck" ? Infinity : drawDuration(ctx.options, ctx.random, model, outcome);
  const id = ctx.random.uuid();
  const seed = typeof data["seed"] === "number" ? data["seed"] : ctx.random.int(2 ** 31);
  const format =
    (data["output_format"] as MockTaskRecord["outputFormat"] | null | undefined) ??
    model.capabilities.defaultOutputFormat;
  return {
    id,
    account,
    model: model.id,
    prompt,
    resultPrompt: data["prompt_upsampling"] === true ? upsample(prompt) : prompt,
    input: withoutImages(data),
    seed,
    width: sizing.width,
    height: sizing.height,
    outputFormat: format,
    createdAt: now,
    finishesAt: outcome.kind === "request-moderated" ? now : now + duration,
    outcome: outcome.kind,
    reasons: outcome.reasons,
    errorDetails: outcome.details,
    cost,
    inputMp: sizing.inputMp,
    outputMp: sizing.outputMp,
    blobId: ctx.random.hex(32),
    webhookUrl: typeof data["webhook_url"] === "string" ? data["webhook_url"] : null,
    webhookSecret: typeof data["webhook_secret"] === "string" ? data["webhook_secret"] : null,
  };
}

/** The input as stored: big strings (base64 images, up to 20 MB each) are replaced by their length. */
function withoutImages(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data))
    out[k] = typeof v === "string" && v.length > 2048 ? `<${v.length} chars>` : v;
  return out;
}

function upsample(prompt: string): string {
  return `${prompt.trim()}. The scene is rendered in rich detail with natural, balanced lighting and a clear focal point.`;
}
