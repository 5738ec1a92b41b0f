import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { bool, imageString, inRange, integer, nonEmptyString, oneOf, urlString } from "./fields";
import { OUTPUT_FORMATS, range } from "./fieldInfo";

// The builders replace zod's own checks and schemas with smaller custom ones. Whatever they report must be what
// zod's would: the same issues in the same order, and the same effect on the object-level checks after them
// (an issue that aborts stops those checks, one that continues does not).

/** Issues with `inst` (the check instance, which differs by construction) blanked. */
const issuesOf = (schema: z.ZodMiniType, value: unknown): unknown => {
  const r = z.safeParse(schema, value, { reportInput: true });
  return r.success ? r.data : r.error.issues.map((issue) => ({ ...issue, inst: undefined }));
};

/** `schema` as a field of an object that has its own check, to see whether that check still runs. */
const inObject = (schema: z.ZodMiniType) =>
  z.object({ field: schema, other: z.optional(z.number()) }).check(
    z.superRefine((_value, ctx) => {
      ctx.issues.push({ code: "custom", message: "object-level check ran", input: null });
    }),
  );

function expectSameAsZod(cheap: z.ZodMiniType, zods: z.ZodMiniType, values: readonly unknown[]) {
  for (const value of values) {
    expect(issuesOf(cheap, value)).toEqual(issuesOf(zods, value));
    for (const body of [{ field: value }, { field: value, other: "x" }])
      expect(issuesOf(inObject(cheap), body)).toEqual(issuesOf(inObject(zods), body));
  }
}

describe("bundle-cheap checks report what zod's own would", () => {
  it("inRange: like z.gte + z.lte + z.multipleOf, after integer()'s own issues", () => {
    const r = range(256, 1440, 1024, 32);
    expectSameAsZod(
      integer().check(inRange(r)),
      integer().check(z.gte(r.min), z.lte(r.max), z.multipleOf(32)),
      [
        256,
        1024,
        1440,
        0,
        255,
        257,
        1441,
        2000,
        -32,
        288.5,
        1.5,
        "512",
        null,
        Number.NaN,
        Infinity,
        undefined,
      ],
    );
    const f = range(1.5, 10, 5);
    expectSameAsZod(z.number().check(inRange(f)), z.number().check(z.gte(1.5), z.lte(10)), [
      1.5,
      10,
      1,
      10.5,
      "x",
    ]);
  });

  it("nonEmptyString and imageString: like z.minLength(1)", () => {
    const values = ["", "a", 1, null, undefined];
    expectSameAsZod(nonEmptyString(), z.string().check(z.minLength(1)), values);
    expectSameAsZod(imageString(), z.string().check(z.minLength(1)), values);
  });

  it("urlString: like z.minLength(1) + z.maxLength(n) + the URL check", () => {
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
    expectSameAsZod(urlString(24), zods, [
      "",
      "https://a.example",
      "not a url",
      `https://${"a".repeat(30)}.example`,
      "x".repeat(30),
      `https://a.example/${"😀".repeat(3)}`,
      3,
    ]);
  });

  it("oneOf: like z.enum", () => {
    expectSameAsZod(
      z._default(z.nullable(oneOf(OUTPUT_FORMATS)), "png"),
      z._default(z.nullable(z.enum(OUTPUT_FORMATS)), "png"),
      ["jpeg", "png", "webp", "gif", "PNG", 5, null, undefined],
    );
  });

  it("bool: like z.boolean()", () => {
    expectSameAsZod(z._default(z.nullable(bool()), true), z._default(z.nullable(z.boolean()), true), [
      true,
      false,
      "true",
      1,
      {},
      null,
      undefined,
    ]);
  });
});

describe("where the custom string checks deliberately differ from zod's", () => {
  // zod's length checks still run after `invalid_type` on anything with a `.length` (an array, `{ length: 0 }`),
  // adding a length issue about a value that is not a string at all. Pydantic reports only the type error, and
  // so do these checks.
  it.each([[[]], [Array.from({ length: 30 }, () => 1)], [{ length: 0 }]])(
    "a non-string with a length gets only the type issue: %j",
    (value) => {
      for (const schema of [nonEmptyString(), imageString(), urlString(10)]) {
        const r = z.safeParse(schema, value);
        expect(r.success).toBe(false);
        expect(r.error?.issues.map((issue) => issue.code)).toEqual(["invalid_type"]);
      }
    },
  );
});
