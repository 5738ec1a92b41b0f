import { describe, expect, it } from "vitest";
import { zodPath } from "../../test/importGraph";
import { zodFreeEntries } from "../../tsup.config";

// What a UI draws its forms from at first load, and the models' own schemas, must not import zod, even through
// another module: a bundler keeps a module whole, so one import of a module that uses zod brings zod along.

describe("the models' zod-free side", () => {
  it.each(Object.values(zodFreeEntries))("%s imports no zod, directly or through another module", (file) => {
    expect(zodPath(file)).toEqual([]);
  });

  it("holds every zod-free name core/internal gives a UI (FLUX 3's sizes, ranges, parseAspectRatio)", () => {
    for (const file of [
      "src/models/flux3ImageInfo.ts",
      "src/models/fieldInfo.ts",
      "src/models/parseAspectRatio.ts",
      "src/models/defineModelInfo.ts",
      "src/bfl/images.ts",
    ])
      expect(zodPath(file)).toEqual([]);
  });

  it("holds the models' schemas and checks too: every definition, `validateInput` and the catalogue entry", () => {
    for (const file of ["src/models/catalogue.ts", "src/models/validateInput.ts", "src/catalogue.ts"])
      expect(zodPath(file)).toEqual([]);
  });

  it("finds zod where it is (the schemas of BFL's error bodies and webhooks, a zod schema given to defineModel)", () => {
    expect(zodPath("src/schemas/errorBodySchemas.ts")).toEqual([
      "src/schemas/errorBodySchemas.ts",
      "zod/mini",
    ]);
    expect(zodPath("src/webhooks/parseWebhookEvent.ts").at(-1)).toBe("zod/mini");
  });
});
