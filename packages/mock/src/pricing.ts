import { estimateCost, type ModelDefinition, type Price as CorePrice } from "@flux-kit/core";
import { PRICES, creditsFor } from "@flux-kit/core/internal";
import { readImageSize } from "./image/imageSize";
import type { Sizing } from "./sizing";

/**
 * The mock's own formula before 2026, still accepted in the `pricing` option: output beyond the first megapixel
 * in 2 MP steps, input in whole 2 MP steps:
 * `cost = base + perOutputMp × ⌊max(0, output_mp − 1) / 2⌋ + perInputMp × ⌊input_mp / 2⌋`.
 */
export interface LegacyPrice {
  readonly base: number;
  readonly perOutputMp: number;
  readonly perInputMp: number;
}

/** A price for the `pricing` option: core's (`flat`, `megapixel`, `tier`, `field`) or the legacy formula. */
export type Price = CorePrice | LegacyPrice;

export type PriceTable = Record<string, Price>;

/**
 * The mock's default prices: core's table (docs/bfl-api.md Part II §2.3, §4.3, §5), the one `estimateCost` reads,
 * so the mock charges what a UI predicted. A model with no price costs {@link FALLBACK_CREDITS}.
 */
export const DEFAULT_PRICES: Readonly<PriceTable> = PRICES;

/** What a model with no known price costs. */
export const FALLBACK_CREDITS = 5;

export const round2 = (n: number): number => Math.round(n * 100) / 100;

function legacyCredits(price: LegacyPrice, outputMp: number, inputMp: number): number {
  const extraOutput = Math.floor(Math.max(0, outputMp - 1) / 2);
  return round2(price.base + price.perOutputMp * extraOutput + price.perInputMp * Math.floor(inputMp / 2));
}

/**
 * The credits one submit costs: a `pricing` override for the model (core's shape, or the legacy formula on the
 * mock's sizes), else exactly what core's `estimateCost` predicts for the request.
 */
export function submitCost(
  pricing: Readonly<Partial<PriceTable>> | undefined,
  model: ModelDefinition,
  data: Readonly<Record<string, unknown>>,
  sizing: Sizing,
): number {
  const override = pricing?.[model.id];
  if (override && "base" in override) return legacyCredits(override, sizing.outputMp, sizing.inputMp);
  if (override) {
    const inputs = [...model.capabilities.imageFields.map((f) => data[f])]
      .filter((v): v is string => typeof v === "string" && v !== "")
      .map((v) => readImageSize(v) ?? { width: 1024, height: 1024 });
    return creditsFor(override, {
      outputPixels: sizing.width * sizing.height,
      inputPixels: inputs.map((s) => s.width * s.height),
      input: data,
    });
  }
  return estimateCost(model, data)?.credits ?? FALLBACK_CREDITS;
}
