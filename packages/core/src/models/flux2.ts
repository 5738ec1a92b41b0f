import { withSchema } from "./defineModel";
import {
  flux2FlexInfo,
  flux2Klein4bInfo,
  flux2Klein9bInfo,
  flux2Klein9bPreviewInfo,
  flux2MaxInfo,
  flux2ProInfo,
  flux2ProPreviewInfo,
} from "./flux2Info";
import { flux2FlexInput, flux2Input, flux2KleinInput } from "./flux2Schema";

// Each definition is its info (`./flux2Info`, no schema: what `getModelInfo` and a form read) with its schema.

/** FLUX.2 [pro]: BFL's recommended default; a pinned snapshot. Up to 8 reference images. */
export const flux2Pro = /* @__PURE__ */ withSchema(flux2ProInfo, flux2Input);

/** FLUX.2 [pro] preview: the latest [pro] weights. */
export const flux2ProPreview = /* @__PURE__ */ withSchema(flux2ProPreviewInfo, flux2Input);

/** FLUX.2 [max]: highest quality, with grounding search. */
export const flux2Max = /* @__PURE__ */ withSchema(flux2MaxInfo, flux2Input);

/** FLUX.2 [flex]: adds `steps`, `guidance` and `prompt_upsampling` (default true). */
export const flux2Flex = /* @__PURE__ */ withSchema(flux2FlexInfo, flux2FlexInput);

/** FLUX.2 [klein] 4B: the fastest FLUX.2, up to 4 reference images. */
export const flux2Klein4b = /* @__PURE__ */ withSchema(flux2Klein4bInfo, flux2KleinInput);

/** FLUX.2 [klein] 9B (pinned weights), up to 4 reference images. */
export const flux2Klein9b = /* @__PURE__ */ withSchema(flux2Klein9bInfo, flux2KleinInput);

/** FLUX.2 [klein] 9B preview: latest 9B weights, with KV caching. */
export const flux2Klein9bPreview = /* @__PURE__ */ withSchema(flux2Klein9bPreviewInfo, flux2KleinInput);
