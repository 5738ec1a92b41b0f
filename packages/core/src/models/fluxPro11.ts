import { aspectRatioString } from "./aspectRatio";
import { withSchema } from "./defineModel";
import { object, report, withDefault } from "./schema";
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
import {
  ULTRA_ASPECT,
  ULTRA_IMAGE_PROMPT_STRENGTH,
  fluxPro11Info,
  fluxPro11UltraInfo,
} from "./fluxPro11Info";

// Schemas are built inside functions (no module-level spreads) so bundlers can drop the unused one.
/* @__NO_SIDE_EFFECTS__ */
const buildPro11 = () =>
  object({
    prompt: optionalPrompt(),
    image_prompt: optionalImage(),
    width: intField(FLUX1_WIDTH),
    height: intField(FLUX1_HEIGHT),
    prompt_upsampling: boolField(false),
    safety_tolerance: intField(SAFETY_0_6),
    output_format: outputFormatField("jpeg"),
    ...commonFields(),
  });

/* @__NO_SIDE_EFFECTS__ */
const buildUltra = () =>
  object(
    {
      prompt: optionalPrompt(),
      prompt_upsampling: boolField(false),
      aspect_ratio: withDefault(
        aspectRatioString(ULTRA_ASPECT.widest, ULTRA_ASPECT.tallest),
        ULTRA_ASPECT.default,
      ),
      safety_tolerance: intField(SAFETY_0_6),
      output_format: outputFormatField("jpeg"),
      raw: boolField(false),
      image_prompt: optionalImage(),
      image_prompt_strength: numberField(ULTRA_IMAGE_PROMPT_STRENGTH),
      ...commonFields(),
    },
    undefined,
    (v, loc, issues) => {
      if (!v.prompt && !v.image_prompt)
        report(
          issues,
          [...loc, "prompt"],
          "value_error",
          "Value error, either prompt or image_prompt is required",
          v.prompt,
        );
    },
  );

/** The schema type of `FluxPro11Inputs` (named once for the declarations). */
export interface FluxPro11InputSchema extends ReturnType<typeof buildPro11> {}
/** The schema type of `FluxUltraInput`. */
export interface FluxPro11UltraInputSchema extends ReturnType<typeof buildUltra> {}

/** `FluxPro11Inputs`: no required fields. */
export const fluxPro11Input: FluxPro11InputSchema = /* @__PURE__ */ buildPro11();

/** `FluxUltraInput`: `prompt` or `image_prompt` is required (as [PYCLIENT] enforces). */
export const fluxPro11UltraInput: FluxPro11UltraInputSchema = /* @__PURE__ */ buildUltra();

/** FLUX1.1 [pro]: fast text-to-image with explicit width/height. */
export const fluxPro11 = /* @__PURE__ */ withSchema(fluxPro11Info, fluxPro11Input);

/** FLUX1.1 [pro] Ultra: 4 MP images by aspect ratio, with a `raw` mode. */
export const fluxPro11Ultra = /* @__PURE__ */ withSchema(fluxPro11UltraInfo, fluxPro11UltraInput);
