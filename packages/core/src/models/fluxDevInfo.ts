import { defineModelInfo } from "./defineModelInfo";
import { FLUX1_HEIGHT, FLUX1_WIDTH, OUTPUT_FORMATS, SAFETY_0_6, imagePromptField, range } from "./fieldInfo";

/** flux-dev `steps`: 1–50, default 28. */
export const DEV_STEPS = range(1, 50, 28);
/** flux-dev `guidance`: 1.5–5, default 3. */
export const DEV_GUIDANCE = range(1.5, 5, 3);

/** fluxDev's info, without its schema (see `getModelInfo`). */
export const fluxDevInfo = defineModelInfo({
  id: "flux-dev",
  family: "flux-dev",
  label: "FLUX.1 [dev]",
  description: "The open-weights FLUX.1 [dev] model: cheap text-to-image with steps and guidance.",
  capabilities: {
    textToImage: true,
    imageFields: [],
    imageRequired: false,
    mask: false,
    size: { kind: "dimensions", width: FLUX1_WIDTH, height: FLUX1_HEIGHT },
    steps: DEV_STEPS,
    guidance: DEV_GUIDANCE,
    safetyTolerance: SAFETY_0_6,
    outputFormats: OUTPUT_FORMATS,
    defaultOutputFormat: "jpeg",
    promptUpsampling: false,
    extraFields: [imagePromptField],
  },
});
