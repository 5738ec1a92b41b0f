import type { NumberRange, SizeCapability } from "@flux-kit/core";
import { parseAspectRatio } from "@flux-kit/core/internal";

/** Aspect-ratio presets offered by the size picker, widest last. Models drop the ones they cannot take. */
export const ASPECT_PRESETS = ["1:1", "4:3", "3:4", "3:2", "2:3", "16:9", "9:16", "21:9", "9:21"] as const;

type Dimensions = Extract<SizeCapability, { kind: "dimensions" }>;

/** One megapixel, as the pixel caps count it (FLUX.2's 4 MP is 4 × 2²⁰). */
export const MP = 1_048_576;

/**
 * `value` rounded to the nearest multiple of the range's step, kept inside the range: what a custom side snaps to.
 * @example fit(1917, flux2Pro.capabilities.size.width) // 1920
 */
export function fit(value: number, { min, max, step = 1 }: NumberRange): number {
  const stepped = Math.round(value / step) * step;
  return Math.min(Math.floor(max / step) * step, Math.max(Math.ceil(min / step) * step, stepped));
}

/**
 * Width and height for a `"W:H"` ratio at about `area` pixels (by default the model's default area, at most
 * 1 MP), rounded to its step and kept inside its side ranges and pixel cap.
 * @example sizeForRatio(flux2Pro.capabilities.size, "16:9") // { width: 1360, height: 768 }
 */
export function sizeForRatio(
  size: Dimensions,
  ratio: string,
  area = Math.min(size.width.default * size.height.default, MP),
): { width: number; height: number } {
  const r = parseAspectRatio(ratio) ?? 1;
  let width = fit(Math.sqrt(area * r), size.width);
  const height = fit(width / r, size.height);
  // a side clamped by its range (the ratio more than 5 % off): recompute the other one from it
  if (Math.abs(width / height / r - 1) > 0.05) width = fit(height * r, size.width);
  // over the pixel cap: both sides down together
  return nearestSize(size, width, height);
}

/**
 * The 1, 2 and 4 MP sizes a width/height model can make at the ratio of `width` × `height`: for each, the valid
 * size nearest that pixel count with the ratio kept, offered when within 10 % of it (a model whose sides stop at
 * 1440 px, about 2 MP, offers 1 and 2 MP for a square, 1 MP for 16:9).
 * @example megapixelSizes(flux2Pro.capabilities.size, 1024, 1024) // [[1, { width: 1024, height: 1024 }], [2, …], [4, { width: 2048, height: 2048 }]]
 */
export function megapixelSizes(size: Dimensions, width: number, height: number) {
  return [1, 2, 4]
    .map((mp) => [mp, sizeForRatio(size, `${width}:${height}`, mp * MP)] as const)
    .filter(([mp, at]) => Math.abs((at.width * at.height) / (mp * MP) - 1) < 0.1);
}

/** The presets a model can take: all for width/height models, those within the ratio bounds otherwise. */
export function presetsFor(size: SizeCapability): readonly string[] {
  if (size.kind === "none") return [];
  return ASPECT_PRESETS.filter((p) => {
    const r = parseAspectRatio(p) ?? 1;
    if (size.kind === "aspect_ratio") {
      return (
        r <= (parseAspectRatio(size.widest) ?? Infinity) + 1e-9 &&
        r >= (parseAspectRatio(size.tallest) ?? 0) - 1e-9
      );
    }
    const { width, height } = sizeForRatio(size, p);
    return Math.abs(width / height - r) < 0.06;
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
  const pick = (v: number, fallback: number) => (Number.isFinite(v) && v > 0 ? v : fallback);
  let w = fit(pick(width, size.width.default), size.width);
  let h = fit(pick(height, size.height.default), size.height);
  const cap = size.maxPixels ?? Infinity;
  if (w * h > cap) {
    const k = Math.sqrt(cap / (w * h));
    // down to the step (never up: half a step less, rounded), so the product stays under the cap
    w = fit(w * k - (size.width.step ?? 1) / 2, size.width);
    h = fit(h * k - (size.height.step ?? 1) / 2, size.height);
  }
  return { width: w, height: h };
}
