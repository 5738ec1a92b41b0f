/**
 * Credits a model charges (1 credit ≈ US$0.01). BFL's formula is not public; this one is invented to reproduce
 * the three published FLUX.2 [pro] figures (1 MP text-to-image → 3.0; 2.07 MP text-to-image → 3.0;
 * 2.07 MP in + 2.07 MP out → 4.5): output beyond the first megapixel is billed in 2 MP steps, input in
 * whole 2 MP steps: `cost = base + perOutputMp × ⌊max(0, output_mp − 1) / 2⌋ + perInputMp × ⌊input_mp / 2⌋`.
 */
export interface Price {
  readonly base: number;
  readonly perOutputMp: number;
  readonly perInputMp: number;
}

export type PriceTable = Record<string, Price>;

const flat = (base: number): Price => ({ base, perOutputMp: 0, perInputMp: 0 });

/** The mock's default prices (documented in the README). Unknown models cost {@link FALLBACK_PRICE}. */
export const DEFAULT_PRICES: Readonly<PriceTable> = Object.freeze({
  "flux-2-pro": { base: 3, perOutputMp: 1.5, perInputMp: 1.5 },
  "flux-2-pro-preview": { base: 3, perOutputMp: 1.5, perInputMp: 1.5 },
  "flux-2-max": { base: 7, perOutputMp: 3, perInputMp: 3 },
  // 6 → 5 credits per megapixel on 2026-01-28 (docs/bfl-api.md Part II §4.3)
  "flux-2-flex": { base: 5, perOutputMp: 5, perInputMp: 5 },
  "flux-2-klein-4b": { base: 1.4, perOutputMp: 0.1, perInputMp: 0.1 },
  "flux-2-klein-9b": { base: 1.5, perOutputMp: 0.2, perInputMp: 0.2 },
  "flux-2-klein-9b-preview": { base: 1.5, perOutputMp: 0.2, perInputMp: 0.2 },
  "flux-kontext-pro": flat(4),
  "flux-kontext-max": flat(8),
  "flux-pro-1.1": flat(4),
  "flux-pro-1.1-ultra": flat(6),
  "flux-pro-1.0-fill": flat(5),
  "flux-pro-1.0-expand": flat(5),
  "flux-dev": flat(2.5),
});

export const FALLBACK_PRICE: Price = flat(5);

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The credits one submit costs. */
export function priceOf(price: Price, outputMp: number, inputMp: number): number {
  const extraOutput = Math.floor(Math.max(0, outputMp - 1) / 2);
  return round2(price.base + price.perOutputMp * extraOutput + price.perInputMp * Math.floor(inputMp / 2));
}
