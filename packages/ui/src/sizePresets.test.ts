import fc from "fast-check";
import { getModelInfo, validateInput, type ModelId } from "@flux-kit/core";
import { describe, expect, it } from "vitest";
import { fit, megapixelSizes, nearestSize, presetsFor, sizeForRatio } from "./sizePresets";

const MP = 1_048_576;

function dimensions(id: ModelId) {
  const size = getModelInfo(id).capabilities.size;
  if (size.kind !== "dimensions") throw new Error(`${id} is not sized by width and height`);
  return size;
}

/** The megapixel counts offered, with the size each gives. */
const offered = (id: ModelId, width: number, height: number) =>
  Object.fromEntries(megapixelSizes(dimensions(id), width, height).map(([mp, at]) => [mp, at]));

describe("sizePresets: megapixels, snapping (#14)", () => {
  it("the catalogue models used here are sized by width and height, with the caps the presets follow", () => {
    for (const id of ["flux-2-pro", "flux-2-klein-4b"] as const) {
      expect(dimensions(id)).toMatchObject({ width: { max: 4096, step: 16 }, maxPixels: 4 * MP });
    }
    for (const id of ["flux-pro-1.1", "flux-dev"] as const) {
      expect(dimensions(id)).toMatchObject({ width: { min: 256, max: 1440, step: 32 } });
      expect(dimensions(id).maxPixels).toBeUndefined();
    }
  });

  it.each(["flux-2-pro", "flux-2-klein-4b"] as const)(
    "%s (4 MP cap) offers 1, 2 and 4 MP, keeping the ratio",
    (id) => {
      expect(offered(id, 1024, 1024)).toEqual({
        1: { width: 1024, height: 1024 },
        2: { width: 1456, height: 1456 },
        4: { width: 2048, height: 2048 },
      });
      expect(offered(id, 1360, 768)).toEqual({
        1: { width: 1360, height: 768 },
        2: { width: 1920, height: 1088 },
        4: { width: 2720, height: 1536 },
      });
      // portrait stays portrait
      expect(offered(id, 768, 1360)[4]).toEqual({ width: 1536, height: 2720 });
    },
  );

  it.each(["flux-pro-1.1", "flux-dev"] as const)(
    "%s (sides up to 1440 px, about 2 MP) offers 1 and 2 MP for a square, 1 MP for 16:9",
    (id) => {
      expect(offered(id, 1024, 1024)).toEqual({
        1: { width: 1024, height: 1024 },
        2: { width: 1440, height: 1440 },
      });
      expect(offered(id, 1360, 768)).toEqual({ 1: { width: 1376, height: 768 } });
      // 2.4:1 at 1 MP would need a side over 1440 px: nothing is offered rather than a smaller size called 1 MP
      expect(offered(id, 1440, 600)).toEqual({});
    },
  );

  it("every size offered is one the model's schema accepts, within 10 % of its pixel count, at about the ratio asked", () => {
    const models = ["flux-2-pro", "flux-2-klein-4b", "flux-pro-1.1", "flux-dev"] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.integer({ min: 256, max: 4096 }),
        fc.integer({ min: 256, max: 4096 }),
        (id, width, height) => {
          const found = megapixelSizes(dimensions(id), width, height);
          for (const [mp, at] of found) {
            expect(validateInput(id, { prompt: "a fox", ...at }).success).toBe(true);
            expect(Math.abs((at.width * at.height) / (mp * MP) - 1)).toBeLessThan(0.1);
            expect(Math.abs(at.width / at.height / (width / height) - 1)).toBeLessThan(0.05);
          }
          // 1 MP is there for any ratio from 1:2 to 2:1, on every one of these models
          if (width / height <= 2 && height / width <= 2) expect(found.map(([mp]) => mp)).toContain(1);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("fit snaps a side to the nearest multiple of the step inside the range", () => {
    const flux2 = dimensions("flux-2-pro").width;
    expect(fit(1917, flux2)).toBe(1920);
    expect(fit(1000, flux2)).toBe(1008);
    expect(fit(10, flux2)).toBe(64);
    expect(fit(5000, flux2)).toBe(4096);
    const flux1 = dimensions("flux-dev").height;
    expect(fit(1000, flux1)).toBe(992);
    expect(fit(100, flux1)).toBe(256);
    expect(fit(1500, flux1)).toBe(1440);
  });

  it("sizeForRatio keeps its default sizes (about 1 MP, the model's default area at most)", () => {
    const flux2 = dimensions("flux-2-pro");
    expect(sizeForRatio(flux2, "16:9")).toEqual({ width: 1360, height: 768 });
    expect(sizeForRatio(flux2, "1:1")).toEqual({ width: 1024, height: 1024 });
    expect(sizeForRatio(dimensions("flux-dev"), "1:1")).toEqual({ width: 896, height: 896 });
    expect(presetsFor(flux2)).toEqual(["1:1", "4:3", "3:4", "3:2", "2:3", "16:9", "9:16", "21:9", "9:21"]);
    // an area over the cap comes back under it, ratio kept
    expect(sizeForRatio(flux2, "1:1", 8 * MP)).toEqual({ width: 2048, height: 2048 });
  });

  it("nearestSize swaps an off-step size into a valid one (what Swap uses)", () => {
    expect(nearestSize(dimensions("flux-2-pro"), 1083, 1917)).toEqual({ width: 1088, height: 1920 });
  });
});
