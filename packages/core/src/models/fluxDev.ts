import * as z from "zod/mini";
import { defineModelInfo, withSchema } from "./defineModel";
import {
  OUTPUT_FORMATS,
  SAFETY_0_6,
  boolField,
  FLUX1_HEIGHT,
  FLUX1_WIDTH,
  commonFields,
  imagePromptField,
  intField,
  numberField,
  optionalImage,
  optionalPrompt,
  outputFormatField,
  range,
} from "./fields";

/** flux-dev `steps`: 1–50, default 28. */
export const DEV_STEPS = range(1, 50, 28);
/** flux-dev `guidance`: 1.5–5, default 3. */
export const DEV_GUIDANCE = range(1.5, 5, 3);

/* @__NO_SIDE_EFFECTS__ */
const buildDev = () =>
  z.object({
    prompt: optionalPrompt(),
    image_prompt: optionalImage(),
    width: intField(FLUX1_WIDTH),
    height: intField(FLUX1_HEIGHT),
    steps: intField(DEV_STEPS),
    prompt_upsampling: boolField(false),
    guidance: numberField(DEV_GUIDANCE),
    safety_tolerance: intField(SAFETY_0_6),
    output_format: outputFormatField("jpeg"),
    ...commonFields(),
  });

/** The zod/mini schema type of `FluxDevInputs` (named once for the declarations). */
export interface FluxDevInputSchema extends ReturnType<typeof buildDev> {}

/** `FluxDevInputs`. */
export const fluxDevInput: FluxDevInputSchema = /* @__PURE__ */ buildDev();

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
/** FLUX.1 [dev]: the open-weights model, served by BFL. */
export const fluxDev = /* @__PURE__ */ withSchema(fluxDevInfo, fluxDevInput);
