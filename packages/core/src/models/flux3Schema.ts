import * as z from "zod/mini";
import { base64ImageDimensions } from "../bfl/images";
import { boolField, customCheck, imageString, intField, oneOf, range } from "./fields";

// FLUX 3 Image's request body (`POST /v1/flux-3-image`, released 2026-10-01): docs/bfl-api.md, 2026 addendum §2.

/** `aspect_ratio` values: `"auto"` (follow the prompt or image 1, else 1:1) and 15 fixed ratios. */
export const FLUX3_ASPECT_RATIOS = [
  "auto",
  "21:9",
  "2:1",
  "16:9",
  "3:2",
  "7:5",
  "4:3",
  "5:4",
  "1:1",
  "4:5",
  "3:4",
  "5:7",
  "2:3",
  "9:16",
  "1:2",
  "9:21",
] as const;

/** One of FLUX 3 Image's `aspect_ratio` values. */
export type Flux3AspectRatio = (typeof FLUX3_ASPECT_RATIOS)[number];

/** `resolution` tiers: equal-area sizes whose exact width and height follow the aspect ratio. */
export const FLUX3_RESOLUTIONS = ["768sq", "1k", "1.5k", "2k", "4k"] as const;

/** One of FLUX 3 Image's `resolution` tiers. */
export type Flux3Resolution = (typeof FLUX3_RESOLUTIONS)[number];

/**
 * Output area of each tier, in pixels: the square each tier is named after (768², 1024², 1536², 2048², 4096²),
 * matching the megapixels ComfyUI lists (0.6 / 1 / 2.4 / 4.2 / 16.8) and the sizes seen live (1k 4:3 → 1184 × 880,
 * 2k 16:9 → 2736 × 1536).
 */
export const FLUX3_TIER_PIXELS: Readonly<Record<Flux3Resolution, number>> = {
  "768sq": 768 * 768,
  "1k": 1024 * 1024,
  "1.5k": 1536 * 1536,
  "2k": 2048 * 2048,
  "4k": 4096 * 4096,
};

/** `safety_tolerance`: 0 (strictest) – 4, default 2 (the public schema; a pre-release one said 0–5). */
export const FLUX3_SAFETY = range(0, 4, 2);
/** At most 10 reference images. */
export const FLUX3_MAX_IMAGES = 10;
/** Each reference at least 256 × 256 pixels … */
export const FLUX3_MIN_IMAGE_SIDE = 256;
/** … and at most 16 megapixels (BFL answers 400 above it). */
export const FLUX3_MAX_IMAGE_PIXELS = 16_000_000;

const multipleOf16 = (n: number) => Math.max(16, Math.round(n / 16) * 16);

/**
 * The output size BFL renders for a tier and a `"W:H"` ratio: the tier's area at that ratio, both sides rounded
 * to multiples of 16 (reproduces both live sizes). For `"auto"` pass the ratio it resolves to (image 1's, else
 * 1:1); an unreadable ratio counts as 1:1.
 * @example flux3OutputSize("1k", "4:3") // { width: 1184, height: 880 }
 */
export function flux3OutputSize(
  resolution: Flux3Resolution,
  aspectRatio: string,
): { width: number; height: number } {
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(aspectRatio.trim());
  const ratio = match ? Number(match[1]) / Number(match[2]) : 1;
  const pixels = FLUX3_TIER_PIXELS[resolution];
  const width = multipleOf16(Math.sqrt(pixels * (ratio > 0 && Number.isFinite(ratio) ? ratio : 1)));
  return { width, height: multipleOf16(pixels / width) };
}

/**
 * A reference image: a URL or base64 within 20 MB (as for every model) and, when its header can be read, at
 * least 256 × 256 and at most 16 MP. BFL fetches URLs itself, so their size is its to check.
 */
/* @__NO_SIDE_EFFECTS__ */
const referenceImage = () =>
  imageString().check(
    customCheck((value, ctx) => {
      const size = base64ImageDimensions(value);
      if (!size) return;
      const { width, height } = size;
      const small = width < FLUX3_MIN_IMAGE_SIDE || height < FLUX3_MIN_IMAGE_SIDE;
      if (!small && width * height <= FLUX3_MAX_IMAGE_PIXELS) return;
      ctx.issues.push({
        code: "custom",
        input: value,
        message: small
          ? `Image is ${width} × ${height}; references must be at least ${FLUX3_MIN_IMAGE_SIDE} × ${FLUX3_MIN_IMAGE_SIDE} pixels.`
          : `Image is ${width} × ${height} (${((width * height) / 1e6).toFixed(1)} MP); references must be at most 16 MP.`,
        params: {
          type: small ? "image_too_small" : "image_too_large",
          ctx: { width, height },
          hideInput: true,
        },
      });
    }),
  );

/** `images`: one reference (a string) or a list of 1–10. */
/* @__NO_SIDE_EFFECTS__ */
const imagesField = () =>
  z.optional(
    z.union([
      referenceImage(),
      z.array(referenceImage()).check(
        customCheck((list, ctx) => {
          if (list.length >= 1 && list.length <= FLUX3_MAX_IMAGES) return;
          ctx.issues.push({
            code: list.length === 0 ? "too_small" : "too_big",
            origin: "array",
            ...(list.length === 0
              ? { minimum: 1, inclusive: true }
              : { maximum: FLUX3_MAX_IMAGES, inclusive: true }),
            input: list,
          } as z.core.$ZodRawIssue);
        }),
      ),
    ]),
  );

/** A required prompt that is not blank (BFL answers 422 for a whitespace-only prompt). */
/* @__NO_SIDE_EFFECTS__ */
const nonBlankPrompt = () =>
  z.string().check(
    customCheck((value, ctx) => {
      if (value.trim()) return;
      ctx.issues.push({
        code: "custom",
        input: value,
        message: "Value error, the prompt must not be blank",
        params: { type: "value_error" },
      });
    }),
  );

/**
 * `Flux3ImageInputs`, strict: BFL answers 422 for any other field (a `seed`, `width` or `input_image` carried
 * over from FLUX.2, `webhook_url`, `output_format`), and so does `validate`, naming the field.
 */
/* @__NO_SIDE_EFFECTS__ */
export const buildFlux3 = () =>
  z.strictObject({
    /** The caption or edit instruction; bounding-box rows go after it (see `@flux-kit/core/boxes`). */
    prompt: nonBlankPrompt(),
    /** References, named "image 1" … "image 10" in the prompt (`ref_image_0` … in box rows). */
    images: imagesField(),
    aspect_ratio: z._default(oneOf(FLUX3_ASPECT_RATIOS), "auto"),
    resolution: z._default(oneOf(FLUX3_RESOLUTIONS), "1k"),
    /** `true` (BFL's default) lets the model research the prompt with web and image search first; `false` is faster. */
    grounding: boolField(true),
    safety_tolerance: intField(FLUX3_SAFETY),
    /** `"latest"`, or a dated release tag to pin. */
    version: z.optional(z.string()),
  });
