import type { EndpointId } from "../bfl/endpoints";
import { defineModelInfo } from "./defineModelInfo";
import { OUTPUT_FORMATS, inputImageNames, range } from "./fieldInfo";
import type { ExtraField, ModelCapabilities } from "./types";

/** Largest FLUX.2 output area: 4 MP (4,194,304 px, e.g. 2048 × 2048). */
export const FLUX2_MAX_PIXELS = 4_194_304;
/** Text-to-image size when `width`/`height` are omitted. */
export const FLUX2_DEFAULT_SIDE = 1024;
/**
 * FLUX.2 side: multiple of 16, at least 64. `max` is only a UI bound: the schema limits the area (4 MP), so a
 * side can exceed it when the other is small.
 */
export const FLUX2_SIDE = range(64, 4096, FLUX2_DEFAULT_SIDE, 16);
/**
 * FLUX.2 `safety_tolerance`: 0 (strict) – 5. [OAS], BFL's skill and a live report (">5 → 422") say 0–5; the
 * docs' parameter tables say 0–6. The schema keeps the stricter, observed 0–5.
 */
export const FLUX2_SAFETY = range(0, 5, 2);
/** FLUX.2 [flex] `steps`: 1–50, default 50. */
export const FLUX2_FLEX_STEPS = range(1, 50, 50);
/** FLUX.2 [flex] `guidance`: 1.5–10, default 5 per [OAS] (the docs and skill say 4.5). */
export const FLUX2_FLEX_GUIDANCE = range(1.5, 10, 5);

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

/** flux2ProPreview's info, without its schema (see `getModelInfo`). */
export const flux2ProPreviewInfo = flux2Info(
  "flux-2-pro-preview",
  "FLUX.2 [pro] preview",
  "FLUX.2 [pro] with the latest weights; same inputs as [pro].",
  flux2Capabilities(8, false, true),
);

/** flux2Max's info, without its schema (see `getModelInfo`). */
export const flux2MaxInfo = flux2Info(
  "flux-2-max",
  "FLUX.2 [max]",
  "Highest-quality FLUX.2, with grounding search; slower and dearer than [pro].",
  flux2Capabilities(8, false, true),
);

/** flux2Flex's info, without its schema (see `getModelInfo`). */
export const flux2FlexInfo = flux2Info(
  "flux-2-flex",
  "FLUX.2 [flex]",
  "FLUX.2 with control over steps and guidance; strong typography and detail.",
  flux2Capabilities(8, true),
);

/** flux2Klein4b's info, without its schema (see `getModelInfo`). */
export const flux2Klein4bInfo = flux2Info(
  "flux-2-klein-4b",
  "FLUX.2 [klein] 4B",
  "Smallest, fastest FLUX.2 model; up to 4 reference images.",
  flux2Capabilities(4),
);

/** flux2Klein9b's info, without its schema (see `getModelInfo`). */
export const flux2Klein9bInfo = flux2Info(
  "flux-2-klein-9b",
  "FLUX.2 [klein] 9B",
  "Fast 9B FLUX.2 model with better quality than 4B; up to 4 reference images.",
  flux2Capabilities(4),
);

/** flux2Klein9bPreview's info, without its schema (see `getModelInfo`). */
export const flux2Klein9bPreviewInfo = flux2Info(
  "flux-2-klein-9b-preview",
  "FLUX.2 [klein] 9B preview",
  "FLUX.2 [klein] 9B with the latest weights and KV caching; up to 4 reference images.",
  flux2Capabilities(4),
);
