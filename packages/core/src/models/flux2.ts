import { defineModel } from "./defineModel";
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
import type { ModelCapabilities } from "./types";

/* @__NO_SIDE_EFFECTS__ */
const flux2Capabilities = (images: 4 | 8): ModelCapabilities => ({
  textToImage: true,
  imageFields: inputImageNames(images),
  imageRequired: false,
  mask: false,
  size: { kind: "dimensions", width: FLUX2_SIDE, height: FLUX2_SIDE, maxPixels: FLUX2_MAX_PIXELS },
  safetyTolerance: FLUX2_SAFETY,
  outputFormats: OUTPUT_FORMATS,
  defaultOutputFormat: "jpeg",
  extraFields: [],
});

const flux2Base = { family: "flux-2", maxConcurrent: 24, capabilities: flux2Capabilities(8) } as const;
const kleinBase = { family: "flux-2", maxConcurrent: 24, capabilities: flux2Capabilities(4) } as const;

/** FLUX.2 [pro]: BFL's recommended default; a pinned snapshot. Up to 8 reference images. */
export const flux2Pro = defineModel({
  ...flux2Base,
  id: "flux-2-pro",
  label: "FLUX.2 [pro]",
  description: "Fast, high-quality generation and editing with up to 8 reference images (pinned weights).",
  input: flux2Input,
  typicalDurationMs: 8000,
});

/** FLUX.2 [pro] preview: the latest [pro] weights. */
export const flux2ProPreview = defineModel({
  ...flux2Base,
  id: "flux-2-pro-preview",
  label: "FLUX.2 [pro] preview",
  description: "FLUX.2 [pro] with the latest weights; same inputs as [pro].",
  input: flux2Input,
  typicalDurationMs: 8000,
});

/** FLUX.2 [max]: highest quality, with grounding search. */
export const flux2Max = defineModel({
  ...flux2Base,
  id: "flux-2-max",
  label: "FLUX.2 [max]",
  description: "Highest-quality FLUX.2, with grounding search; slower and dearer than [pro].",
  input: flux2Input,
  typicalDurationMs: 15000,
});

/** FLUX.2 [flex]: adds `steps`, `guidance` and `prompt_upsampling` (default true). */
export const flux2Flex = defineModel({
  ...flux2Base,
  id: "flux-2-flex",
  label: "FLUX.2 [flex]",
  description: "FLUX.2 with control over steps and guidance; strong typography and detail.",
  input: flux2FlexInput,
  typicalDurationMs: 20000,
  capabilities: {
    ...flux2Capabilities(8),
    steps: FLUX2_FLEX_STEPS,
    guidance: FLUX2_FLEX_GUIDANCE,
    promptUpsampling: true,
  },
});

/** FLUX.2 [klein] 4B: the fastest FLUX.2, up to 4 reference images. */
export const flux2Klein4b = defineModel({
  ...kleinBase,
  id: "flux-2-klein-4b",
  label: "FLUX.2 [klein] 4B",
  description: "Smallest, fastest FLUX.2 model; up to 4 reference images.",
  input: flux2KleinInput,
  typicalDurationMs: 1500,
});

/** FLUX.2 [klein] 9B (pinned weights), up to 4 reference images. */
export const flux2Klein9b = defineModel({
  ...kleinBase,
  id: "flux-2-klein-9b",
  label: "FLUX.2 [klein] 9B",
  description: "Fast 9B FLUX.2 model with better quality than 4B; up to 4 reference images.",
  input: flux2KleinInput,
  typicalDurationMs: 2500,
});

/** FLUX.2 [klein] 9B preview: latest 9B weights, with KV caching. */
export const flux2Klein9bPreview = defineModel({
  ...kleinBase,
  id: "flux-2-klein-9b-preview",
  label: "FLUX.2 [klein] 9B preview",
  description: "FLUX.2 [klein] 9B with the latest weights and KV caching; up to 4 reference images.",
  input: flux2KleinInput,
  typicalDurationMs: 2500,
});
