import { getModelInfo, modelIds, type ModelId } from "@flux-kit/core";

/**
 * The models `PromptForm` and `FluxStudio` offer by default: the catalogue minus FLUX 3 Image, whose `images`
 * list, resolution tiers and layout boxes the form does not edit yet, and the FLUX Tools other than erase and
 * deblur (an image, a painted mask, no prompt): outpainting's canvas and offsets and try-on's person and garment
 * have no fields here yet. Pass `models` to offer others.
 */
export const FORM_MODELS: readonly ModelId[] = /* @__PURE__ */ modelIds.filter((id) => {
  const { family, capabilities } = getModelInfo(id);
  return family !== "flux-3" && (family !== "flux-tools" || capabilities.prompt === false);
});
