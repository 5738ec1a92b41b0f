import type { FluxFieldError, ModelCapabilities, NumberRange } from "@flux-kit/core";
import { parseAspectRatio } from "@flux-kit/core/internal";
import type { PromptFormValue } from "./formValue";
import type { FirstLoadLabels, FluxLabels } from "./labels";
import { withLazyLabels } from "./lazyLabels";

/** What a field is called on screen, and the range it takes, for the rule a message states. */
function fieldOf(path: string, c: ModelCapabilities, labels: FluxLabels) {
  const size = c.size.kind === "dimensions" ? c.size : undefined;
  const known: Record<string, { label: string; range?: NumberRange | undefined }> = {
    width: { label: labels.width, range: size?.width },
    height: { label: labels.height, range: size?.height },
    steps: { label: labels.steps, range: c.steps },
    guidance: { label: labels.guidance, range: c.guidance },
    safety_tolerance: { label: labels.safetyTolerance, range: c.safetyTolerance },
    seed: { label: labels.seed },
  };
  const extra = c.extraFields.find((f) => f.name === path);
  if (extra)
    return {
      label: extra.label,
      range: extra.kind === "integer" || extra.kind === "number" ? extra : undefined,
    };
  return known[path] ?? { label: path };
}

/** A schema message as a sentence: without pydantic's "Value error, " and with a capital and a full stop. */
const sentence = (message: string) => {
  const text = message.replace(/^Value error, /, "").trim();
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
};

/**
 * One field error in words a person can act on: the rule, not the schema's text ("Width must be a multiple of
 * 16.", "Steps go from 1 to 50.", "Width × height can be at most 4 MP."); anything unrecognised as the schema's
 * sentence.
 */
export function explainFieldError(
  error: FluxFieldError,
  c: ModelCapabilities,
  value: PromptFormValue,
  given: FirstLoadLabels,
): string {
  const labels = withLazyLabels(given);
  const path = error.path || "prompt";
  if (path === "prompt" && error.type === "string_too_short") return labels.promptRequired;
  const { label, range } = fieldOf(path, c, labels);
  const size = c.size;
  if ((path === "width" || path === "height") && size.kind === "dimensions") {
    if (size.maxPixels !== undefined && value.width * value.height > size.maxPixels)
      return labels.ruleMaxPixels(size.maxPixels / 1_048_576);
  }
  switch (error.type) {
    case "multiple_of":
      if (range?.step) return labels.ruleMultipleOf(label, range.step);
      break;
    case "greater_than_equal":
    case "less_than_equal":
    case "greater_than":
    case "less_than":
    case "too_small":
    case "too_big":
      if (range) return labels.ruleRange(label, range.min, range.max);
      break;
    case "int_from_float":
    case "int_type":
    case "int_parsing":
      return labels.ruleWhole(label);
  }
  if (path === "aspect_ratio" && size.kind === "aspect_ratio") {
    return parseAspectRatio(value.aspectRatio) === undefined
      ? labels.ruleAspectFormat
      : labels.ruleAspectRange(size.tallest, size.widest);
  }
  return sentence(error.message);
}
