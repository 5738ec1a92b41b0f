import type { EndpointId } from "../bfl/endpoints";
import { defineModelInfo, withSchema } from "./defineModel";
import { OUTPUT_FORMATS, inputImageNames } from "./fields";
import {
  FLUX2_FLEX_GUIDANCE,
  FLUX2_FLEX_STEPS,
  FLUX2_MAX_PIXELS,
  FLUX2_SAFETY,
  FLUX2_SIDE,
  flux2FlexInput,
  flux2Input,
  flux2KleinInput,
} from "./flux2Schema";
import type { ExtraField, ModelCapabilities } from "./types";

/* @__NO_SIDE_EFFECTS__ */
const flux2Capabilities = (images: 4 | 8, flex = false, pup = false): ModelCapabilities => ({
  textToImage: true,
  imageFields: inputImageNames(images),
  imageRequired: false,
  mask: false,
  size: { kind: "dimensions", width: FLUX2_SIDE, height: FLUX2_SIDE, maxPixels: FLUX2_MAX_PIXELS },
  ...(flex ? { steps: FLUX2_FLEX_STEPS, guidance: FLUX2_FLEX_GUIDANCE, promptUpsampling: true } : {}),
  safetyTolerance: FLUX2_SAFETY,
  outputFormats: OUTPUT_FORMATS,
  defaultOutputFormat: "jpeg",
  extraFields: pup ? [DISABLE_PUP_FIELD] : [],
});

/** [pro] and [max] rewrite the prompt unless `disable_pup` is set (docs/bfl-api.md, 2026 addendum §4.1). */
const DISABLE_PUP_FIELD: ExtraField = {
  name: "disable_pup",
  kind: "boolean",
  label: "Use my prompt as written",
  default: false,
};

/** A FLUX.2 model's info (a function, so bundlers drop the models an app does not import). */
/* @__NO_SIDE_EFFECTS__ */
const flux2Info = <const Id extends EndpointId>(
  id: Id,
  label: string,
  description: string,
  capabilities: ModelCapabilities,
) => defineModelInfo({ id, family: "flux-2", label, description, capabilities });

/** flux2Pro's info, without its schema (see `getModelInfo`). */
export const flux2ProInfo = flux2Info(
  "flux-2-pro",
  "FLUX.2 [pro]",
  "Fast, high-quality generation and editing with up to 8 reference images (pinned weights).",
  flux2Capabilities(8, false, true),
);
/** FLUX.2 [pro]: BFL's recommended default; a pinned snapshot. Up to 8 reference images. */
export const flux2Pro = /* @__PURE__ */ withSchema(flux2ProInfo, flux2Input);

/** flux2ProPreview's info, without its schema (see `getModelInfo`). */
export const flux2ProPreviewInfo = flux2Info(
  "flux-2-pro-preview",
  "FLUX.2 [pro] preview",
  "FLUX.2 [pro] with the latest weights; same inputs as [pro].",
  flux2Capabilities(8, false, true),
);
/** FLUX.2 [pro] preview: the latest [pro] weights. */
export const flux2ProPreview = /* @__PURE__ */ withSchema(flux2ProPreviewInfo, flux2Input);

/** flux2Max's info, without its schema (see `getModelInfo`). */
export const flux2MaxInfo = flux2Info(
  "flux-2-max",
  "FLUX.2 [max]",
  "Highest-quality FLUX.2, with grounding search; slower and dearer than [pro].",
  flux2Capabilities(8, false, true),
);
/** FLUX.2 [max]: highest quality, with grounding search. */
export const flux2Max = /* @__PURE__ */ withSchema(flux2MaxInfo, flux2Input);

/** flux2Flex's info, without its schema (see `getModelInfo`). */
export const flux2FlexInfo = flux2Info(
  "flux-2-flex",
  "FLUX.2 [flex]",
  "FLUX.2 with control over steps and guidance; strong typography and detail.",
  flux2Capabilities(8, true),
);
/** FLUX.2 [flex]: adds `steps`, `guidance` and `prompt_upsampling` (default true). */
export const flux2Flex = /* @__PURE__ */ withSchema(flux2FlexInfo, flux2FlexInput);

/** flux2Klein4b's info, without its schema (see `getModelInfo`). */
export const flux2Klein4bInfo = flux2Info(
  "flux-2-klein-4b",
  "FLUX.2 [klein] 4B",
  "Smallest, fastest FLUX.2 model; up to 4 reference images.",
  flux2Capabilities(4),
);
/** FLUX.2 [klein] 4B: the fastest FLUX.2, up to 4 reference images. */
export const flux2Klein4b = /* @__PURE__ */ withSchema(flux2Klein4bInfo, flux2KleinInput);

/** flux2Klein9b's info, without its schema (see `getModelInfo`). */
export const flux2Klein9bInfo = flux2Info(
  "flux-2-klein-9b",
  "FLUX.2 [klein] 9B",
  "Fast 9B FLUX.2 model with better quality than 4B; up to 4 reference images.",
  flux2Capabilities(4),
);
/** FLUX.2 [klein] 9B (pinned weights), up to 4 reference images. */
export const flux2Klein9b = /* @__PURE__ */ withSchema(flux2Klein9bInfo, flux2KleinInput);

/** flux2Klein9bPreview's info, without its schema (see `getModelInfo`). */
export const flux2Klein9bPreviewInfo = flux2Info(
  "flux-2-klein-9b-preview",
  "FLUX.2 [klein] 9B preview",
  "FLUX.2 [klein] 9B with the latest weights and KV caching; up to 4 reference images.",
  flux2Capabilities(4),
);
/** FLUX.2 [klein] 9B preview: latest 9B weights, with KV caching. */
export const flux2Klein9bPreview = /* @__PURE__ */ withSchema(flux2Klein9bPreviewInfo, flux2KleinInput);
