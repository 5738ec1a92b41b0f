import { aspectRatioString } from "./aspectRatio";
import { withSchema } from "./defineModel";
import { nullish, object } from "./schema";
import { boolField, commonFields, inputImages4, intField, outputFormatField, nonEmptyString } from "./fields";
import { SAFETY_0_6 } from "./fieldInfo";
import { KONTEXT_ASPECT, fluxKontextMaxInfo, fluxKontextProInfo } from "./kontextInfo";

/* @__NO_SIDE_EFFECTS__ */
const buildKontext = () =>
  object({
    prompt: nonEmptyString(),
    ...inputImages4(),
    /** `"W:H"`; null or omitted means 1:1 (about 1 MP). */
    aspect_ratio: nullish(aspectRatioString(KONTEXT_ASPECT.widest, KONTEXT_ASPECT.tallest)),
    /** Default `"png"` per [OAS] and [PYCLIENT]; one docs table says `"jpeg"`. */
    output_format: outputFormatField("png"),
    prompt_upsampling: boolField(false),
    safety_tolerance: intField(SAFETY_0_6),
    ...commonFields(),
  });

/** The schema type of `FluxKontextProInputs` (named once for the declarations). */
export interface FluxKontextInputSchema extends ReturnType<typeof buildKontext> {}

/** `FluxKontextProInputs`, shared by flux-kontext-pro and flux-kontext-max. */
export const fluxKontextInput: FluxKontextInputSchema = /* @__PURE__ */ buildKontext();

/** @deprecated by BFL in 2026 (use `flux2Pro`); still works. FLUX.1 Kontext [pro]: in-context editing and generation; `input_image_2`–`_4` are experimental multi-ref. */
export const fluxKontextPro = /* @__PURE__ */ withSchema(fluxKontextProInfo, fluxKontextInput);

/** @deprecated by BFL in 2026 (use `flux2Pro` or `flux2Max`); still works. FLUX.1 Kontext [max]: higher quality and typography; BFL allows only 6 active tasks. */
export const fluxKontextMax = /* @__PURE__ */ withSchema(fluxKontextMaxInfo, fluxKontextInput);
