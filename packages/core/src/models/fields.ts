import * as z from "zod/mini";
import { MAX_IMAGE_BYTES, OUTPUT_FORMATS, base64Bytes } from "./fieldInfo";
import type { NumberRange, OutputFormat } from "./types";

/**
 * Small zod/mini builders every model schema is made of, so the catalogue stays short and consistent. Ranges are
 * `NumberRange` values (in `fieldInfo`, with no zod), shared by the schema and by `capabilities`, so the two
 * cannot drift apart.
 */

/** Message of an integer field's type issue; `toInputIssue` recognises it to report `int_type`. */
export const INT_MESSAGE = "Input should be a valid integer";

/**
 * A custom check `fn(value, ctx)` that reports by pushing raw issues onto `ctx.issues`: what `z.superRefine`
 * does, without the `addIssue` closure zod allocates on every run of every superRefine (the proxy validates each
 * submit, so this is on its hot path), and smaller in the bundle.
 */
/* @__NO_SIDE_EFFECTS__ */
export const customCheck = <T>(fn: (value: T, ctx: z.core.ParsePayload<T>) => void) =>
  z.check<T>((payload) => fn(payload.value, payload));

/**
 * An integer, reported like pydantic: `int_type` for non-numbers, `int_from_float` for fractions (and then no
 * further range issues). Cheaper in the bundle than `z.int()`.
 */
/* @__NO_SIDE_EFFECTS__ */
export const integer = () =>
  z.number({ error: INT_MESSAGE }).check(
    customCheck((value, ctx) => {
      if (Number.isInteger(value)) return;
      ctx.issues.push({
        code: "custom",
        input: value,
        message: `${INT_MESSAGE}, got a number with a fractional part`,
        params: { type: "int_from_float" },
        continue: false,
      });
    }),
  );

/**
 * Within `r` (and a multiple of its integer `step`, if set), as one check that reports the very issues
 * `z.gte` / `z.lte` / `z.multipleOf` would (`too_small`, `too_big`, `not_multiple_of`), in the same order.
 * Cheaper in the bundle than those three checks.
 */
/* @__NO_SIDE_EFFECTS__ */
export const inRange = (r: NumberRange) =>
  customCheck<number>((input, ctx) => {
    if (input < r.min)
      ctx.issues.push({
        code: "too_small",
        origin: "number",
        minimum: r.min,
        inclusive: true,
        input,
        continue: true,
      });
    if (input > r.max)
      ctx.issues.push({
        code: "too_big",
        origin: "number",
        maximum: r.max,
        inclusive: true,
        input,
        continue: true,
      });
    if (r.step && input % r.step)
      ctx.issues.push({ code: "not_multiple_of", origin: "number", divisor: r.step, input, continue: true });
  });

/** An integer within `r` (and a multiple of `r.step`, if set). */
/* @__NO_SIDE_EFFECTS__ */
export const intIn = (r: NumberRange) => integer().check(inRange(r));

/** An integer field within `r`, defaulting to `r.default`. */
/* @__NO_SIDE_EFFECTS__ */
export const intField = (r: NumberRange) => z._default(intIn(r), r.default);

/** An integer-or-null field within `r`, defaulting to `r.default` when omitted. */
/* @__NO_SIDE_EFFECTS__ */
export const nullableIntField = (r: NumberRange) => z._default(z.nullable(intIn(r)), r.default);

/** A number within `r`. */
/* @__NO_SIDE_EFFECTS__ */
export const numberIn = (r: NumberRange) => z.number().check(inRange(r));

/** A number field within `r`, defaulting to `r.default`. */
/* @__NO_SIDE_EFFECTS__ */
export const numberField = (r: NumberRange) => z._default(numberIn(r), r.default);

/** A number-or-null field within `r`, defaulting to `r.default` when omitted. */
/* @__NO_SIDE_EFFECTS__ */
export const nullableNumberField = (r: NumberRange) => z._default(z.nullable(numberIn(r)), r.default);

/**
 * A boolean, reported as `z.boolean()` would (`invalid_type`, expected `boolean`). Cheaper in the bundle: nothing
 * else here needs zod's boolean schema.
 */
/* @__NO_SIDE_EFFECTS__ */
export const bool = () =>
  z.unknown().check(
    customCheck((input, ctx) => {
      if (typeof input !== "boolean") ctx.issues.push({ code: "invalid_type", expected: "boolean", input });
    }),
  ) as unknown as z.ZodMiniType<boolean, boolean>;

/** A boolean field with a default. */
/* @__NO_SIDE_EFFECTS__ */
export const boolField = (def: boolean) => z._default(bool(), def);

/** A boolean-or-null field, defaulting when omitted. */
/* @__NO_SIDE_EFFECTS__ */
export const nullableBoolField = (def: boolean) => z._default(z.nullable(bool()), def);

/**
 * One of `values`, checked and reported as `z.enum(values)` would (`invalid_value` listing them, for any input
 * type). Much cheaper in the bundle than `z.enum`, whose machinery nothing else here needs.
 */
/* @__NO_SIDE_EFFECTS__ */
export const oneOf = <const T extends readonly string[]>(values: T) =>
  z.unknown().check(
    customCheck((input, ctx) => {
      if (!values.includes(input as string))
        ctx.issues.push({ code: "invalid_value", values: [...values], input });
    }),
  ) as unknown as z.ZodMiniType<T[number], T[number]>;

/** `output_format`: jpeg | png | webp | null, with a per-model default. */
/* @__NO_SIDE_EFFECTS__ */
export const outputFormatField = (def: OutputFormat) => z._default(z.nullable(oneOf(OUTPUT_FORMATS)), def);

/** `too_small` for an empty string: the issue `z.minLength(1)` reports, from a check that costs less. */
const empty = (input: string): z.core.$ZodRawIssue => ({
  code: "too_small",
  origin: "string",
  minimum: 1,
  inclusive: true,
  input,
  continue: true,
});

/** A non-empty string (reported like `z.minLength(1)`): a required prompt (FLUX.2, Kontext, try-on). */
/* @__NO_SIDE_EFFECTS__ */
export const nonEmptyString = () =>
  z.string().check(
    customCheck((input, ctx) => {
      if (!input) ctx.issues.push(empty(input));
    }),
  );

/** An optional prompt that defaults to `""` (FLUX1.x endpoints). */
/* @__NO_SIDE_EFFECTS__ */
export const optionalPrompt = () => z._default(z.nullable(z.string()), "");

/** An image given as an http(s) URL or base64 (optionally a data URI), at most `MAX_IMAGE_BYTES` decoded. */
/* @__NO_SIDE_EFFECTS__ */
export const imageString = () =>
  z.string().check(
    customCheck((value, ctx) => {
      if (!value) return void ctx.issues.push(empty(value));
      const bytes = base64Bytes(value);
      if (bytes <= MAX_IMAGE_BYTES) return;
      const mb = (bytes / 1024 / 1024).toFixed(1);
      ctx.issues.push({
        code: "custom",
        input: value,
        message: `Image is ${mb} MB; at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB is accepted. Resize or compress it, or pass a URL.`,
        params: { type: "image_too_large", ctx: { max_bytes: MAX_IMAGE_BYTES, bytes }, hideInput: true },
      });
    }),
  );

/** An optional, nullable image field. */
/* @__NO_SIDE_EFFECTS__ */
export const optionalImage = () => z.optional(z.nullable(imageString()));

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

/**
 * An absolute URL of 1–`maxLength` characters (`url_parsing` issue otherwise), reported as `z.minLength(1)` and
 * `z.maxLength(maxLength)` would (lengths in code points). Cheaper than `z.url()` and those checks.
 */
/* @__NO_SIDE_EFFECTS__ */
export const urlString = (maxLength: number) =>
  z.string().check(
    customCheck((value, ctx) => {
      if (!value) return void ctx.issues.push(empty(value));
      if (value.length > maxLength && [...value].length > maxLength)
        ctx.issues.push(tooLong(value, maxLength));
      try {
        new URL(value);
      } catch {
        ctx.issues.push({
          code: "custom",
          input: value,
          message: "Input should be a valid URL",
          params: { type: "url_parsing" },
        });
      }
    }),
  );

/** `too_big` for a string longer than `maximum` code points, as `z.maxLength(maximum)` reports it. */
const tooLong = (input: string, maximum: number): z.core.$ZodRawIssue => ({
  code: "too_big",
  origin: "string",
  maximum,
  inclusive: true,
  input,
  continue: true,
});

/** A string of 1–`maxLength` characters (code points), reported as `z.minLength(1)` / `z.maxLength` would. */
/* @__NO_SIDE_EFFECTS__ */
export const boundedString = (maxLength: number) =>
  z.string().check(
    customCheck((value, ctx) => {
      if (!value) ctx.issues.push(empty(value));
      else if (value.length > maxLength && [...value].length > maxLength)
        ctx.issues.push(tooLong(value, maxLength));
    }),
  );

/**
 * `user`: an opaque id of your end user (1–256 characters) that BFL records with the task, on every generation
 * schema since 2026-09 except FLUX 3 Image (docs/bfl-api.md, 2026 addendum §4.2).
 */
/* @__NO_SIDE_EFFECTS__ */
export const userField = () => z.optional(z.nullable(boundedString(256)));

/** `webhook_url` (URI, 1–2083 chars) and `webhook_secret`. */
/* @__NO_SIDE_EFFECTS__ */
export const webhookFields = () => ({
  webhook_url: z.optional(z.nullable(urlString(2083))),
  webhook_secret: z.optional(z.nullable(z.string())),
});

/** An optional `seed`. */
/* @__NO_SIDE_EFFECTS__ */
export const seedField = () => z.optional(z.nullable(integer()));

/** `seed`, the webhook fields and `user`: accepted by every endpoint but FLUX 3 Image and outpainting. */
/* @__NO_SIDE_EFFECTS__ */
export const commonFields = () => ({
  seed: seedField(),
  ...webhookFields(),
  user: userField(),
});
