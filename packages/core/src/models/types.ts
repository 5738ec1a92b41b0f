import type { InputOf, InputSchema, InputValidation, OutputOf } from "./schema";

/** Output formats BFL can deliver ([OAS] `OutputFormat`). */
export type OutputFormat = "jpeg" | "png" | "webp";

/** A numeric range a field accepts, with its default. */
export interface NumberRange {
  readonly min: number;
  readonly max: number;
  readonly default: number;
  /** Integer step, if the field must be a multiple of it (e.g. 16 for FLUX.2 sizes). */
  readonly step?: number;
}

/**
 * How a model is sized: explicit `width`/`height`, an `aspect_ratio` string, or neither (fill/expand follow
 * their input image).
 */
export type SizeCapability =
  | {
      readonly kind: "dimensions";
      readonly width: NumberRange;
      readonly height: NumberRange;
      /** Largest output area in pixels (4 MP for FLUX.2); `undefined` when only the side ranges apply. */
      readonly maxPixels?: number;
    }
  | {
      readonly kind: "aspect_ratio";
      /** Widest and tallest ratios accepted client-side, as `"W:H"`. */
      readonly widest: string;
      readonly tallest: string;
      readonly default: string;
      /**
       * The only ratios accepted, when the endpoint takes a fixed list (FLUX 3 Image: `"auto"` and 15 ratios);
       * `undefined` when any ratio between `widest` and `tallest` is accepted.
       */
      readonly ratios?: readonly string[];
    }
  | { readonly kind: "none" };

/** What a model can do, in a form a UI can be generated from. */
export interface ModelCapabilities {
  /** Generates from a prompt alone. */
  readonly textToImage: boolean;
  /** Request fields that carry reference/input images, in order (`input_image`, `input_image_2`…, or `image`). */
  readonly imageFields: readonly string[];
  /** At least one image must be given (fill, expand). */
  readonly imageRequired: boolean;
  /** Optional mask field (fill). */
  readonly mask: boolean;
  /** `false` when the request has no prompt at all (FLUX Tools erase and deblur); a form hides it. */
  readonly prompt?: false;
  /** `false` when the request takes no `seed` (FLUX 3 Image has none: its strict schema refuses one); a form hides it. */
  readonly seed?: false;
  /**
   * `false` when the request takes no `webhook_url` / `webhook_secret` (FLUX 3 Image and outpainting: their strict
   * schemas refuse them), so the proxy's webhooks cannot serve it and its tasks are polled.
   */
  readonly webhooks?: false;
  /**
   * `false` when the request takes no `output_format` (FLUX 3 Image always delivers `defaultOutputFormat`, and its
   * strict schema refuses the field); a form neither offers nor sends it.
   */
  readonly outputFormat?: false;
  readonly size: SizeCapability;
  readonly steps?: NumberRange;
  readonly guidance?: NumberRange;
  readonly safetyTolerance: NumberRange;
  readonly outputFormats: readonly OutputFormat[];
  readonly defaultOutputFormat: OutputFormat;
  /** Accepts `prompt_upsampling`; the value is its default. `undefined` when the field is not accepted. */
  readonly promptUpsampling?: boolean;
  /**
   * A list field of reference images (FLUX 3 Image's `images`, 1–`max` URLs or base64 strings), instead of or
   * besides `imageFields`; `undefined` when the model has none.
   */
  readonly imageList?: { readonly field: string; readonly max: number };
  /**
   * The schema is strict: BFL answers 422 for any field it does not know (FLUX 3 Image, outpainting), so
   * `validate` reports an unknown field (a `seed` carried over from FLUX.2) instead of dropping it.
   */
  readonly strict?: boolean;
  /** Other model-specific fields a form should offer, generated from the schema (e.g. `raw`, `image_prompt_strength`). */
  readonly extraFields: readonly ExtraField[];
}

/** A model-specific field beyond the common ones, described for form generation. */
export type ExtraField =
  | { readonly name: string; readonly kind: "boolean"; readonly label: string; readonly default: boolean }
  | ({ readonly name: string; readonly kind: "integer" | "number"; readonly label: string } & NumberRange)
  | { readonly name: string; readonly kind: "image"; readonly label: string }
  | {
      readonly name: string;
      readonly kind: "choice";
      readonly label: string;
      readonly options: readonly string[];
      readonly default: string;
    };

export type ModelFamily =
  "flux-3" | "flux-2" | "flux-kontext" | "flux-1.1" | "flux-1.0" | "flux-dev" | "flux-tools";

/** A model BFL has deprecated: it still answers, but new integrations should use `replacement`. */
export interface ModelDeprecation {
  /** The model BFL names instead, e.g. `"flux-2-pro"` for Kontext. */
  readonly replacement: string;
  /** BFL's words, e.g. `"legacy editing model"`. */
  readonly note: string;
}

/**
 * What flux-kit knows about one BFL endpoint besides its schema: enough to draw a model picker and a form, pace
 * polling and keep to BFL's caps, without the schemas in the bundle (`getModelInfo`). A `ModelDefinition` is this plus
 * the schema.
 */
export interface ModelInfo<Id extends string = string> {
  /** The path after `/v1/`, e.g. `"flux-2-pro"` or `"flux-tools/erase-v1"`. */
  readonly id: Id;
  /** `"/v1/" + id`. */
  readonly path: `/v1/${Id}`;
  readonly family: ModelFamily;
  /** Display name, e.g. `"FLUX.2 [pro]"`. */
  readonly label: string;
  /** One line for a model picker. */
  readonly description: string;
  /** BFL's cap on active tasks for this endpoint (24; 6 for `flux-kontext-max`). */
  readonly maxConcurrent: number;
  /** Typical time from submit to `Ready`, in ms: the polling policy's prior before it has measurements. */
  readonly typicalDurationMs: number;
  /**
   * How long BFL's signed `result.sample` URL lives when it carries no `se=` expiry: 1 hour for FLUX 3 Image,
   * 10 minutes for the older models (docs/bfl-api.md §8; a community client says about an hour for all, so the
   * client's `deliveryLifetimeMs` option can override it).
   */
  readonly deliveryLifetimeMs: number;
  /** Set when BFL has deprecated the endpoint (Kontext, since 2026); it still works. */
  readonly deprecated?: ModelDeprecation;
  readonly capabilities: ModelCapabilities;
}

/** One BFL endpoint: everything the client, mock, proxy and UI need to know about it, with its schema. */
export interface ModelDefinition<
  Id extends string = string,
  Input extends InputSchema = InputSchema,
> extends ModelInfo<Id> {
  /**
   * Schema of the request body, with BFL's real ranges and defaults: a Standard Schema (forms and validators
   * that take one take it), with its fields in `shape`.
   */
  readonly input: Input;
  /**
   * Checks a request body against `input` (defaults applied, unknown keys dropped) and reports problems the way
   * BFL's 422 does. The client runs it before a submit, so a bundle only carries the checks of the models it
   * imports.
   * @example flux2Pro.validate({ prompt: "a fox", width: 1000 }) // { success: false, issues: [{ type: "multiple_of", … }] }
   */
  readonly validate: (input: unknown) => InputValidation<OutputOf<Input>>;
}

export type { InputValidation } from "./schema";

/**
 * The request body a model definition takes, as a caller writes it: its schema's input type (any object, when
 * the schema says nothing, as for a bare `ModelDefinition`).
 * @example type ProBody = DefinitionInput<typeof flux2Pro> // { prompt: string; width?: number | null; … }
 */
export type DefinitionInput<Def extends ModelDefinition> =
  unknown extends InputOf<Def["input"]> ? Readonly<Record<string, unknown>> : InputOf<Def["input"]>;
