import type { ModelDefinition } from "@flux-kit/core";
import type { MockContext } from "../MockContext";
import { expandFlux3Prompt, flux3Boxes, flux3Stages } from "../flux3";
import type { RenderPlan } from "../image/renderPlan";
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
    outcome.kind === "stuck" ? Infinity : drawDuration(ctx.options, ctx.random, model, outcome, data);
  const id = ctx.random.uuid();
  const seed = typeof data["seed"] === "number" ? data["seed"] : ctx.random.int(2 ** 31);
  const format =
    (data["output_format"] as MockTaskRecord["outputFormat"] | null | undefined) ??
    model.capabilities.defaultOutputFormat;
  const flux3 = model.family === "flux-3";
  return {
    id,
    account,
    model: model.id,
    prompt,
    resultPrompt: flux3 ? expandFlux3Prompt(prompt) : upsamples(model, data) ? upsample(prompt) : prompt,
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
    ...(flux3 && { stages: flux3Stages(now, duration, data["grounding"] !== false) }),
    reportsProgress: !flux3,
    boxes: flux3 ? flux3Boxes(prompt) : [],
    render: renderPlan(model.id, data),
  };
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const offset = (value: unknown): number | null => (typeof value === "number" ? value : null);

/** How a tool paints from the request's own pictures (kept until the task is forgotten); others generate. */
function renderPlan(model: string, data: Record<string, unknown>): RenderPlan {
  switch (model) {
    case "flux-tools/erase-v1":
      return {
        kind: "erase",
        image: text(data["image"]),
        mask: text(data["mask"]),
        dilate: typeof data["dilate_pixels"] === "number" ? data["dilate_pixels"] : 10,
      };
    case "flux-tools/outpainting-v1":
      return {
        kind: "outpaint",
        image: text(data["input_image"]),
        offsetX: offset(data["reference_offset_x"]),
        offsetY: offset(data["reference_offset_y"]),
      };
    case "flux-tools/vto-v1":
    case "flux-tools/vto-v2":
      return { kind: "try-on", person: text(data["person"]), garment: text(data["garment"]) };
    case "flux-tools/deblur-v1":
      return { kind: "copy", image: text(data["image"]) };
    default:
      return { kind: "generate" };
  }
}

/** The input as stored: big strings (base64 images, up to 20 MB each) are replaced by their length. */
function withoutImages(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const shrink = (v: unknown) => (typeof v === "string" && v.length > 2048 ? `<${v.length} chars>` : v);
  for (const [k, v] of Object.entries(data)) out[k] = Array.isArray(v) ? v.map(shrink) : shrink(v);
  return out;
}

/**
 * Whether BFL rewrites the prompt before rendering: when `prompt_upsampling` is on ([flex], FLUX.1), and on
 * FLUX.2 [pro]/[max] unless `disable_pup` is set, since they upsample by default (Part II §4.1).
 */
function upsamples(model: ModelDefinition, data: Readonly<Record<string, unknown>>): boolean {
  if (data["prompt_upsampling"] === true) return true;
  return model.capabilities.extraFields.some((f) => f.name === "disable_pup") && data["disable_pup"] !== true;
}

function upsample(prompt: string): string {
  return `${prompt.trim()}. The scene is rendered in rich detail with natural, balanced lighting and a clear focal point.`;
}
