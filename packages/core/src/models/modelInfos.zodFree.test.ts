import { describe, expect, it } from "vitest";
import { zodPath } from "../../test/importGraph";
import { zodFreeEntries } from "../../tsup.config";

// What a UI draws its forms from at first load must not import zod, even through another module: a bundler keeps a
// module whole, so one import of a schema module would bring the schemas and zod along (see tsup.config.ts).

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

  it("is told apart from the schemas' side (the check finds zod where it is)", () => {
    expect(zodPath("src/models/flux2.ts")).toEqual([
      "src/models/flux2.ts",
      "src/models/defineModel.ts",
      "src/models/validateModelInput.ts",
      "zod/mini",
    ]);
    expect(zodPath("src/catalogue.ts").at(-1)).toBe("zod/mini");
  });
});
