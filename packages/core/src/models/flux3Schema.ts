import { base64ImageDimensions } from "../bfl/images";
import { boolField, imageString, intField, oneOf } from "./fields";
import {
  FLUX3_ASPECT_RATIOS,
  FLUX3_MAX_IMAGES,
  FLUX3_MAX_IMAGE_PIXELS,
  FLUX3_MIN_IMAGE_SIDE,
  FLUX3_RESOLUTIONS,
  FLUX3_SAFETY,
} from "./flux3ImageInfo";
import { array, checked, either, object, optional, report, reportBound, string, withDefault } from "./schema";

// FLUX 3 Image's request body (`POST /v1/flux-3-image`, released 2026-10-01): docs/bfl-api.md, 2026 addendum §2.

/**
 * A reference image: a URL or base64 within 20 MB (as for every model) and, when its header can be read, at
 * least 256 × 256 and at most 16 MP. BFL fetches URLs itself, so their size is its to check.
 */
/* @__NO_SIDE_EFFECTS__ */
const referenceImage = () =>
  checked(imageString(), (value, loc, issues) => {
    const size = base64ImageDimensions(value);
    if (!size) return;
    const { width, height } = size;
    const small = width < FLUX3_MIN_IMAGE_SIDE || height < FLUX3_MIN_IMAGE_SIDE;
    if (!small && width * height <= FLUX3_MAX_IMAGE_PIXELS) return;
    report(
      issues,
      loc,
      small ? "image_too_small" : "image_too_large",
      small
        ? `Image is ${width} × ${height}; references must be at least ${FLUX3_MIN_IMAGE_SIDE} × ${FLUX3_MIN_IMAGE_SIDE} pixels.`
        : `Image is ${width} × ${height} (${((width * height) / 1e6).toFixed(1)} MP); references must be at most 16 MP.`,
      undefined,
      { width, height },
    );
  });

/** `images`: one reference (a string) or a list of 1–10. */
/* @__NO_SIDE_EFFECTS__ */
const imagesField = () =>
  optional(
    either(
      referenceImage(),
      (value) => typeof value === "string",
      checked(array(referenceImage()), (list, loc, issues) => {
        if (list.length === 0) reportBound(issues, loc, { ge: 1 }, list);
        else if (list.length > FLUX3_MAX_IMAGES) reportBound(issues, loc, { le: FLUX3_MAX_IMAGES }, list);
      }),
      Array.isArray,
    ),
  );

/** A required prompt that is not blank (BFL answers 422 for a whitespace-only prompt). */
/* @__NO_SIDE_EFFECTS__ */
const nonBlankPrompt = () =>
  checked(string(), (value, loc, issues) => {
    if (!value.trim()) report(issues, loc, "value_error", "Value error, the prompt must not be blank", value);
  });

/**
 * `Flux3ImageInputs`, strict: BFL answers 422 for any other field (a `seed`, `width` or `input_image` carried
 * over from FLUX.2, `webhook_url`, `output_format`), and so does `validate`, naming the field.
 */
/* @__NO_SIDE_EFFECTS__ */
export const buildFlux3 = () =>
  object(
    {
      /** The caption or edit instruction; bounding-box rows go after it (see `@flux-kit/core/boxes`). */
      prompt: nonBlankPrompt(),
      /** References, named "image 1" … "image 10" in the prompt (`ref_image_0` … in box rows). */
      images: imagesField(),
      aspect_ratio: withDefault(oneOf(FLUX3_ASPECT_RATIOS), "auto"),
      resolution: withDefault(oneOf(FLUX3_RESOLUTIONS), "1k"),
      /** `true` (BFL's default) lets the model research the prompt with web and image search first; `false` is faster. */
      grounding: boolField(true),
      safety_tolerance: intField(FLUX3_SAFETY),
      /** `"latest"`, or a dated release tag to pin. */
      version: optional(string()),
    },
    "strict",
  );
