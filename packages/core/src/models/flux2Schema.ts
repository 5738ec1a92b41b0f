import {
  bool,
  integer,
  commonFields,
  inputImages4,
  inputImages8,
  nullableBoolField,
  nullableIntField,
  nullableNumberField,
  outputFormatField,
  nonEmptyString,
  intField,
} from "./fields";
import {
  FLUX2_DEFAULT_SIDE,
  FLUX2_FLEX_GUIDANCE,
  FLUX2_FLEX_STEPS,
  FLUX2_MAX_PIXELS,
  FLUX2_SAFETY,
  FLUX2_SIDE,
} from "./flux2Info";
import {
  checked,
  nullish,
  object,
  report,
  reportBound,
  reportMultiple,
  type FieldsShape,
  type Issue,
  type Loc,
} from "./schema";

/** A FLUX.2 side: 0 or null mean "auto" (the server picks, e.g. the input image's size). */
/* @__NO_SIDE_EFFECTS__ */
const flux2Side = () =>
  nullish(
    checked(integer(), (v, loc, issues) => {
      if (v === 0) return;
      if (v < FLUX2_SIDE.min) reportBound(issues, loc, { ge: FLUX2_SIDE.min }, v);
      if (v % 16 !== 0) reportMultiple(issues, loc, 16, v);
    }),
  );

/* @__NO_SIDE_EFFECTS__ */
const flux2Fields = () => ({
  prompt: nonEmptyString(),
  width: flux2Side(),
  height: flux2Side(),
  safety_tolerance: intField(FLUX2_SAFETY),
  output_format: outputFormatField("jpeg"),
  ...commonFields(),
});

interface Sized {
  width?: number | null | undefined;
  height?: number | null | undefined;
}

/* @__NO_SIDE_EFFECTS__ */
const hasInputImage = (value: object): boolean =>
  Object.entries(value).some(([k, v]) => k.startsWith("input_image") && v != null && v !== "");

/**
 * Text-to-image defaults to 1024 × 1024 when a side is omitted. With an input image the sides stay unset, so
 * BFL matches the input image's size, as documented.
 */
/* @__NO_SIDE_EFFECTS__ */
const defaultSize = <T extends Sized>(value: T): T =>
  hasInputImage(value)
    ? value
    : {
        ...value,
        width: value.width === undefined ? FLUX2_DEFAULT_SIDE : value.width,
        height: value.height === undefined ? FLUX2_DEFAULT_SIDE : value.height,
      };

/** `width × height ≤ 4 MP`, reported on both fields like a pydantic model validator. */
const areaCheck = (value: Sized, loc: Loc, issues: Issue[]) => {
  const { width: w, height: h } = value;
  if (typeof w !== "number" || typeof h !== "number" || !(w > 0 && h > 0) || w * h <= FLUX2_MAX_PIXELS)
    return;
  for (const field of ["width", "height"])
    report(
      issues,
      [...loc, field],
      "value_error",
      `Value error, width × height must be at most ${FLUX2_MAX_PIXELS} pixels (4 MP); got ${w} × ${h} = ${w * h}`,
      field === "width" ? w : h,
      { max_pixels: FLUX2_MAX_PIXELS, pixels: w * h },
    );
};

/** A FLUX.2 body: the sizes default to 1024 for text-to-image, then their area is checked. */
/* @__NO_SIDE_EFFECTS__ */
const flux2Object = <S extends FieldsShape>(shape: S) =>
  object(shape, undefined, (value) => defaultSize(value as typeof value & Sized), areaCheck);

// Built inside functions (not with spreads at module level) so bundlers can drop the unused ones.
/* @__NO_SIDE_EFFECTS__ */
const buildFlux2 = () =>
  flux2Object({
    ...flux2Fields(),
    ...inputImages8(),
    /**
     * `true` renders the prompt exactly as written; by default [pro] and [max] upsample it first (docs/bfl-api.md,
     * 2026 addendum §4.1). Omitted unless set, so BFL's default applies.
     */
    disable_pup: nullish(bool()),
  });
/* @__NO_SIDE_EFFECTS__ */
const buildFlex = () =>
  flux2Object({
    ...flux2Fields(),
    ...inputImages8(),
    steps: nullableIntField(FLUX2_FLEX_STEPS),
    guidance: nullableNumberField(FLUX2_FLEX_GUIDANCE),
    prompt_upsampling: nullableBoolField(true),
  });
/* @__NO_SIDE_EFFECTS__ */
const buildKlein = () => flux2Object({ ...flux2Fields(), ...inputImages4() });

// Each schema's type is named once, so declarations refer to it instead of spelling it out for every model.

/** The schema type of `Flux2Inputs`. */
export interface Flux2InputSchema extends ReturnType<typeof buildFlux2> {}
/** The schema type of `Flux2FlexInputs`. */
export interface Flux2FlexInputSchema extends ReturnType<typeof buildFlex> {}
/** The schema type of `Flux2KleinInputs`. */
export interface Flux2KleinInputSchema extends ReturnType<typeof buildKlein> {}

/** `Flux2Inputs`: flux-2-pro, flux-2-pro-preview, flux-2-max (with `disable_pup`). */
export const flux2Input: Flux2InputSchema = /* @__PURE__ */ buildFlux2();

/** `Flux2FlexInputs`: `Flux2Inputs` plus `steps`, `guidance` and `prompt_upsampling` (default true). */
export const flux2FlexInput: Flux2FlexInputSchema = /* @__PURE__ */ buildFlex();

/** `Flux2KleinInputs`: like `Flux2Inputs` with at most 4 input images. */
export const flux2KleinInput: Flux2KleinInputSchema = /* @__PURE__ */ buildKlein();
