import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { OUTPUT_FORMATS, range } from "./fieldInfo";
import {
  INT_MESSAGE,
  atLeast,
  bool,
  boundedString,
  imageString,
  inRange,
  integer,
  nonEmptyString,
  oneOf,
  urlString,
} from "./fields";
import {
  array,
  checked,
  either,
  nullable,
  nullish,
  number,
  object,
  optional,
  parseInput,
  report,
  string,
  withDefault,
  type Field,
} from "./schema";
import { toInputIssues } from "./toInputIssue";

// Each primitive stands for a zod 4 one. Whatever it reports must be what zod's reports, in pydantic's words
// (`toInputIssues`, the wording a zod schema given to `defineModel` gets): the same issues in the same order, the
// same parsed value, and the same effect on an object's own checks after them (an issue that stops them, one
// that lets them run).

/** zod's answer, worded as BFL's 422. */
const viaZod = (schema: z.ZodMiniType, value: unknown) => {
  const r = z.safeParse(schema, value, { reportInput: true });
  return r.success
    ? { success: true, data: r.data }
    : { success: false, issues: r.error.issues.flatMap(toInputIssues) };
};

/** `undefined` properties dropped: zod writes `input: undefined` where a check leaves it out. */
const plain = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(plain)
    : v && typeof v === "object"
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .map(([k, x]) => [k, plain(x)]),
        )
      : v;

/** `field` in an object with a check of its own, to see whether that check still runs after its issues. */
const inOurObject = (field: Field<unknown>) =>
  object({ field, other: optional(number()) }, undefined, (_value, loc, issues) =>
    report(issues, loc, "value_error", "object-level check ran", null),
  );
const inZodObject = (schema: z.ZodMiniType) =>
  z.object({ field: schema, other: z.optional(z.number()) }).check(
    z.superRefine((_value, ctx) => {
      ctx.issues.push({ code: "custom", message: "object-level check ran", input: null, params: {} });
    }),
  );

const POOL: unknown[] = [
  undefined,
  null,
  "",
  " ",
  "a",
  "abcdef",
  "https://a.example/x.png",
  "not a url",
  `https://${"a".repeat(30)}.example`,
  "😀😀😀😀😀😀",
  "png",
  "PNG",
  0,
  1,
  -1,
  1.5,
  16,
  32,
  255,
  256,
  1024,
  1441,
  Number.NaN,
  Infinity,
  true,
  false,
  [],
  ["a"],
  ["", "a"],
  [1, "b"],
  {},
  { length: 0 },
];

/**
 * zod's length checks also run on a value of the wrong type that has a `length` (an array given to a string
 * field, a string to a list): the one deliberate difference, tested below. `skip` names such values.
 */
const hasLength = (type: "string" | "array") => (v: unknown) =>
  (type === "string" ? typeof v !== "string" : !Array.isArray(v)) &&
  (typeof v === "string" || (typeof v === "object" && v !== null && "length" in v));

/**
 * `ours` and `zods` agree on every value of the pool and any other fast-check draws (but those `skip` names),
 * alone and in an object.
 */
function expectSameAsZod(
  ours: Field<unknown>,
  zods: z.ZodMiniType,
  skip: (v: unknown) => boolean = () => false,
) {
  const value = fc.oneof(fc.constantFrom(...POOL), fc.anything()).filter((v) => !skip(v));
  fc.assert(
    fc.property(value, fc.option(fc.constantFrom("x", 1), { nil: undefined }), (v, other) => {
      expect(parseInput(ours, v)).toEqual(plain(viaZod(zods, v)));
      const body = other === undefined ? { field: v } : { field: v, other };
      expect(parseInput(inOurObject(ours), body)).toEqual(plain(viaZod(inZodObject(zods), body)));
    }),
    { numRuns: 300 },
  );
}

/** `integer()` as zod words it for pydantic: `int_type` for a non-number, `int_from_float` for a fraction. */
const zodInteger = () =>
  z.number({ error: INT_MESSAGE }).check(
    z.superRefine((value, ctx) => {
      if (!Number.isInteger(value))
        ctx.issues.push({
          code: "custom",
          input: value,
          message: `${INT_MESSAGE}, got a number with a fractional part`,
          params: { type: "int_from_float" },
          continue: false,
        });
    }),
  );

/** Beyond 2⁴⁰ zod's `multipleOf` tolerance calls odd numbers multiples of 32: the difference tested below. */
const huge = (v: unknown) => typeof v === "number" && Math.abs(v) > 2 ** 40;

describe("the schema primitives report what zod's own would", () => {
  it("string, number, boolean", () => {
    expectSameAsZod(string(), z.string());
    expectSameAsZod(number(), z.number());
    expectSameAsZod(bool(), z.boolean());
  });

  it("integer: like z.number() with pydantic's integer issues, its range like z.gte + z.lte + z.multipleOf", () => {
    expectSameAsZod(integer(), zodInteger());
    const r = range(256, 1440, 1024, 32);
    expectSameAsZod(
      checked(integer(), inRange(r)),
      zodInteger().check(z.gte(r.min), z.lte(r.max), z.multipleOf(32)),
      huge,
    );
    expectSameAsZod(checked(integer(), atLeast(64)), zodInteger().check(z.gte(64)));
    const f = range(1.5, 10, 5);
    expectSameAsZod(checked(number(), inRange(f)), z.number().check(z.gte(1.5), z.lte(10)));
  });

  it("optional, nullable, nullish and withDefault: like their zod namesakes", () => {
    expectSameAsZod(optional(integer()), z.optional(zodInteger()));
    expectSameAsZod(nullable(string()), z.nullable(z.string()));
    expectSameAsZod(nullish(bool()), z.optional(z.nullable(z.boolean())));
    expectSameAsZod(withDefault(nullable(integer()), 7), z._default(z.nullable(zodInteger()), 7));
  });

  it("nonEmptyString, imageString (under its size cap) and boundedString: like z.minLength / z.maxLength", () => {
    const notString = hasLength("string");
    expectSameAsZod(nonEmptyString(), z.string().check(z.minLength(1)), notString);
    expectSameAsZod(imageString(), z.string().check(z.minLength(1)), notString);
    expectSameAsZod(boundedString(5), z.string().check(z.minLength(1), z.maxLength(5)), notString);
  });

  it("urlString: like z.minLength(1) + z.maxLength(n) + a URL check", () => {
    const zods = z.string().check(
      z.minLength(1),
      z.maxLength(24),
      z.superRefine((value, ctx) => {
        if (!value) return;
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
    expectSameAsZod(urlString(24), zods, hasLength("string"));
  });

  it("oneOf: like z.enum, and like z.literal for one value", () => {
    expectSameAsZod(
      withDefault(nullable(oneOf(OUTPUT_FORMATS)), "png"),
      z._default(z.nullable(z.enum(OUTPUT_FORMATS)), "png"),
    );
    expectSameAsZod(oneOf(["auto"]), z.literal("auto"));
  });

  it("array with a length check, and either: like z.array and z.union", () => {
    const ours = checked(array(string()), (list, loc, issues) => {
      if (list.length > 1)
        report(issues, loc, "less_than_equal", "Input should be less than or equal to 1", list, { le: 1 });
    });
    // a check after the items, as FLUX 3's `images` has (zod's own `z.maxLength` runs before them, and stops them)
    const zods = z.array(z.string()).check(
      z.superRefine((list, ctx) => {
        if (list.length > 1)
          ctx.issues.push({ code: "too_big", origin: "array", maximum: 1, inclusive: true, input: list });
      }),
    );
    expectSameAsZod(ours, zods, hasLength("array"));
    expectSameAsZod(
      either(nonEmptyString(), (v) => typeof v === "string", ours, Array.isArray),
      z.union([z.string().check(z.minLength(1)), zods]),
    );
  });

  it("object and object(…, strict): like z.object (unknown keys dropped) and z.strictObject", () => {
    const shape = { a: string(), b: withDefault(integer(), 3), c: optional(bool()) };
    const zodShape = {
      a: z.string(),
      b: z._default(zodInteger(), 3),
      c: z.optional(z.boolean()),
    };
    const body = fc.dictionary(fc.constantFrom("a", "b", "c", "d"), fc.constantFrom(...POOL), { maxKeys: 4 });
    fc.assert(
      fc.property(fc.oneof(body, fc.constantFrom(...POOL)), (v) => {
        expect(parseInput(object(shape), v)).toEqual(plain(viaZod(z.object(zodShape), v)));
        expect(parseInput(object(shape, "strict"), v)).toEqual(plain(viaZod(z.strictObject(zodShape), v)));
      }),
      { numRuns: 500 },
    );
  });
});

describe("where the string checks deliberately differ from zod's", () => {
  // zod's length checks still run after `invalid_type` on anything with a `.length` (an array, `{ length: 0 }`),
  // adding a length issue about a value that is not a string at all. Pydantic reports only the type error, and
  // so do these checks.
  it.each([[[]], [Array.from({ length: 30 }, () => 1)], [{ length: 0 }]])(
    "a non-string with a length gets only the type issue: %j",
    (value) => {
      for (const field of [nonEmptyString(), imageString(), urlString(10)]) {
        const r = parseInput(field, value);
        expect(r.success).toBe(false);
        expect(!r.success && r.issues.map((issue) => issue.type)).toEqual(["string_type"]);
      }
    },
  );
});

describe("where the number checks deliberately differ from zod's", () => {
  // zod's `multipleOf` allows a relative error of a few epsilons, which past 2⁴⁰ is more than 1: it calls
  // 1280016331892927 (odd) a multiple of 32. An integer step here is checked exactly.
  it.each([1280016331892927, -1280016331892927, 2 ** 52 + 1])("%d is not a multiple of 32", (value) => {
    expect(z.safeParse(z.number().check(z.multipleOf(32)), value).success).toBe(true);
    const r = parseInput(checked(integer(), inRange(range(-Infinity, Infinity, 0, 32))), value);
    expect(!r.success && r.issues.map((issue) => issue.type)).toEqual(["multiple_of"]);
  });
});
