import type { FluxFieldError, ModelCapabilities } from "@flux-kit/core";
import type { PromptFormValue } from "./formValue";
import type { FirstLoadLabels } from "./labels";

/** One field error in words: `fieldExplain`'s `explainFieldError`, loaded with the form's checks. */
export type ExplainFieldError = (
  error: FluxFieldError,
  c: ModelCapabilities,
  value: PromptFormValue,
  labels: FirstLoadLabels,
) => string;

/**
 * Field errors by path, each in words (the first per field), as the form shows them. Width and height share
 * one problem when it is their product (the pixel cap): the form counts the size once (`countShown`).
 */
export function explainFieldErrors(
  errors: readonly FluxFieldError[],
  c: ModelCapabilities,
  value: PromptFormValue,
  labels: FirstLoadLabels,
  // until the words load with the checks (or if they cannot), the schema's or the server's own message
  explain: ExplainFieldError = (e) => e.message,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.path || "prompt"] ??= explain(e, c, value, labels);
  return out;
}

/** How many fields a person has to fix: width and height are one size field. */
export function countShown(errors: Readonly<Record<string, string>>): number {
  const keys = Object.keys(errors);
  return keys.length - (errors.width !== undefined && errors.height !== undefined ? 1 : 0);
}
