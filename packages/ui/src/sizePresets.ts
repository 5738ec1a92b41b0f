import { type SizeCapability } from "@flux-kit/core";
import { parseAspectRatio } from "@flux-kit/core/internal";

/** Aspect-ratio presets offered by the size picker, widest last. Models drop the ones they cannot take. */
export const ASPECT_PRESETS = ["1:1", "4:3", "3:4", "3:2", "2:3", "16:9", "9:16", "21:9", "9:21"] as const;

type Dimensions = Extract<SizeCapability, { kind: "dimensions" }>;

function fit(value: number, min: number, max: number, step: number): number {
  const stepped = Math.round(value / step) * step;
  return Math.min(Math.floor(max / step) * step, Math.max(Math.ceil(min / step) * step, stepped));
}

/**
 * Width and height for a `"W:H"` ratio at about the model's default area (≈1 MP), rounded to its step and
 * kept inside its side ranges and pixel cap.
 * @example sizeForRatio(flux2Pro.capabilities.size, "16:9") // { width: 1360, height: 768 }
 */
export function sizeForRatio(size: Dimensions, ratio: string): { width: number; height: number } {
  const r = parseAspectRatio(ratio) ?? 1;
  const area = Math.min(size.width.default * size.height.default, size.maxPixels ?? Infinity, 1024 * 1024);
  const step = size.width.step ?? 1;
  let width = fit(Math.sqrt(area * r), size.width.min, size.width.max, step);
  let height = fit(width / r, size.height.min, size.height.max, size.height.step ?? 1);
  // a side clamped by its range: recompute the other one from it
  if (Math.abs(width / height - r) > 0.05) width = fit(height * r, size.width.min, size.width.max, step);
  if (size.maxPixels !== undefined && width * height > size.maxPixels) {
    const scale = Math.sqrt(size.maxPixels / (width * height));
    width = fit(width * scale - step, size.width.min, size.width.max, step);
    height = fit(height * scale - step, size.height.min, size.height.max, size.height.step ?? 1);
  }
  return { width, height };
}

/** The presets a model can take: all for width/height models, those within the ratio bounds otherwise. */
export function presetsFor(size: SizeCapability): readonly string[] {
  if (size.kind === "none") return [];
  if (size.kind === "dimensions") {
    return ASPECT_PRESETS.filter((p) => {
      const { width, height } = sizeForRatio(size, p);
      return Math.abs(width / height - (parseAspectRatio(p) ?? 1)) < 0.06;
    });
  }
  const widest = parseAspectRatio(size.widest) ?? Infinity;
  const tallest = parseAspectRatio(size.tallest) ?? 0;
  return ASPECT_PRESETS.filter((p) => {
    const r = parseAspectRatio(p) ?? 1;
    return r <= widest + 1e-9 && r >= tallest - 1e-9;
  });
}

/**
 * The valid size nearest to `width` × `height` for a width/height model: each side rounded to its step inside
 * its range, then both scaled down together (ratio kept) under the pixel cap. What a size error offers to use.
 * @example nearestSize(flux2Pro.capabilities.size, 1917, 1083) // { width: 1920, height: 1088 }
 */
export function nearestSize(
  size: Dimensions,
  width: number,
  height: number,
): { width: number; height: number } {
  const sw = size.width.step ?? 1;
  const sh = size.height.step ?? 1;
  const pick = (v: number, fallback: number) => (Number.isFinite(v) && v > 0 ? v : fallback);
  let w = fit(pick(width, size.width.default), size.width.min, size.width.max, sw);
  let h = fit(pick(height, size.height.default), size.height.min, size.height.max, sh);
  if (size.maxPixels !== undefined && w * h > size.maxPixels) {
    const k = Math.sqrt(size.maxPixels / (w * h));
    // down to the step (never up), so the product stays under the cap
    w = Math.max(Math.ceil(size.width.min / sw) * sw, Math.floor((w * k) / sw) * sw);
    h = Math.max(Math.ceil(size.height.min / sh) * sh, Math.floor((h * k) / sh) * sh);
  }
  return { width: w, height: h };
}
