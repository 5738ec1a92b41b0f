import { defineModelInfo } from "./defineModelInfo";
import { FLUX1_HEIGHT, FLUX1_WIDTH, OUTPUT_FORMATS, SAFETY_0_6, imagePromptField, range } from "./fieldInfo";
import type { ExtraField, ModelCapabilities, SizeCapability } from "./types";

/** FLUX1.1 [pro] Ultra `aspect_ratio` bounds ("between 21:9 and 9:21"), default 16:9. */
export const ULTRA_ASPECT = { widest: "21:9", tallest: "9:21", default: "16:9" } as const;
/** Ultra `image_prompt_strength`: 0–1, default 0.1. */
export const ULTRA_IMAGE_PROMPT_STRENGTH = range(0, 1, 0.1);

/* @__NO_SIDE_EFFECTS__ */
const flux1Capabilities = (size: SizeCapability, extraFields: readonly ExtraField[]): ModelCapabilities => ({
  textToImage: true,
  imageFields: [],
  imageRequired: false,
  mask: false,
  size,
  safetyTolerance: SAFETY_0_6,
  outputFormats: OUTPUT_FORMATS,
  defaultOutputFormat: "jpeg",
  promptUpsampling: false,
  extraFields,
});

/** fluxPro11's info, without its schema (see `getModelInfo`). */
export const fluxPro11Info = defineModelInfo({
  id: "flux-pro-1.1",
  family: "flux-1.1",
  label: "FLUX1.1 [pro]",
  description: "Fast, reliable text-to-image up to 1440 px a side, with an optional Redux image prompt.",
  capabilities: flux1Capabilities({ kind: "dimensions", width: FLUX1_WIDTH, height: FLUX1_HEIGHT }, [
    imagePromptField,
  ]),
});

/** fluxPro11Ultra's info, without its schema (see `getModelInfo`). */
export const fluxPro11UltraInfo = defineModelInfo({
  id: "flux-pro-1.1-ultra",
  family: "flux-1.1",
  label: "FLUX1.1 [pro] Ultra",
  description: "Up to 4 MP images chosen by aspect ratio; raw mode for a natural, less processed look.",
  capabilities: flux1Capabilities(
    {
      kind: "aspect_ratio",
      widest: ULTRA_ASPECT.widest,
      tallest: ULTRA_ASPECT.tallest,
      default: ULTRA_ASPECT.default,
    },
    [
      { name: "raw", kind: "boolean", label: "Raw mode", default: false },
      imagePromptField,
      {
        name: "image_prompt_strength",
        kind: "number",
        label: "Image prompt strength",
        min: ULTRA_IMAGE_PROMPT_STRENGTH.min,
        max: ULTRA_IMAGE_PROMPT_STRENGTH.max,
        default: ULTRA_IMAGE_PROMPT_STRENGTH.default,
      },
    ],
  ),
});
