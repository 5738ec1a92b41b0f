import type { ModelDefinition } from "@flux-kit/core";
import { flux3TimeFactor } from "./flux3";
import { findMarker } from "./markers";
import type { MockBflOptions, OutcomeKind, ScriptedOutcome } from "./options";
import type { Random } from "./random";

/** The resolved outcome of one submit. */
export interface ResolvedOutcome {
  readonly kind: OutcomeKind;
  readonly reasons: readonly string[];
  readonly details: unknown;
  readonly durationMs?: number;
}

const DEFAULT_REASONS = ["Sexual Content"];
const DEFAULT_ERROR = { error: "Internal error during image generation" };

/** `[mock:slow:40s]`: a run of exactly 40 s (before `speed`), for tests that need one task to outlast another. */
function slowSeconds(argument: string | undefined): { durationMs: number } | undefined {
  const match = argument === undefined ? null : /^(\d+(?:\.\d+)?)s$/.exec(argument);
  return match ? { durationMs: Number(match[1]) * 1000 } : undefined;
}

/** Decides a task's outcome: a prompt marker first, then the queue (`queueOutcome`), then the `outcome` option. */
export function resolveOutcome(
  options: MockBflOptions,
  queue: ScriptedOutcome[],
  submit: { model: string; prompt: string; input: Record<string, unknown> },
): ResolvedOutcome {
  let scripted: ScriptedOutcome | undefined;
  const marker = options.markers === false ? undefined : findMarker(submit.prompt);
  if (marker) {
    const argument = marker.argument;
    scripted = {
      kind: marker.kind,
      ...(argument &&
        marker.kind.endsWith("moderated") && { reasons: argument.split("|").map((r) => r.trim()) }),
      ...(argument && marker.kind === "error" && { details: { error: argument } }),
      ...(marker.kind === "slow" && slowSeconds(argument)),
    };
  } else {
    scripted = queue.shift() ?? options.outcome?.(submit);
  }
  const o = typeof scripted === "string" ? { kind: scripted } : (scripted ?? { kind: "ready" as const });
  return {
    kind: o.kind,
    reasons: [...(("reasons" in o && o.reasons) || DEFAULT_REASONS)],
    details: ("details" in o && o.details) || DEFAULT_ERROR,
    ...("durationMs" in o && o.durationMs !== undefined && { durationMs: o.durationMs }),
  };
}

/**
 * The median and spread of a request's run: the model's `typicalDurationMs` (core's live figures, docs/bfl-api.md
 * Part II §11) with σ 0.35, except FLUX 3 Image (about 90 s at 1k, σ 0.4, longer per tier, faster without
 * grounding; §2.5) and outpainting's `mode: "high"` (about 33 s; §5).
 */
export function durationProfile(
  model: ModelDefinition,
  input: Readonly<Record<string, unknown>>,
): { readonly medianMs: number; readonly sigma: number } {
  if (model.family === "flux-3")
    return { medianMs: model.typicalDurationMs * flux3TimeFactor(input), sigma: 0.4 };
  if (model.id === "flux-tools/outpainting-v1" && input["mode"] !== "fast")
    return { medianMs: 33_000, sigma: 0.35 };
  return { medianMs: model.typicalDurationMs, sigma: 0.35 };
}

/**
 * Draws a generation time in ms: the outcome's own, the `durationMs` option, or a seeded lognormal around the
 * request's median ({@link durationProfile}; clamped to 0.3×–3×); `slow` without its own duration multiplies it by
 * `slowFactor`, and
 * everything is divided by `speed`.
 */
export function drawDuration(
  options: MockBflOptions,
  random: Random,
  model: ModelDefinition,
  outcome: ResolvedOutcome,
  input: Readonly<Record<string, unknown>> = {},
): number {
  const option = options.durationMs;
  let ms: number;
  if (outcome.durationMs !== undefined) ms = outcome.durationMs;
  else if (typeof option === "number") ms = option;
  else if (typeof option === "function") ms = option(model.id);
  else if (option) ms = option[0] + random.next() * (option[1] - option[0]);
  else {
    const { medianMs, sigma } = durationProfile(model, input);
    ms = medianMs * Math.min(3, Math.max(0.3, Math.exp(sigma * random.normal())));
  }
  if (outcome.kind === "slow" && outcome.durationMs === undefined) ms *= options.slowFactor ?? 10;
  return Math.max(0, Math.round(ms / (options.speed ?? 1)));
}
