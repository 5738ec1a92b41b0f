import { getModelInfo, modelIds, type ModelId } from "@flux-kit/core";

/**
 * The models `PromptForm` and `FluxStudio` offer by default: the catalogue minus FLUX 3 Image, whose `images`
 * list, resolution tiers and layout boxes the form does not edit yet, and the FLUX Tools, which take masks and
 * person/garment pictures rather than a prompt. Pass `models` to offer others.
 */
export const FORM_MODELS: readonly ModelId[] = /* @__PURE__ */ modelIds.filter((id) => {
  const family = getModelInfo(id).family;
  return family !== "flux-3" && family !== "flux-tools";
});
