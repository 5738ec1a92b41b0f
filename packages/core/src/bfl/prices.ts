import type { Flux3Resolution } from "../models/flux3ImageInfo";

// What BFL charges, in credits (1 credit = US$0.01). One table for `estimateCost` and the mock, so what a UI
// shows before a submit is what the mock charges. Sources (docs/bfl-api.md, 2026 addendum §2.3, §4.3, §5, §7):
// BFL's pricing pages (FLUX.2 per megapixel, the FLUX.1 / Kontext list), its FLUX 3 launch prices as copied on
// 2026-10-01, the 2026-09 live battery for the tools.

/** The date the newest price in `PRICES` was read. */
export const PRICES_AS_OF = "2026-10-08";

/** How an endpoint is priced. */
export type Price =
  /** A flat price per image (FLUX.1, Kontext, the tools). */
  | { readonly kind: "flat"; readonly credits: number; readonly basis?: PriceBasis }
  /** FLUX.2: the first output megapixel, each further one, and each input megapixel. */
  | { readonly kind: "megapixel"; readonly first: number; readonly further: number; readonly input: number }
  /** FLUX 3 Image: one price per resolution tier, references free. */
  | { readonly kind: "tier"; readonly tiers: Readonly<Record<Flux3Resolution, number>> }
  /** One price per value of a field (outpainting's `mode`). */
  | {
      readonly kind: "field";
      readonly field: string;
      readonly prices: Readonly<Record<string, number>>;
      readonly default: string;
    };

/** `"published"`: a price BFL lists; `"inferred"`: read from a live run or a reseller, or a formula fitted to BFL's figures. */
export type PriceBasis = "published" | "inferred";

const flat = (credits: number, basis?: PriceBasis): Price =>
  basis ? { kind: "flat", credits, basis } : { kind: "flat", credits };
const perMp = (first: number, further: number): Price => ({
  kind: "megapixel",
  first,
  further,
  input: further,
});

/** BFL's prices by model id. */
export const PRICES = {
  // 1.5k: OpenRouter's list only (BFL's launch page has no 1.5k price); 1k box edits were seen billed at 5.
  "flux-3-image": { kind: "tier", tiers: { "768sq": 4.1, "1k": 4.8, "1.5k": 7, "2k": 10, "4k": 60.7 } },
  "flux-2-pro": perMp(3, 1.5),
  "flux-2-pro-preview": perMp(3, 1.5),
  "flux-2-max": perMp(7, 3),
  // 6 → 5 credits per megapixel on 2026-01-28
  "flux-2-flex": perMp(5, 5),
  "flux-2-klein-4b": perMp(1.4, 0.1),
  "flux-2-klein-9b": perMp(1.5, 0.2),
  "flux-2-klein-9b-preview": perMp(1.5, 0.2),
  "flux-kontext-pro": flat(4),
  "flux-kontext-max": flat(8),
  "flux-pro-1.1": flat(4),
  "flux-pro-1.1-ultra": flat(6),
  "flux-pro-1.0-fill": flat(5),
  "flux-pro-1.0-expand": flat(5),
  "flux-dev": flat(2.5),
  "flux-tools/erase-v1": flat(3, "inferred"),
  "flux-tools/outpainting-v1": {
    kind: "field",
    field: "mode",
    prices: { fast: 4.5, high: 20 },
    default: "high",
  },
  // v1 was not in the battery: v2's price
  "flux-tools/vto-v1": flat(4.75, "inferred"),
  "flux-tools/vto-v2": flat(4.75, "inferred"),
  "flux-tools/deblur-v1": flat(3, "inferred"),
} as const satisfies Record<string, Price>;

/** What one request uses, for pricing it. */
export interface PriceUsage {
  /** Output pixels (width × height). */
  readonly outputPixels: number;
  /** Pixels of each input image. */
  readonly inputPixels: readonly number[];
  /** The request body, for a tier or field price (`resolution`, `mode`). */
  readonly input?: Readonly<Record<string, unknown>>;
}

const MEBIPIXEL = 1024 * 1024;
/** Whole megapixels (of 1024 × 1024) in `pixels`: 2.07 MP (1440²) bills as one, 1024 × 1024 as one. */
const wholeMp = (pixels: number) => Math.floor(pixels / MEBIPIXEL + 1e-9);

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The credits a request costs. FLUX.2's formula is not published; this one reproduces every published figure
 * (1 MP text-to-image = `first`; 1 MP edit = `first + input`; BFL's own examples: 2.07 MP text-to-image 3.0 and
 * 2.07 MP in + out 4.5 on [pro]): each *whole* megapixel of 1024² beyond the first, and of each input, is charged.
 * @example creditsFor(PRICES["flux-2-pro"], { outputPixels: 1024 * 1024, inputPixels: [1024 * 1024] }) // 4.5
 */
export function creditsFor(price: Price, usage: PriceUsage): number {
  switch (price.kind) {
    case "flat":
      return price.credits;
    case "megapixel": {
      const further = Math.max(0, wholeMp(usage.outputPixels) - 1);
      const input = usage.inputPixels.reduce((sum, px) => sum + wholeMp(px), 0);
      return round2(price.first + price.further * further + price.input * input);
    }
    case "tier": {
      const tier = usage.input?.["resolution"];
      return price.tiers[(typeof tier === "string" && tier in price.tiers ? tier : "1k") as Flux3Resolution];
    }
    case "field": {
      const value = usage.input?.[price.field];
      return price.prices[typeof value === "string" && value in price.prices ? value : price.default] ?? 0;
    }
  }
}

/** The price of a model id, or `undefined` when flux-kit does not know it (own keys only). */
export function priceOf(id: string): Price | undefined {
  return Object.hasOwn(PRICES, id) ? (PRICES as Record<string, Price>)[id] : undefined;
}
