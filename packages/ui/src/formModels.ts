import { getModelInfo, modelIds, type ModelId } from "@flux-kit/core";

/** Whether the form has fields for a model: all but the FLUX Tools that take more than an image and a mask. */
const hasFields = (id: ModelId) => {
  const { family, capabilities } = getModelInfo(id);
  return family !== "flux-tools" || capabilities.prompt === false;
};

/**
 * The models `PromptForm` and `FluxStudio` offer by default, in the catalogue's order with FLUX.2 [pro] first
 * (the form's default) and FLUX 3 Image, with its own fields (references, tiers, the layout editor), last. Not
 * offered: the FLUX Tools other than erase and deblur (an image, a painted mask, no prompt), since outpainting's
 * canvas and offsets and try-on's person and garment have no fields here yet. Pass `models` to offer others, or
 * to put FLUX 3 first.
 */
export const FORM_MODELS: readonly ModelId[] = /* @__PURE__ */ [
  ...modelIds.filter((id) => hasFields(id) && getModelInfo(id).family !== "flux-3"),
  ...modelIds.filter((id) => getModelInfo(id).family === "flux-3"),
];
