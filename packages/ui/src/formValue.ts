import { getModelInfo, type ModelInfo, type ModelId, type OutputFormat } from "@flux-kit/core";
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
  /** Aspect-ratio preset (`"16:9"`) or `"custom"` for explicit width/height (or a typed ratio). */
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
}

/** The request a submit produces: pass it to `generate` (or `client.generate(model, input)`). */
export interface PromptFormRequest {
  readonly model: ModelId;
  readonly input: Record<string, unknown>;
}

/** Default advanced values of a model, from its capabilities. */
export function advancedDefaults(
  model: ModelInfo,
): Record<string, number | boolean | string | undefined> {
  const c = model.capabilities;
  const out: Record<string, number | boolean | string | undefined> = {};
  if (c.steps) out.steps = c.steps.default;
  if (c.guidance) out.guidance = c.guidance.default;
  if (c.promptUpsampling !== undefined) out.prompt_upsampling = c.promptUpsampling;
  for (const f of c.extraFields) if (f.kind !== "image") out[f.name] = f.default;
  return out;
}

/** A complete value for `model`, keeping what still applies from `previous` (prompt, seed, ratio, images). */
export function valueForModel(modelId: ModelId, previous?: Partial<PromptFormValue>): PromptFormValue {
  const model = getModelInfo(modelId);
  const c = model.capabilities;
  const preset = previous?.preset ?? "1:1";
  const size = c.size;
  let width = 1024;
  let height = 1024;
  let aspectRatio = previous?.aspectRatio ?? "1:1";
  if (size.kind === "dimensions") {
    const fitted =
      preset === "custom" && previous?.width !== undefined && previous.height !== undefined
        ? { width: previous.width, height: previous.height }
        : sizeForRatio(size, preset === "custom" ? "1:1" : preset);
    width = fitted.width;
    height = fitted.height;
  } else if (size.kind === "aspect_ratio") {
    aspectRatio = preset === "custom" ? aspectRatio : preset;
  }
  const images = (previous?.images ?? []).slice(0, c.imageFields.length);
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
    safetyTolerance: c.safetyTolerance.default,
    advanced: advancedDefaults(model),
    images,
    extraImages: {},
  };
}

/** Turns the form value into the model's request body (only the fields the model accepts). */
export function buildInput(value: PromptFormValue): Record<string, unknown> {
  const c = getModelInfo(value.model).capabilities;
  const input: Record<string, unknown> = { prompt: value.prompt };
  if (c.size.kind === "dimensions") {
    input.width = value.width;
    input.height = value.height;
  } else if (c.size.kind === "aspect_ratio") {
    input.aspect_ratio = value.aspectRatio;
  }
  if (value.seed !== undefined) input.seed = value.seed;
  input.output_format = value.outputFormat;
  input.safety_tolerance = value.safetyTolerance;
  for (const [key, v] of Object.entries(value.advanced)) if (v !== undefined && v !== "") input[key] = v;
  value.images.forEach((image, i) => {
    const field = c.imageFields[i];
    if (field) input[field] = image.src;
  });
  for (const [key, image] of Object.entries(value.extraImages)) if (image) input[key] = image.src;
  return input;
}
