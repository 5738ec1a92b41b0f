import type { ExtraField, NumberRange, OutputFormat } from "./types";

/**
 * What the field builders (`fields`) and the models' `capabilities` share, with no schema: ranges, limits, formats and
 * field names. A UI drawn from `getModelInfo` loads this and not the schemas.
 */

/** Largest decoded image accepted client-side: BFL documents "up to 20 MB" per input image. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** Every output format BFL can deliver ([OAS] `OutputFormat`). */
export const OUTPUT_FORMATS = ["jpeg", "png", "webp"] as const satisfies readonly OutputFormat[];

/** A `NumberRange`, optionally with a step the value must be a multiple of. */
/* @__NO_SIDE_EFFECTS__ */
export function range(min: number, max: number, def: number, step?: number): NumberRange {
  return step === undefined ? { min, max, default: def } : { min, max, default: def, step };
}

/**
 * Decoded size in bytes of a base64 (or data-URI) image string; 0 for an http(s) URL, which BFL fetches itself.
 */
/* @__NO_SIDE_EFFECTS__ */
export function base64Bytes(value: string): number {
  if (/^https?:\/\//i.test(value)) return 0;
  const comma = value.startsWith("data:") ? value.indexOf(",") + 1 : 0;
  let len = value.length - comma;
  while (len > 0 && value.charCodeAt(comma + len - 1) === 61 /* "=" */) len--;
  return Math.floor((len * 3) / 4);
}

/** Names of the first `n` input-image fields, in order. */
/* @__NO_SIDE_EFFECTS__ */
export const inputImageNames = (n: number): readonly string[] =>
  Array.from({ length: n }, (_, i) => (i === 0 ? "input_image" : `input_image_${i + 1}`));

/** `safety_tolerance` of Kontext and FLUX1.x endpoints: 0 (strict) – 6 (permissive), default 2. */
export const SAFETY_0_6 = range(0, 6, 2);

/** `safety_tolerance` of the FLUX Tools endpoints: 0 (strict) – 5, default 2 (docs/bfl-api.md, 2026 addendum §5). */
export const SAFETY_0_5 = range(0, 5, 2);

/** FLUX1.x (`flux-pro-1.1`, `flux-dev`) `width`: 256–1440, multiple of 32, default 1024. */
export const FLUX1_WIDTH = range(256, 1440, 1024, 32);

/** FLUX1.x (`flux-pro-1.1`, `flux-dev`) `height`: 256–1440, multiple of 32, default 768. */
export const FLUX1_HEIGHT = range(256, 1440, 768, 32);

/** The `image_prompt` (FLUX Redux) extra field of flux-pro-1.1, its Ultra variant and flux-dev. */
export const imagePromptField: ExtraField = { name: "image_prompt", kind: "image", label: "Image prompt" };
