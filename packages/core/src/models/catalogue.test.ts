import { describe, expect, it } from "vitest";
import { getModel, isModelId, modelIds, models } from "./catalogue";
import { validateModelInput } from "./validateInput";
import type { ModelDefinition, NumberRange } from "./types";
import { ENDPOINT_TASKS, endpointTasks } from "../bfl/endpoints";

const ALL_IDS = [
  "flux-3-image",
  "flux-2-pro",
  "flux-2-pro-preview",
  "flux-2-max",
  "flux-2-flex",
  "flux-2-klein-4b",
  "flux-2-klein-9b",
  "flux-2-klein-9b-preview",
  "flux-kontext-pro",
  "flux-kontext-max",
  "flux-pro-1.1",
  "flux-pro-1.1-ultra",
  "flux-pro-1.0-fill",
  "flux-pro-1.0-expand",
  "flux-dev",
  "flux-tools/erase-v1",
  "flux-tools/outpainting-v1",
  "flux-tools/vto-v1",
  "flux-tools/vto-v2",
  "flux-tools/deblur-v1",
];

// Live wall times of the 2026-09 battery, rounded (docs/bfl-api.md, 2026 addendum §11), and FLUX 3's ~90 s (§2.5).
const TYPICAL_MS: Record<string, number> = {
  "flux-3-image": 90_000,
  "flux-2-klein-4b": 2500,
  "flux-2-klein-9b": 3500,
  "flux-2-klein-9b-preview": 3500,
  "flux-2-pro": 12_000,
  "flux-2-pro-preview": 12_000,
  "flux-2-max": 38_000,
  "flux-2-flex": 8000,
  "flux-kontext-pro": 7500,
  "flux-kontext-max": 7500,
  "flux-pro-1.1": 2500,
  "flux-pro-1.1-ultra": 12_000,
  "flux-pro-1.0-fill": 4500,
  "flux-pro-1.0-expand": 10_000,
  "flux-dev": 5000,
  "flux-tools/erase-v1": 2500,
  "flux-tools/outpainting-v1": 4000,
  "flux-tools/vto-v1": 6000,
  "flux-tools/vto-v2": 6000,
  "flux-tools/deblur-v1": 2500,
};

const URL_IN = "https://example.com/in.png";
/** The smallest body each model accepts. */
const MINIMAL: Record<string, Record<string, unknown>> = {
  "flux-tools/erase-v1": { image: URL_IN, mask: URL_IN },
  "flux-tools/outpainting-v1": { input_image: URL_IN, width: 1024, height: 1024 },
  "flux-tools/vto-v1": { prompt: "a fox", person: URL_IN, garment: URL_IN },
  "flux-tools/vto-v2": { prompt: "a fox", person: URL_IN, garment: URL_IN },
  "flux-tools/deblur-v1": { image: URL_IN },
};
const minimalBody = (m: ModelDefinition): Record<string, unknown> =>
  MINIMAL[m.id] ?? (m.capabilities.imageRequired ? { prompt: "a fox", image: URL_IN } : { prompt: "a fox" });

const parse = (m: ModelDefinition, extra: Record<string, unknown>) =>
  validateModelInput(m, { ...minimalBody(m), ...extra });
const shapeKeys = (m: ModelDefinition) => Object.keys(m.input.shape ?? {});

describe("catalogue", () => {
  it("lists every endpoint of the inventory, in order, with its path", () => {
    expect(modelIds).toEqual(ALL_IDS);
    for (const id of modelIds) {
      expect(models[id].id).toBe(id);
      expect(models[id].path).toBe(`/v1/${id}`);
      expect(models[id].label).toMatch(/FLUX/);
      expect(minimalBody(models[id]), id).toBeDefined();
      expect(models[id].validate(minimalBody(models[id])).success, id).toBe(true);
      expect(models[id].description.length).toBeGreaterThan(10);
    }
  });

  it("caps concurrency at 24, and 6 for flux-kontext-max", () => {
    for (const id of modelIds) expect(models[id].maxConcurrent).toBe(id === "flux-kontext-max" ? 6 : 24);
  });

  it("gives each model its typical duration", () => {
    for (const id of modelIds) expect(models[id].typicalDurationMs).toBe(TYPICAL_MS[id]);
  });

  it("recognises ids and looks them up, undefined for unknown ones", () => {
    expect(isModelId("flux-dev")).toBe(true);
    expect(isModelId("flux-kontext")).toBe(false);
    expect(isModelId("toString")).toBe(false);
    expect(isModelId(42)).toBe(false);
    expect(getModel("flux-2-max")?.label).toBe("FLUX.2 [max]");
    expect(getModel("flux-fill")).toBeUndefined();
  });
});

describe.each(modelIds.map((id) => [id, models[id] as ModelDefinition] as const))(
  "%s capabilities",
  (_, m) => {
    const caps = m.capabilities;

    it("name only fields the schema has", () => {
      const keys = shapeKeys(m);
      for (const f of [...caps.imageFields, ...caps.extraFields.map((e) => e.name)])
        expect(keys).toContain(f);
      if (caps.mask) expect(keys).toContain("mask");
      // a form shows a prompt field exactly when the schema has one
      expect(keys.includes("prompt")).toBe(caps.prompt !== false);
      expect(keys.includes("prompt_upsampling")).toBe(caps.promptUpsampling !== undefined);
      expect(keys.includes("steps")).toBe(caps.steps !== undefined);
      expect(keys.includes("guidance")).toBe(caps.guidance !== undefined);
    });

    it("match the schema's defaults", () => {
      const r = parse(m, {});
      if (!r.success) throw new Error(JSON.stringify(r.issues));
      const d = r.data as Record<string, unknown>;
      expect(d["safety_tolerance"]).toBe(caps.safetyTolerance.default);
      // FLUX 3 has no output_format field: BFL picks the format
      if (shapeKeys(m).includes("output_format")) expect(d["output_format"]).toBe(caps.defaultOutputFormat);
      else expect(d["output_format"]).toBeUndefined();
      if (caps.steps) expect(d["steps"]).toBe(caps.steps.default);
      if (caps.guidance) expect(d["guidance"]).toBe(caps.guidance.default);
      if (caps.promptUpsampling !== undefined) expect(d["prompt_upsampling"]).toBe(caps.promptUpsampling);
      if (caps.size.kind === "dimensions") {
        expect(d["width"]).toBe(caps.size.width.default);
        expect(d["height"]).toBe(caps.size.height.default);
      }
      for (const e of caps.extraFields) {
        if (e.kind === "image") continue;
        // a boolean sent only when set (`disable_pup`): absent means BFL's default, which must be `false`
        if (e.kind === "boolean" && d[e.name] === undefined) expect(e.default).toBe(false);
        else expect(d[e.name]).toBe(e.default);
      }
    });

    const ranges: [string, NumberRange | undefined, boolean][] = [
      ["safety_tolerance", caps.safetyTolerance, true],
      ["steps", caps.steps, true],
      ["guidance", caps.guidance, false],
      ...caps.extraFields.flatMap((e): [string, NumberRange, boolean][] =>
        e.kind === "integer" || e.kind === "number" ? [[e.name, e, e.kind === "integer"]] : [],
      ),
    ];
    for (const [field, range, integer] of ranges) {
      if (!range) continue;
      it(`accept ${field} ${range.min}–${range.max} and reject values outside`, () => {
        expect(parse(m, { [field]: range.min }).success).toBe(true);
        expect(parse(m, { [field]: range.max }).success).toBe(true);
        const low = parse(m, { [field]: range.min - 1 });
        const high = parse(m, { [field]: range.max + 1 });
        expect(low.success ? [] : low.issues).toEqual([
          {
            loc: ["body", field],
            type: "greater_than_equal",
            msg: `Input should be greater than or equal to ${range.min}`,
            input: range.min - 1,
            ctx: { ge: range.min },
          },
        ]);
        expect(high.success ? [] : high.issues.map((i) => i.type)).toEqual(["less_than_equal"]);
        if (integer) expect(parse(m, { [field]: range.min + 0.5 }).success).toBe(false);
      });
    }

    const has = (field: string) => shapeKeys(m).includes(field);

    it("says whether it takes a seed and the webhook fields, as its schema does", () => {
      // a form sends no seed, and the proxy adds no webhook, where the schema lacks them (strict ones answer 422)
      expect(caps.seed !== false).toBe(has("seed"));
      expect(caps.webhooks !== false).toBe(has("webhook_url"));
    });

    if (has("output_format")) {
      it("accept every advertised output format and no other", () => {
        for (const f of caps.outputFormats) expect(parse(m, { output_format: f }).success).toBe(true);
        const r = parse(m, { output_format: "gif" });
        expect(r.success ? [] : r.issues[0]?.msg).toBe("Input should be 'jpeg', 'png' or 'webp'");
      });
    }

    if (caps.strict) {
      it("reject each unknown field by name, as BFL's strict schema does (422 extra_forbidden)", () => {
        const r = parse(m, { not_a_field: 1, aspect_ratio_typo: "x" });
        expect(r.success ? [] : r.issues).toEqual([
          {
            loc: ["body", "not_a_field"],
            type: "extra_forbidden",
            msg: "Extra inputs are not permitted",
            input: 1,
          },
          {
            loc: ["body", "aspect_ratio_typo"],
            type: "extra_forbidden",
            msg: "Extra inputs are not permitted",
            input: "x",
          },
        ]);
      });
    } else {
      it("ignore unknown fields, as BFL's pydantic models do", () => {
        const r = parse(m, { not_a_field: 1, aspect_ratio_typo: "x" });
        expect(r.success && Object.keys(r.data as object)).not.toContain("not_a_field");
        expect(r.success).toBe(true);
      });
    }

    if (has("webhook_url")) {
      it("accept seed, webhook_url, webhook_secret and user (or null)", () => {
        const ok = {
          seed: 42,
          webhook_url: "https://hooks.example.com/bfl",
          webhook_secret: "s",
          user: "u-1",
        };
        expect(parse(m, ok).success).toBe(true);
        expect(parse(m, { seed: null, webhook_url: null, webhook_secret: null, user: null }).success).toBe(
          true,
        );
        const bad = parse(m, { seed: 1.5, webhook_url: "not a url", user: "" });
        expect(bad.success ? [] : bad.issues.map((i) => [i.loc[1], i.type])).toEqual([
          ["seed", "int_from_float"],
          ["webhook_url", "url_parsing"],
          ["user", "string_too_short"],
        ]);
        const long = parse(m, { webhook_url: `https://example.com/${"a".repeat(2100)}` });
        expect(long.success ? [] : long.issues[0]?.type).toBe("string_too_long");
        const longUser = parse(m, { user: "u".repeat(257) });
        expect(longUser.success ? [] : longUser.issues[0]?.ctx).toEqual({ max_length: 256 });
      });
    } else {
      it("refuse seed and the webhook fields, which its strict schema lacks", () => {
        const r = parse(m, { seed: 42, webhook_url: "https://hooks.example.com/bfl" });
        expect(r.success ? [] : r.issues.map((i) => [i.loc[1], i.type])).toEqual([
          ["seed", "extra_forbidden"],
          ["webhook_url", "extra_forbidden"],
        ]);
      });
    }
  },
);

describe("the endpoints' task facts", () => {
  it("cover exactly the catalogue, and each definition's cap and typical run are the table's", () => {
    expect(Object.keys(ENDPOINT_TASKS)).toEqual([...modelIds]);
    for (const m of Object.values(models)) {
      const { maxConcurrent, typicalDurationMs, deliveryLifetimeMs } = m;
      expect({ maxConcurrent, typicalDurationMs, deliveryLifetimeMs }, m.id).toEqual(ENDPOINT_TASKS[m.id]);
      expect(deliveryLifetimeMs, m.id).toBe(m.id === "flux-3-image" ? 3_600_000 : 600_000);
    }
    expect(endpointTasks("flux-kontext-max")?.maxConcurrent).toBe(6);
    for (const id of ["toString", "__proto__", "constructor", "flux-3"])
      expect(endpointTasks(id)).toBeUndefined();
  });

  it("every definition carries its own schema check, the one validateModelInput runs", () => {
    for (const m of Object.values(models)) {
      expect(m.validate({})).toEqual(validateModelInput(m, {}));
      expect(m.validate({ prompt: "a fox" })).toEqual(validateModelInput(m, { prompt: "a fox" }));
    }
  });
});
