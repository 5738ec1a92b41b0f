import { withSchema } from "./defineModel";
import { object } from "./schema";
import {
  boolField,
  commonFields,
  imageString,
  intField,
  numberField,
  optionalImage,
  optionalPrompt,
  outputFormatField,
} from "./fields";
import { SAFETY_0_6 } from "./fieldInfo";
import {
  EXPAND_MARGIN,
  FILL_GUIDANCE,
  FILL_STEPS,
  fluxPro10ExpandInfo,
  fluxPro10FillInfo,
} from "./fluxPro10Info";

/* @__NO_SIDE_EFFECTS__ */
const editFields = () => ({
  /** The image to edit: base64 (or a URL). Required. */
  image: imageString(),
  prompt: optionalPrompt(),
  steps: intField(FILL_STEPS),
  prompt_upsampling: boolField(false),
  guidance: numberField(FILL_GUIDANCE),
  output_format: outputFormatField("jpeg"),
  safety_tolerance: intField(SAFETY_0_6),
  ...commonFields(),
});

/* @__NO_SIDE_EFFECTS__ */
const buildFill = () => object({ ...editFields(), mask: optionalImage() });
/* @__NO_SIDE_EFFECTS__ */
const buildExpand = () =>
  object({
    ...editFields(),
    top: intField(EXPAND_MARGIN),
    bottom: intField(EXPAND_MARGIN),
    left: intField(EXPAND_MARGIN),
    right: intField(EXPAND_MARGIN),
  });

/** The schema type of `FluxProFillInputs` (named once for the declarations). */
export interface FluxPro10FillInputSchema extends ReturnType<typeof buildFill> {}
/** The schema type of `FluxProExpandInputs`. */
export interface FluxPro10ExpandInputSchema extends ReturnType<typeof buildExpand> {}

/** `FluxProFillInputs`: `image` required; optional `mask` (white = inpaint, black = keep). */
export const fluxPro10FillInput: FluxPro10FillInputSchema = /* @__PURE__ */ buildFill();

/** `FluxProExpandInputs`: `image` required; margins in pixels to add on each side. */
export const fluxPro10ExpandInput: FluxPro10ExpandInputSchema = /* @__PURE__ */ buildExpand();

/** FLUX.1 Fill [pro]: inpainting of the masked area. */
export const fluxPro10Fill = /* @__PURE__ */ withSchema(fluxPro10FillInfo, fluxPro10FillInput);

/** FLUX.1 Expand [pro]: outpainting by margins. */
export const fluxPro10Expand = /* @__PURE__ */ withSchema(fluxPro10ExpandInfo, fluxPro10ExpandInput);
