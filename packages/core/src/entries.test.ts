import { describe, expect, it } from "vitest";
import * as main from "./index";
import * as boxes from "./boxes/index";
import * as catalogue from "./catalogue";
import * as internal from "./internal";
import * as tools from "./tools";

describe("the package's entries", () => {
  it("the main entry is the public surface: at most 50 runtime names", () => {
    const names = Object.keys(main);
    expect(names.length).toBeLessThanOrEqual(50);
    // what users call: the client, its errors, the models, webhook verification, the controller
    expect(names).toEqual(
      expect.arrayContaining([
        "createFluxClient",
        "FluxError",
        "flux2Pro",
        "flux3Image",
        "estimateCost",
        "verifyWebhook",
        "validateInput",
        "getModelInfo",
      ]),
    );
    expect(names).toEqual(expect.arrayContaining(["createGenerationController", "adaptivePolling"]));
  });

  it("core/internal holds only what the main entry does not export", () => {
    const shared = Object.keys(internal).filter((name) => name in main);
    expect(shared).toEqual([]);
    expect(Object.keys(internal)).toEqual(
      expect.arrayContaining(["REGIONS", "toSnapshot", "IDLE_GENERATION"]),
    );
  });

  it("core/boxes stands alone: no name of the main entry or of core/internal", () => {
    const names = Object.keys(boxes);
    expect(names.filter((name) => name in main || name in internal)).toEqual([]);
    expect(names).toEqual(
      expect.arrayContaining([
        "composeBoxPrompt",
        "parseBoxPrompt",
        "validateBoxes",
        "refImage",
        "toGridBox",
      ]),
    );
  });

  it("core/tools holds the five FLUX Tools, the same definitions as the catalogue's", () => {
    expect(Object.keys(tools).filter((name) => name in main || name in internal)).toEqual([]);
    expect(Object.values(tools).map((m) => m.id)).toEqual([
      "flux-tools/deblur-v1",
      "flux-tools/erase-v1",
      "flux-tools/outpainting-v1",
      "flux-tools/vto-v1",
      "flux-tools/vto-v2",
    ]);
    for (const m of Object.values(tools)) expect(main.getModel(m.id)).toBe(m);
  });

  it("core/catalogue is the schemas' on-demand entry: the main entry's very definitions and checks", () => {
    expect(Object.keys(catalogue).sort()).toEqual(["getModel", "models", "validateInput"]);
    expect(catalogue.models).toBe(main.models);
    expect(catalogue.validateInput).toBe(main.validateInput);
    for (const id of main.modelIds) expect(catalogue.getModel(id)).toBe(main.getModel(id));
  });
});
