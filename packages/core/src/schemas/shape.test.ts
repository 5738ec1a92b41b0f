import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { locToPath } from "../models/fieldErrors";
import { toInputIssue } from "../models/toInputIssue";
import { safeParseCreditsResponse } from "./creditsResponse";
import { safeParseResultResponse } from "./resultResponse";
import { looseObject, nonEmpty, nullish, number, parseShape, string, unknown, type Shape } from "./shape";
import { safeParseSubmitResponse } from "./submitResponse";
import { statusOutcome } from "./taskStatus";

// The zod/mini schemas these checks stand for, worded through `toInputIssue` as the models' issues are.
const summarize = (issues: readonly z.core.$ZodIssue[]) => {
  const parts = issues.slice(0, 3).map((issue) => {
    const { loc, msg } = toInputIssue(issue);
    const path = locToPath(loc);
    return path ? `${path}: ${msg}` : msg;
  });
  return parts.join("; ") + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : "");
};
const viaZod = (schema: z.ZodMiniType, json: unknown) => {
  const r = z.safeParse(schema, json, { reportInput: true });
  return r.success
    ? { success: true as const, data: r.data }
    : { success: false as const, error: summarize(r.error.issues) };
};
const viaShape = (shape: Shape<unknown>, json: unknown) => parseShape(shape, json, (v) => v);

/** The zod schemas of the answers' own checks. */
const nonEmptyString = () =>
  z.string().check(
    z.superRefine((input, ctx) => {
      if (!input)
        ctx.issues.push({
          code: "too_small",
          origin: "string",
          minimum: 1,
          inclusive: true,
          input,
          continue: true,
        });
    }),
  );

const zodNullable = (schema: z.ZodMiniType) => z.optional(z.nullable(schema));
const usage = {
  cost: zodNullable(z.number()),
  input_mp: zodNullable(z.number()),
  output_mp: zodNullable(z.number()),
};
const zodSubmit = z
  .looseObject({
    id: nonEmptyString(),
    polling_url: zodNullable(nonEmptyString()),
    status: zodNullable(z.string()),
    webhook_url: zodNullable(z.string()),
    ...usage,
  })
  .check(
    z.refine((v) => !!v.polling_url || !!v.webhook_url, {
      path: ["polling_url"],
      message: "Field required (neither polling_url nor webhook_url was given)",
    }),
  );
const zodSample = z.looseObject({
  sample: nonEmptyString(),
  prompt: zodNullable(z.string()),
  seed: zodNullable(z.number()),
  start_time: zodNullable(z.number()),
  end_time: zodNullable(z.number()),
  duration: zodNullable(z.number()),
});
const zodResult = z
  .looseObject({
    id: z.string(),
    status: z.string(),
    result: z.optional(z.unknown()),
    progress: zodNullable(z.number()),
    details: z.optional(z.unknown()),
    preview: z.optional(z.unknown()),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (statusOutcome(v.status) !== "ready") return;
      const parsed = z.safeParse(zodSample, v.result, { reportInput: true });
      for (const issue of parsed.error?.issues ?? [])
        ctx.issues.push({ ...issue, path: ["result", ...issue.path] } as z.core.$ZodRawIssue);
    }),
  );

// JSON-ish values, biased towards the shapes' own keys and the values that trip them
const scalar = fc.oneof(
  fc.constantFrom("", "t", "Ready", "ready ", "Pending", "https://a/p", null, 0, 1.5, -1, true, false),
  fc.string({ maxLength: 4 }),
  fc.double({ noNaN: false }),
  fc.constant(undefined),
);
const leaf = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 2 }),
);
const keys = (...names: string[]) =>
  fc
    .record(Object.fromEntries(names.map((n) => [n, leaf])), { requiredKeys: [] })
    .chain((base) =>
      fc.record({ extra: scalar }, { requiredKeys: [] }).map((extra) => ({ ...base, ...extra })),
    );
const sampleLike = fc.oneof(keys("sample", "prompt", "seed", "start_time", "end_time", "duration"), scalar);

describe("the answer checks stand for zod's primitives", () => {
  it.each([
    ["string", string, z.string()],
    ["number", number, z.number()],
    ["nonEmpty", nonEmpty, nonEmptyString()],
    ["unknown (an optional field)", unknown, z.optional(z.unknown())],
    ["nullish(number)", nullish(number), zodNullable(z.number())],
    ["nullish(nonEmpty)", nullish(nonEmpty), zodNullable(nonEmptyString())],
  ] as const)("%s, alone and as a field", (_, shape, schema) => {
    const inObject = looseObject({ field: shape });
    const zodInObject = z.looseObject({ field: schema });
    fc.assert(
      fc.property(leaf, (value) => {
        expect(viaShape(shape as Shape<unknown>, value)).toEqual(viaZod(schema, value));
        for (const body of [{ field: value }, { field: value, other: 1 }, {}, value])
          expect(viaShape(inObject, body)).toEqual(viaZod(zodInObject, body));
      }),
      { numRuns: 300 },
    );
  });

  it("an empty id and no polling_url are two problems, as zod says (a counterexample CI's fast-check found)", () => {
    const json = { id: "" };
    expect(safeParseSubmitResponse(json)).toEqual({ success: false, error: viaZod(zodSubmit, json).error });
    expect(viaZod(zodSubmit, json).error).toBe(
      "id: String should have at least 1 character; polling_url: Field required (neither polling_url nor webhook_url was given)",
    );
    // a value of the wrong type stops there, in both
    expect(safeParseSubmitResponse({ id: 1 })).toEqual({
      success: false,
      error: viaZod(zodSubmit, { id: 1 }).error,
    });
  });

  it("the submit answer: either shape, the polling_url/webhook_url rule, numbers, extra keys", () => {
    const body = fc.oneof(
      keys("id", "polling_url", "status", "webhook_url", "cost", "input_mp", "output_mp"),
      leaf,
    );
    fc.assert(
      fc.property(body, (json) => {
        const ours = safeParseSubmitResponse(json);
        const theirs = viaZod(zodSubmit, json);
        expect(ours.success).toBe(theirs.success);
        if (!ours.success && !theirs.success) expect(ours.error).toBe(theirs.error);
      }),
      { numRuns: 1000 },
    );
  });

  it("the get_result answer: any status, a Ready one needing result.sample, the sample kept as sent", () => {
    const status = fc.oneof(fc.constantFrom("Ready", "ready", " READY ", "Pending", "Error", "x"), leaf);
    const body = fc.oneof(
      fc.record(
        {
          id: fc.oneof(fc.constant("t"), leaf),
          status,
          result: sampleLike,
          progress: leaf,
          details: leaf,
          preview: leaf,
        },
        { requiredKeys: [] },
      ),
      leaf,
    );
    fc.assert(
      fc.property(body, (json) => {
        const ours = safeParseResultResponse(json);
        const theirs = viaZod(zodResult, json);
        expect(ours.success).toBe(theirs.success);
        if (!ours.success && !theirs.success) expect(ours.error).toBe(theirs.error);
        if (ours.success) {
          const sample = viaZod(zodSample, (json as { result?: unknown }).result);
          expect(ours.data.result).toEqual(sample.success ? sample.data : null);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("the credits answer", () => {
    const zodCredits = z.looseObject({ credits: z.number() });
    fc.assert(
      fc.property(fc.oneof(keys("credits"), leaf), (json) => {
        expect(safeParseCreditsResponse(json)).toEqual(viaZod(zodCredits, json));
      }),
      { numRuns: 300 },
    );
  });
});
