import { parseBoxPrompt } from "@flux-kit/core/boxes";
import { FLUX3_ASPECT_RATIOS, FLUX3_RESOLUTIONS, flux3OutputSize } from "@flux-kit/core/internal";
import type { DrawnBox } from "./image/drawBoxes";
import type { ImageSize } from "./image/imageSize";
import type { TaskStages } from "./tasks";

// FLUX 3 Image as the mock plays it (docs/bfl-api.md Part II §2): tier sizes, the "expanded" prompt, the stages
// before Ready and the boxes a prompt's rows place.

type Resolution = (typeof FLUX3_RESOLUTIONS)[number];

/** The sentence the mock's "prompt expansion" adds (BFL rewrites every FLUX 3 prompt; Part II §2.2). */
export const FLUX3_EXPANSION =
  "Rendered as a finished, coherent image with natural light, consistent perspective and a clear focal point.";

const resolutionOf = (data: Readonly<Record<string, unknown>>): Resolution => {
  const value = data["resolution"];
  return (FLUX3_RESOLUTIONS as readonly unknown[]).includes(value) ? (value as Resolution) : "1k";
};

/**
 * The ratio `aspect_ratio: "auto"` resolves to, as the schema text puts it: a ratio the prompt names (one of the
 * enum's, e.g. "a 16:9 poster"), else the first reference's framing, else 1:1.
 */
function autoRatio(prompt: string, first: ImageSize | undefined): string {
  const caption = parseBoxPrompt(prompt).caption;
  for (const match of caption.matchAll(/\b(\d{1,2}:\d{1,2})\b/g)) {
    const ratio = match[1] ?? "";
    if (ratio !== "auto" && (FLUX3_ASPECT_RATIOS as readonly string[]).includes(ratio)) return ratio;
  }
  return first ? `${first.width}:${first.height}` : "1:1";
}

/** The output size of a FLUX 3 request: core's tier table at the requested (or `auto`-resolved) ratio. */
export function flux3Size(data: Readonly<Record<string, unknown>>, first: ImageSize | undefined): ImageSize {
  const asked = typeof data["aspect_ratio"] === "string" ? data["aspect_ratio"] : "auto";
  const prompt = typeof data["prompt"] === "string" ? data["prompt"] : "";
  return flux3OutputSize(resolutionOf(data), asked === "auto" ? autoRatio(prompt, first) : asked);
}

/** How much longer than the 1k median each tier runs (invented; 4k "can take several minutes", Part II §2.5). */
const TIER_TIME: Readonly<Record<Resolution, number>> = {
  "768sq": 0.85,
  "1k": 1,
  "1.5k": 1.15,
  "2k": 1.3,
  "4k": 2.5,
};

/** The median run of a FLUX 3 request relative to the model's typical one: tier, and `grounding: false` is faster. */
export function flux3TimeFactor(data: Readonly<Record<string, unknown>>): number {
  return TIER_TIME[resolutionOf(data)] * (data["grounding"] === false ? 0.75 : 1);
}

/**
 * When `Reasoning` and `Generating` begin within a run: a short `Pending`, then reasoning (longer with grounding,
 * which searches the web first), then generating until `Ready`.
 */
export function flux3Stages(createdAt: number, durationMs: number, grounding: boolean): TaskStages {
  const span = Number.isFinite(durationMs) ? durationMs : 120_000;
  return {
    reasoningAt: createdAt + Math.round(span * 0.05),
    generatingAt: createdAt + Math.round(span * (grounding ? 0.35 : 0.15)),
  };
}

/** `result.prompt`: the prompt "expanded" by one sentence, inserted before the box rows when it has any. */
export function expandFlux3Prompt(prompt: string): string {
  const parsed = parseBoxPrompt(prompt);
  if (parsed.rows.length === 0) return `${prompt.trim()} ${FLUX3_EXPANSION}`;
  return `${parsed.caption.trim()} ${FLUX3_EXPANSION} ${JSON.stringify(parsed.rows)}`;
}

/** The boxes a prompt's rows place on the output: layout rows' `bbox`, edit rows' `tgt_bbox` (removed ones none). */
export function flux3Boxes(prompt: string): DrawnBox[] {
  const boxes: DrawnBox[] = [];
  for (const row of parseBoxPrompt(prompt).rows) {
    const box = "bbox" in row ? row.bbox : row.tgt_bbox;
    if (box) boxes.push({ id: row.id, box });
  }
  return boxes;
}
