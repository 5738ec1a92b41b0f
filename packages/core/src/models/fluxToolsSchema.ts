import {
  atLeast,
  bool,
  boolField,
  commonFields,
  imageString,
  intField,
  integer,
  oneOf,
  outputFormatField,
  nonEmptyString,
  userField,
} from "./fields";
import { SAFETY_0_5 } from "./fieldInfo";
import { ERASE_DILATE, OUTPAINT_MODES, OUTPAINT_SIDE } from "./fluxToolsInfo";
import { checked, nullish, object, string, withDefault } from "./schema";

// The FLUX Tools endpoints (`/v1/flux-tools/…`): docs/bfl-api.md, 2026 addendum §5 (schemas from BFL's
// API reference pages, costs and times from the 2026-09 live battery).

/* @__NO_SIDE_EFFECTS__ */
const toolFields = (format: "png" | "jpeg") => ({
  safety_tolerance: intField(SAFETY_0_5),
  output_format: outputFormatField(format),
  ...commonFields(),
});

/** `Flux2EraseInputs`: `image` and a same-size `mask` (white = remove). */
/* @__NO_SIDE_EFFECTS__ */
export const buildErase = () =>
  object({
    image: imageString(),
    mask: imageString(),
    dilate_pixels: intField(ERASE_DILATE),
    ...toolFields("png"),
  });

/**
 * `FluxOutpaintingInputs`, strict (`additionalProperties: false`): no seed, no webhook fields. The input image is
 * placed on a `width` × `height` canvas, centred unless offset.
 */
/* @__NO_SIDE_EFFECTS__ */
export const buildOutpainting = () =>
  object(
    {
      input_image: imageString(),
      width: checked(integer(), atLeast(OUTPAINT_SIDE.min)),
      height: checked(integer(), atLeast(OUTPAINT_SIDE.min)),
      /** `false` (default): an image that does not fit the canvas is an error; `true` crops it. */
      auto_crop: boolField(false),
      /** Offset of the image on the canvas in pixels (may be negative); `null` centres it. */
      reference_offset_x: nullish(integer()),
      reference_offset_y: nullish(integer()),
      mode: withDefault(oneOf(OUTPAINT_MODES), "high"),
      /** Experimental guidance for the new area. */
      prompt: nullish(string()),
      /** `true` skips the image-aware prompt upsampler. */
      disable_pup: nullish(bool()),
      safety_tolerance: intField(SAFETY_0_5),
      output_format: outputFormatField("png"),
      user: userField(),
    },
    "strict",
  );

/** `Flux2KleinTryonInputs` (vto-v1, vto-v2): a `person`, a `garment`, and a prompt (v2 writes its own). */
/* @__NO_SIDE_EFFECTS__ */
export const buildTryOn = () =>
  object({
    prompt: nonEmptyString(),
    person: imageString(),
    garment: imageString(),
    ...toolFields("jpeg"),
  });

/** `Flux2DeblurInputs`: one `image`, no prompt. */
/* @__NO_SIDE_EFFECTS__ */
export const buildDeblur = () => object({ image: imageString(), ...toolFields("png") });
