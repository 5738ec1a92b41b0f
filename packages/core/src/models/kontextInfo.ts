import { defineModelInfo } from "./defineModelInfo";
import { OUTPUT_FORMATS, SAFETY_0_6, inputImageNames } from "./fieldInfo";
import type { ModelCapabilities } from "./types";

/**
 * Kontext `aspect_ratio` bounds accepted client-side: 1:4 – 4:1, the widest range any source gives
 * ([PYCLIENT] and the ComfyUI nodes). [OAS] says 21:9 – 9:21 and the docs say 3:7 – 7:3; BFL decides.
 */
export const KONTEXT_ASPECT = { widest: "4:1", tallest: "1:4", default: "1:1" } as const;

const kontextCapabilities: ModelCapabilities = {
  textToImage: true,
  imageFields: inputImageNames(4),
  imageRequired: false,
  mask: false,
  size: { kind: "aspect_ratio", ...KONTEXT_ASPECT },
  safetyTolerance: SAFETY_0_6,
  outputFormats: OUTPUT_FORMATS,
  defaultOutputFormat: "png",
  promptUpsampling: false,
  extraFields: [],
};

/**
 * BFL marks both Kontext endpoints deprecated ("legacy editing model") and sends new integrations to FLUX.2
 * [pro]; they still answer (docs/bfl-api.md, 2026 addendum §6).
 */
const KONTEXT_DEPRECATION = {
  replacement: "flux-2-pro",
  note: "Legacy editing model: BFL recommends FLUX.2 [pro] for editing.",
} as const;

/** fluxKontextPro's info, without its schema (see `getModelInfo`). */
export const fluxKontextProInfo = defineModelInfo({
  id: "flux-kontext-pro",
  family: "flux-kontext",
  label: "FLUX.1 Kontext [pro]",
  description:
    "Edit an image with a text instruction, or generate from text; consistent characters and styles.",
  capabilities: kontextCapabilities,
  deprecated: KONTEXT_DEPRECATION,
});

/** fluxKontextMax's info, without its schema (see `getModelInfo`). */
export const fluxKontextMaxInfo = defineModelInfo({
  id: "flux-kontext-max",
  family: "flux-kontext",
  label: "FLUX.1 Kontext [max]",
  description: "Kontext with the best prompt adherence and typography; at most 6 tasks at a time.",
  capabilities: kontextCapabilities,
  deprecated: KONTEXT_DEPRECATION,
});
