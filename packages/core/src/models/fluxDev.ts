import { withSchema } from "./defineModel";
import { object } from "./schema";
import {
  boolField,
  commonFields,
  intField,
  numberField,
  optionalImage,
  optionalPrompt,
  outputFormatField,
} from "./fields";
import { FLUX1_HEIGHT, FLUX1_WIDTH, SAFETY_0_6 } from "./fieldInfo";
import { DEV_GUIDANCE, DEV_STEPS, fluxDevInfo } from "./fluxDevInfo";

/* @__NO_SIDE_EFFECTS__ */
const buildDev = () =>
  object({
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

/** The schema type of `FluxDevInputs` (named once for the declarations). */
export interface FluxDevInputSchema extends ReturnType<typeof buildDev> {}

/** `FluxDevInputs`. */
export const fluxDevInput: FluxDevInputSchema = /* @__PURE__ */ buildDev();

/** FLUX.1 [dev]: the open-weights model, served by BFL. */
export const fluxDev = /* @__PURE__ */ withSchema(fluxDevInfo, fluxDevInput);
