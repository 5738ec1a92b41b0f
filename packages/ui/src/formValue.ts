import { getModelInfo, type ModelInfo, type ModelId, type OutputFormat } from "@flux-kit/core";
import { serializeRows, type BoxRow } from "@flux-kit/core/boxes";
import { sizeForRatio } from "./sizePresets";

/** One reference image: a data URL (from a file or paste) or an http(s) URL. */
export interface ReferenceImage {
  /** Stable key for lists. */
  readonly id: string;
  /** `data:image/…;base64,…` or an `https://` URL. */
  readonly src: string;
  /** File name, or the URL. */
  readonly name: string;
  /** Decoded bytes (0 for URLs: BFL fetches those itself). */
  readonly bytes: number;
  readonly width?: number | undefined;
  readonly height?: number | undefined;
}

/** Everything the form edits. Controlled forms hold this in their own state. */
export interface PromptFormValue {
  readonly model: ModelId;
  readonly prompt: string;
  /**
   * Aspect-ratio preset (`"16:9"`), `"custom"` for explicit width/height (or a typed ratio), or `"match"`
   * (`MATCH_INPUT`): no size is sent, so BFL matches the reference image (the default once one is added).
   */
  readonly preset: string;
  readonly width: number;
  readonly height: number;
  /** `"W:H"` for models sized by `aspect_ratio`. */
  readonly aspectRatio: string;
  /** A fixed seed, or `undefined` for a random one each time. */
  readonly seed: number | undefined;
  readonly outputFormat: OutputFormat;
  readonly safetyTolerance: number;
  /** The model's own fields (steps, guidance, prompt_upsampling, raw…), by request field name. */
  readonly advanced: Readonly<Record<string, number | boolean | string | undefined>>;
  /** Reference images, in `imageFields` order. */
  readonly images: readonly ReferenceImage[];
  /** Images of `kind: "image"` extra fields (e.g. `image_prompt`), by field name. */
  readonly extraImages: Readonly<Record<string, ReferenceImage | undefined>>;
  /**
   * FLUX 3 Image's bounding boxes (core's rows: a layout, or edit rows over image 1), written into the prompt
   * after the caption when sent (docs/bfl-api.md Part II §2.8). Empty for other models. @default []
   */
  readonly boxes?: readonly BoxRow[] | undefined;
}

/** The request a submit produces: pass it to `generate` (or `client.generate(model, input)`). */
export interface PromptFormRequest {
  readonly model: ModelId;
  readonly input: Record<string, unknown>;
  /**
   * The prompt as typed, when the request's differs from it: FLUX 3's box rows follow it there. Name the request
   * by it (a job, an alt text). Absent otherwise.
   */
  readonly caption?: string;
}

/** The size preset that sends no size: BFL then matches the first reference image. */
export const MATCH_INPUT = "match";

/** Whether `model` can take the `MATCH_INPUT` preset: it takes reference images and a size. */
export function canMatchInput(c: ModelInfo["capabilities"]): boolean {
  return c.imageFields.length > 0 && c.size.kind !== "none";
}

/** How many reference images a model takes: its image fields, or its list's limit (FLUX 3 Image: 10). */
export const maxImages = (c: ModelInfo["capabilities"]): number => c.imageList?.max ?? c.imageFields.length;

/** `value` within `range` (integer steps honoured), else `undefined`. */
function within(value: unknown, range: { min: number; max: number; step?: number }): number | undefined {
  if (typeof value !== "number" || Number.isNaN(value) || value < range.min || value > range.max)
    return undefined;
  return range.step && value % range.step ? undefined : value;
}

/** Default advanced values of a model, from its capabilities. */
export function advancedDefaults(model: ModelInfo): Record<string, number | boolean | string | undefined> {
  const c = model.capabilities;
  const out: Record<string, number | boolean | string | undefined> = {};
  if (c.steps) out.steps = c.steps.default;
  if (c.guidance) out.guidance = c.guidance.default;
  if (c.promptUpsampling !== undefined) out.prompt_upsampling = c.promptUpsampling;
  for (const f of c.extraFields) if (f.kind !== "image") out[f.name] = f.default;
  return out;
}

/**
 * A complete value for `model`, keeping what still applies from `previous`: prompt, seed, ratio, images (up to
 * the model's count), safety and the model's own fields where the new model takes the same field and the value
 * is within its range (`droppedOnSwitch` says what did not carry over).
 */
export function valueForModel(modelId: ModelId, previous?: Partial<PromptFormValue>): PromptFormValue {
  const model = getModelInfo(modelId);
  const c = model.capabilities;
  const images = (previous?.images ?? []).slice(0, maxImages(c));
  let preset = previous?.preset ?? "1:1";
  if (preset === MATCH_INPUT && !(canMatchInput(c) && images.length > 0)) preset = "1:1";
  const size = c.size;
  let width = 1024;
  let height = 1024;
  let aspectRatio = previous?.aspectRatio ?? "1:1";
  if (size.kind === "dimensions") {
    const fitted =
      preset === "custom" && previous?.width !== undefined && previous.height !== undefined
        ? { width: previous.width, height: previous.height }
        : sizeForRatio(size, preset === "custom" || preset === MATCH_INPUT ? "1:1" : preset);
    width = fitted.width;
    height = fitted.height;
  } else if (size.kind === "aspect_ratio") {
    aspectRatio = preset === "custom" || preset === MATCH_INPUT ? aspectRatio : preset;
    // a model with a fixed list (FLUX 3 Image) starts at its own default ("auto": image 1's framing, else the
    // prompt's or square), which the form's square gives way to; a ratio it does not take does too
    if (size.ratios && (preset === "1:1" || !size.ratios.includes(aspectRatio))) {
      aspectRatio = size.default;
      preset = size.default;
    }
  }
  const advanced = advancedDefaults(model);
  // only what the person set carries over: the last model's own defaults give way to this one's
  const last = previous?.model ? getModelInfo(previous.model) : undefined;
  const lastDefaults = last ? advancedDefaults(last) : {};
  for (const name of Object.keys(advanced)) {
    const before = previous?.advanced?.[name];
    if (before === undefined || (last && before === lastDefaults[name])) continue;
    const range =
      name === "steps" ? c.steps : name === "guidance" ? c.guidance : numberField(c.extraFields, name);
    const kept = range ? within(before, range) : typeof before === typeof advanced[name] ? before : undefined;
    if (kept !== undefined) advanced[name] = kept;
  }
  return {
    model: modelId,
    prompt: previous?.prompt ?? "",
    preset,
    width,
    height,
    aspectRatio,
    seed: previous?.seed,
    outputFormat:
      previous?.outputFormat && c.outputFormats.includes(previous.outputFormat)
        ? previous.outputFormat
        : c.defaultOutputFormat,
    safetyTolerance:
      (last && previous?.safetyTolerance === last.capabilities.safetyTolerance.default
        ? undefined
        : within(previous?.safetyTolerance, c.safetyTolerance)) ?? c.safetyTolerance.default,
    advanced,
    images,
    extraImages: {},
    // the boxes are FLUX 3's: they carry over only to a model that takes them
    boxes: c.imageList && model.family === "flux-3" ? (previous?.boxes ?? []) : [],
  };
}

/** The range of a numeric extra field named `name`, if the model has one. */
function numberField(fields: ModelInfo["capabilities"]["extraFields"], name: string) {
  const f = fields.find((x) => x.name === name);
  return f && (f.kind === "integer" || f.kind === "number") ? f : undefined;
}

/** What a model switch from `before` to `after` did not keep: reference images and settings, for a notice. */
export interface DroppedOnSwitch {
  /** Reference images removed (the new model takes fewer, or none). */
  readonly images: number;
  /** Settings set back to the new model's defaults (out of its range), by field name. */
  readonly reset: readonly string[];
}

/** Compares the value before a model switch with `valueForModel`'s result: what a person should be told. */
export function droppedOnSwitch(before: PromptFormValue, after: PromptFormValue): DroppedOnSwitch {
  // a setting the person changed that the new model took back to its default
  const last = getModelInfo(before.model);
  const defaults = advancedDefaults(last);
  const reset: string[] = [];
  if (
    before.safetyTolerance !== last.capabilities.safetyTolerance.default &&
    before.safetyTolerance !== after.safetyTolerance
  )
    reset.push("safety_tolerance");
  for (const [name, v] of Object.entries(before.advanced)) {
    if (v !== defaults[name] && name in after.advanced && after.advanced[name] !== v) reset.push(name);
  }
  return { images: before.images.length - after.images.length, reset };
}

/**
 * Keeps the size preset in step with the reference images: adding the first one switches to `MATCH_INPUT`
 * (BFL matches it; a person can still pick a size), removing the last leaves `MATCH_INPUT` for the default.
 */
export function followReferences(prev: PromptFormValue, next: PromptFormValue): PromptFormValue {
  if (next.preset !== prev.preset) return next;
  const c = getModelInfo(next.model).capabilities;
  if (prev.images.length === 0 && next.images.length > 0 && canMatchInput(c))
    return { ...next, preset: MATCH_INPUT };
  if (next.images.length === 0 && next.preset === MATCH_INPUT)
    return valueForModel(next.model, { ...next, preset: "1:1" });
  return next;
}

/** Turns the form value into the model's request body (only the fields the model accepts). */
export function buildInput(value: PromptFormValue): Record<string, unknown> {
  const c = getModelInfo(value.model).capabilities;
  // a prompt of spaces is no prompt (BFL would bill it), and edge whitespace is never meant
  // FLUX 3's boxes follow the caption after one space (the layout editor checks them as they are drawn)
  const caption = value.prompt.trim();
  const rows = serializeRows(value.boxes ?? []);
  const input: Record<string, unknown> =
    c.prompt === false ? {} : { prompt: rows ? `${caption} ${rows}` : caption };
  if (value.preset === MATCH_INPUT && value.images.length > 0) {
    // no size: BFL matches the reference image
  } else if (c.size.kind === "dimensions") {
    input.width = value.width;
    input.height = value.height;
  } else if (c.size.kind === "aspect_ratio") {
    // boxes drawn on an `auto` frame with no picture were drawn square: the ratio is sent, so a ratio the prompt
    // happens to name cannot stretch them (with a picture, auto keeps its framing, as the frame does)
    input.aspect_ratio =
      value.aspectRatio === "auto" && value.images.length === 0 && (value.boxes?.length ?? 0) > 0
        ? "1:1"
        : value.aspectRatio;
  }
  if (value.seed !== undefined && c.seed !== false) input.seed = value.seed;
  if (c.outputFormat !== false) input.output_format = value.outputFormat;
  input.safety_tolerance = value.safetyTolerance;
  for (const [key, v] of Object.entries(value.advanced)) if (v !== undefined && v !== "") input[key] = v;
  if (c.imageList) {
    if (value.images.length > 0) input[c.imageList.field] = value.images.map((image) => image.src);
  } else {
    value.images.forEach((image, i) => {
      const field = c.imageFields[i];
      if (field) input[field] = image.src;
    });
  }
  for (const [key, image] of Object.entries(value.extraImages)) if (image) input[key] = image.src;
  return input;
}
