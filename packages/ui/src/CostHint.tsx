/** @jsxImportSource . */
import { estimateCost, getModelInfo } from "@flux-kit/core";
import { buildInput, type PromptFormValue } from "./formValue";
import type { FirstLoadLabels } from "./labels";
import { withLazyLabels } from "./lazyLabels";

/** Props of `CostHint`. */
export interface CostHintProps {
  /** The Generate button's `aria-describedby` names it. */
  readonly id: string;
  readonly value: PromptFormValue;
  readonly labels: FirstLoadLabels;
}

/**
 * What the form's request will cost, from core's `estimateCost` (BFL's published prices; the images' sizes as
 * read from the picked files): shown beside the Generate button, which it describes, e.g. "≈ 4.8 credits". Nothing for a model with no
 * known price. Its own chunk, with the price table, loaded as the form mounts.
 */
export function CostHint({ id, value, labels }: CostHintProps) {
  const estimate = estimateCost(getModelInfo(value.model), buildInput(value), {
    imageSizes: value.images.map((image) =>
      image.width && image.height ? { width: image.width, height: image.height } : undefined,
    ),
  });
  if (!estimate) return null;
  return (
    <span id={id} className="flux-cost">
      {withLazyLabels(labels).costEstimate(estimate.credits)}
    </span>
  );
}
