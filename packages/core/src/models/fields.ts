import { MAX_IMAGE_BYTES, OUTPUT_FORMATS, base64Bytes } from "./fieldInfo";
import {
  boolean,
  checked,
  nullable,
  nullish,
  number,
  report,
  reportBound,
  reportMultiple,
  INT_MESSAGE,
  string,
  typed,
  withDefault,
  type Check,
  type Field,
} from "./schema";
import type { NumberRange, OutputFormat } from "./types";

/**
 * The fields every model schema is made of, from the primitives in `schema`, so the catalogue stays short and
 * consistent. Ranges are `NumberRange` values (in `fieldInfo`, with no schema), shared by the schema and by
 * `capabilities`, so the two cannot drift apart.
 */

export { INT_MESSAGE } from "./schema";

/**
 * An integer, reported like pydantic: `int_type` for non-numbers, `int_from_float` for fractions (and then no
 * further range issues).
 */
/* @__NO_SIDE_EFFECTS__ */
export const integer = (): Field<number> =>
  checked(typed<number>("int_type", INT_MESSAGE, Number.isFinite), (value, loc, issues) => {
    if (!Number.isInteger(value))
      report(issues, loc, "int_from_float", `${INT_MESSAGE}, got a number with a fractional part`, value);
  });

/** `value ≥ min`, as `z.gte(min)` reports it (the checks after it still run). */
/* @__NO_SIDE_EFFECTS__ */
export const atLeast =
  (min: number): Check<number> =>
  (value, loc, issues) => {
    if (value < min) reportBound(issues, loc, { ge: min }, value, true);
  };

/**
 * Within `r` (and a multiple of its integer `step`, if set), reported as `z.gte` / `z.lte` / `z.multipleOf`
 * would, in the same order.
 */
/* @__NO_SIDE_EFFECTS__ */
export const inRange =
  (r: NumberRange): Check<number> =>
  (value, loc, issues) => {
    atLeast(r.min)(value, loc, issues);
    if (value > r.max) reportBound(issues, loc, { le: r.max }, value, true);
    if (r.step && value % r.step) reportMultiple(issues, loc, r.step, value, true);
  };

/** An integer within `r` (and a multiple of `r.step`, if set). */
/* @__NO_SIDE_EFFECTS__ */
export const intIn = (r: NumberRange) => checked(integer(), inRange(r));

/** An integer field within `r`, defaulting to `r.default`. */
/* @__NO_SIDE_EFFECTS__ */
export const intField = (r: NumberRange) => withDefault(intIn(r), r.default);

/** An integer-or-null field within `r`, defaulting to `r.default` when omitted. */
/* @__NO_SIDE_EFFECTS__ */
export const nullableIntField = (r: NumberRange) => withDefault(nullable(intIn(r)), r.default);

/** A number within `r`. */
/* @__NO_SIDE_EFFECTS__ */
export const numberIn = (r: NumberRange) => checked(number(), inRange(r));

/** A number field within `r`, defaulting to `r.default`. */
/* @__NO_SIDE_EFFECTS__ */
export const numberField = (r: NumberRange) => withDefault(numberIn(r), r.default);

/** A number-or-null field within `r`, defaulting to `r.default` when omitted. */
/* @__NO_SIDE_EFFECTS__ */
export const nullableNumberField = (r: NumberRange) => withDefault(nullable(numberIn(r)), r.default);

/** A boolean. */
export const bool = boolean;

/** A boolean field with a default. */
/* @__NO_SIDE_EFFECTS__ */
export const boolField = (def: boolean) => withDefault(bool(), def);

/** A boolean-or-null field, defaulting when omitted. */
/* @__NO_SIDE_EFFECTS__ */
export const nullableBoolField = (def: boolean) => withDefault(nullable(bool()), def);

const quote = (value: string) => `'${value}'`;

/**
 * One of `values`, as `z.enum(values)` (or `z.literal` for one): pydantic's `enum` (or `literal_error`) issue
 * listing them, `"'a', 'b' or 'c'"`, for any input type.
 */
/* @__NO_SIDE_EFFECTS__ */
export const oneOf = <const T extends readonly string[]>(values: T): Field<T[number]> => ({
  run: (value, loc, issues) => {
    if (!values.includes(value as string)) {
      const q = values.map(quote);
      const expected = q.length > 1 ? `${q.slice(0, -1).join(", ")} or ${q.at(-1)}` : (q[0] ?? "");
      report(issues, loc, q.length === 1 ? "literal_error" : "enum", `Input should be ${expected}`, value, {
        expected,
      });
    }
    return value as T[number];
  },
});

/** `output_format`: jpeg | png | webp | null, with a per-model default. */
/* @__NO_SIDE_EFFECTS__ */
export const outputFormatField = (def: OutputFormat) => withDefault(nullable(oneOf(OUTPUT_FORMATS)), def);

/** At least one character and at most `max` code points, as `z.minLength(1)` and `z.maxLength(max)` report it. */
/* @__NO_SIDE_EFFECTS__ */
const lengthIn =
  (max = Infinity): Check<string> =>
  (value, loc, issues) => {
    if (!value)
      report(
        issues,
        loc,
        "string_too_short",
        "String should have at least 1 character",
        value,
        { min_length: 1 },
        true,
      );
    else if (value.length > max && [...value].length > max)
      report(
        issues,
        loc,
        "string_too_long",
        `String should have at most ${max} characters`,
        value,
        { max_length: max },
        true,
      );
  };

/** A non-empty string: a required prompt (FLUX.2, Kontext, try-on). */
/* @__NO_SIDE_EFFECTS__ */
export const nonEmptyString = () => checked(string(), lengthIn());

/** An optional prompt that defaults to `""` (FLUX1.x endpoints). */
/* @__NO_SIDE_EFFECTS__ */
export const optionalPrompt = () => withDefault(nullable(string()), "");

/** An image given as an http(s) URL or base64 (optionally a data URI), at most `MAX_IMAGE_BYTES` decoded. */
/* @__NO_SIDE_EFFECTS__ */
export const imageString = () =>
  checked(string(), (value, loc, issues) => {
    if (!value) return lengthIn()(value, loc, issues);
    const bytes = base64Bytes(value);
    if (bytes <= MAX_IMAGE_BYTES) return;
    const mb = (bytes / 1024 / 1024).toFixed(1);
    report(
      issues,
      loc,
      "image_too_large",
      `Image is ${mb} MB; at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB is accepted. Resize or compress it, or pass a URL.`,
      undefined,
      { max_bytes: MAX_IMAGE_BYTES, bytes },
    );
  });

/** An optional, nullable image field. */
/* @__NO_SIDE_EFFECTS__ */
export const optionalImage = () => nullish(imageString());

/** `input_image` … `input_image_4`. */
/* @__NO_SIDE_EFFECTS__ */
export const inputImages4 = () => ({
  input_image: optionalImage(),
  input_image_2: optionalImage(),
  input_image_3: optionalImage(),
  input_image_4: optionalImage(),
});

/** `input_image` … `input_image_8`. */
/* @__NO_SIDE_EFFECTS__ */
export const inputImages8 = () => ({
  ...inputImages4(),
  input_image_5: optionalImage(),
  input_image_6: optionalImage(),
  input_image_7: optionalImage(),
  input_image_8: optionalImage(),
});

/** An absolute URL of 1–`maxLength` characters (code points), `url_parsing` otherwise, as `z.url()` reports. */
/* @__NO_SIDE_EFFECTS__ */
export const urlString = (maxLength: number) =>
  checked(string(), (value, loc, issues) => {
    lengthIn(maxLength)(value, loc, issues);
    if (!value) return;
    try {
      new URL(value);
    } catch {
      report(issues, loc, "url_parsing", "Input should be a valid URL", value);
    }
  });

/** A string of 1–`maxLength` characters (code points). */
/* @__NO_SIDE_EFFECTS__ */
export const boundedString = (maxLength: number) => checked(string(), lengthIn(maxLength));

/**
 * `user`: an opaque id of your end user (1–256 characters) that BFL records with the task, on every generation
 * schema since 2026-09 except FLUX 3 Image (docs/bfl-api.md, 2026 addendum §4.2).
 */
/* @__NO_SIDE_EFFECTS__ */
export const userField = () => nullish(boundedString(256));

/** `webhook_url` (URI, 1–2083 chars) and `webhook_secret`. */
/* @__NO_SIDE_EFFECTS__ */
export const webhookFields = () => ({
  webhook_url: nullish(urlString(2083)),
  webhook_secret: nullish(string()),
});

/** An optional `seed`. */
/* @__NO_SIDE_EFFECTS__ */
export const seedField = () => nullish(integer());

/** `seed`, the webhook fields and `user`: accepted by every endpoint but FLUX 3 Image and outpainting. */
/* @__NO_SIDE_EFFECTS__ */
export const commonFields = () => ({
  seed: seedField(),
  ...webhookFields(),
  user: userField(),
});
