import { defineModelInfo } from "./defineModelInfo";
import { range } from "./fieldInfo";

// FLUX 3 Image's facts (`POST /v1/flux-3-image`, released 2026-10-01): docs/bfl-api.md, 2026 addendum §2. The
// schema built from them is in `flux3Schema`.

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

/** flux3Image's info, without its schema (see `getModelInfo`). */
export const flux3ImageInfo = defineModelInfo({
  id: "flux-3-image",
  family: "flux-3",
  label: "FLUX 3 Image",
  description:
    "BFL's newest model: layouts with boxes, up to 10 references, up to 4k; about 1–2 minutes per image.",
  capabilities: {
    textToImage: true,
    imageFields: [],
    imageList: { field: "images", max: FLUX3_MAX_IMAGES },
    imageRequired: false,
    mask: false,
    strict: true,
    seed: false,
    webhooks: false,
    outputFormat: false,
    size: {
      kind: "aspect_ratio",
      widest: "21:9",
      tallest: "9:21",
      default: "auto",
      ratios: FLUX3_ASPECT_RATIOS,
    },
    safetyTolerance: FLUX3_SAFETY,
    outputFormats: ["jpeg"],
    defaultOutputFormat: "jpeg",
    extraFields: [
      { name: "resolution", kind: "choice", label: "Resolution", options: FLUX3_RESOLUTIONS, default: "1k" },
      { name: "grounding", kind: "boolean", label: "Research the prompt first (grounding)", default: true },
    ],
  },
});
