import type { ModelDefinition } from "@flux-kit/core";
import { flux3Size } from "./flux3";
import { readImageSize, type ImageSize } from "./image/imageSize";
import { round2 } from "./pricing";

/** The output size and megapixels the mock derives from a validated request. */
export interface Sizing {
  readonly width: number;
  readonly height: number;
  readonly inputMp: number;
  readonly outputMp: number;
}

/** Assumed size of an input image the mock cannot read (a URL, or an unknown format): 1024 × 1024. */
export const ASSUMED_INPUT_SIZE: ImageSize = { width: 1024, height: 1024 };

const down16 = (n: number) => Math.max(64, Math.floor(n / 16) * 16);

function parseRatio(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
  const w = Number(m?.[1]);
  const h = Number(m?.[2]);
  return w > 0 && h > 0 ? w / h : undefined;
}

/** Scales a size down to at most `maxPixels`, keeping its ratio, in multiples of 16. */
function fit(size: ImageSize, maxPixels: number | undefined): ImageSize {
  const scale =
    maxPixels && size.width * size.height > maxPixels ? Math.sqrt(maxPixels / (size.width * size.height)) : 1;
  return { width: down16(size.width * scale), height: down16(size.height * scale) };
}

function fromRatio(ratio: number, pixels: number): ImageSize {
  const width = Math.sqrt(pixels * ratio);
  return {
    width: Math.max(64, Math.round(width / 16) * 16),
    height: Math.max(64, Math.round(width / ratio / 16) * 16),
  };
}

const positive = (v: unknown): number | undefined => (typeof v === "number" && v > 0 ? v : undefined);

/**
 * Works out the output size like BFL documents it: FLUX 3 by its resolution tier and ratio (`auto`: the
 * prompt's ratio, else the first reference's, else 1:1); explicit `width`/`height`; otherwise the first input
 * image's size (FLUX.2 editing, fill, expand plus its margins); otherwise an `aspect_ratio` at about 1 MP
 * (4 MP for Ultra); otherwise the model's defaults. Input megapixels sum every input image (unreadable ones
 * count as 1024 × 1024).
 */
export function computeSizing(model: ModelDefinition, data: Readonly<Record<string, unknown>>): Sizing {
  const list = model.capabilities.imageList ? data[model.capabilities.imageList.field] : undefined;
  const images = [
    ...[...model.capabilities.imageFields, "image_prompt"].map((field) => data[field]),
    ...(Array.isArray(list) ? (list as unknown[]) : [list]),
  ].filter((v): v is string => typeof v === "string" && v.length > 0);
  const sizes = images.map((img) => readImageSize(img) ?? ASSUMED_INPUT_SIZE);
  const inputPixels = sizes.reduce((n, s) => n + s.width * s.height, 0);
  const hasImage = (value: unknown) => typeof value === "string" && value !== "";
  const first =
    model.capabilities.imageFields.some((f) => hasImage(data[f])) ||
    (Array.isArray(list) ? list.some(hasImage) : hasImage(list))
      ? sizes[0]
      : undefined;
  const size = model.capabilities.size;
  let out: ImageSize;
  if (model.family === "flux-3") {
    out = flux3Size(data, first);
  } else if (model.family === "flux-tools" && size.kind === "none") {
    // erase, deblur, try-on: the picture's own size (try-on's person), at most 4 MP
    const base = first ?? ASSUMED_INPUT_SIZE;
    out = base.width * base.height > 4_194_304 ? fit(base, 4_194_304) : base;
  } else if (size.kind === "dimensions") {
    const w = positive(data["width"]);
    const h = positive(data["height"]);
    if (w && h) out = { width: w, height: h };
    else if (first) out = fit(first, size.maxPixels);
    else out = { width: w ?? size.width.default, height: h ?? size.height.default };
  } else if (size.kind === "aspect_ratio") {
    const ratio = parseRatio(data["aspect_ratio"]) ?? parseRatio(size.default) ?? 1;
    const pixels = model.id.includes("ultra") ? 2048 * 2048 : 1024 * 1024;
    out = first && data["aspect_ratio"] == null ? fit(first, pixels) : fromRatio(ratio, pixels);
  } else {
    const base = first ?? ASSUMED_INPUT_SIZE;
    const grow = (k: string) => {
      const v = data[k];
      return typeof v === "number" ? v : 0;
    };
    out = fit(
      {
        width: base.width + grow("left") + grow("right"),
        height: base.height + grow("top") + grow("bottom"),
      },
      4_194_304,
    );
  }
  return {
    width: out.width,
    height: out.height,
    inputMp: round2(inputPixels / 1e6),
    outputMp: round2((out.width * out.height) / 1e6),
  };
}
