import { base64ImageDimensions } from "../bfl/images";
import { PRICES_AS_OF, creditsFor, priceOf, type PriceBasis } from "../bfl/prices";
import type { ModelInfo } from "./types";

/** A price estimate for one request. */
export interface CostEstimate {
  /** Credits (1 credit = US$0.01), to two decimals. */
  readonly credits: number;
  /** The same in US dollars. */
  readonly usd: number;
  /** `"published"`: BFL's list price; `"inferred"`: a live observation, a reseller's figure or a fitted formula. */
  readonly basis: PriceBasis;
  /** The date of the price table (`"2026-10-08"`). */
  readonly asOf: string;
}

/** Pixel size of an image. */
interface Size {
  readonly width: number;
  readonly height: number;
}

export interface EstimateCostOptions {
  /**
   * Sizes of the input images, in the order of the model's image fields, when the caller knows them (a UI has
   * read the picked files). Unset entries are read from base64 headers; a URL counts as 1024 × 1024.
   */
  readonly imageSizes?: readonly (Size | undefined)[];
}

const ASSUMED: Size = { width: 1024, height: 1024 };
const positive = (v: unknown) => (typeof v === "number" && v > 0 ? v : undefined);

/** The image values a request carries, in field order (FLUX 3's `images` list included). */
function imagesOf(model: ModelInfo, input: Readonly<Record<string, unknown>>): string[] {
  const list = model.capabilities.imageList ? input[model.capabilities.imageList.field] : undefined;
  const values = [
    ...model.capabilities.imageFields.map((field) => input[field]),
    ...(Array.isArray(list) ? (list as unknown[]) : [list]),
  ];
  return values.filter((v): v is string => typeof v === "string" && v !== "");
}

/**
 * What a request will cost before it is sent, from BFL's published prices (FLUX 3 per resolution tier, FLUX.2
 * per megapixel out and in, a flat price for the others); `undefined` for a model with no known price. BFL's
 * per-megapixel rounding is fitted to BFL's examples (see `creditsFor`). BFL's
 * own figure comes back on the submit (`cost`) or, for older models, on the finished task (`FluxResult.cost`).
 * @param model the model's definition, or its info alone (`getModelInfo(id)`: no schema in a browser's bundle)
 * @example estimateCost(flux3Image, { prompt: "a fox", resolution: "2k" }) // { credits: 10, usd: 0.1, basis: "published", … }
 */
export function estimateCost(
  model: ModelInfo,
  input: Readonly<Record<string, unknown>>,
  options: EstimateCostOptions = {},
): CostEstimate | undefined {
  const price = priceOf(model.id);
  if (!price) return undefined;
  const sizes = imagesOf(model, input).map(
    (image, i) => options.imageSizes?.[i] ?? base64ImageDimensions(image) ?? ASSUMED,
  );
  const size = model.capabilities.size;
  let output: Size = sizes[0] ?? ASSUMED;
  if (size.kind === "dimensions") {
    const width = positive(input["width"]);
    const height = positive(input["height"]);
    if (width && height) output = { width, height };
    else if (sizes.length === 0)
      output = { width: width ?? size.width.default, height: height ?? size.height.default };
  }
  const credits = creditsFor(price, {
    outputPixels: output.width * output.height,
    inputPixels: sizes.map((s) => s.width * s.height),
    input,
  });
  const basis: PriceBasis =
    price.kind === "flat"
      ? (price.basis ?? "published")
      : price.kind === "tier" && input["resolution"] === "1.5k"
        ? "inferred"
        : "published";
  return { credits, usd: Math.round(credits * 100) / 10_000, basis, asOf: PRICES_AS_OF };
}
