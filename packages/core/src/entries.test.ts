import { describe, expect, it } from "vitest";
import * as main from "./index";
import * as boxes from "./boxes/index";
import * as internal from "./internal";

describe("the package's entries", () => {
  it("the main entry is the public surface: at most 50 runtime names", () => {
    const names = Object.keys(main);
    expect(names.length).toBeLessThanOrEqual(50);
    // what users call: the client, its errors, the models, webhook verification, the controller
    expect(names).toEqual(
      expect.arrayContaining(["createFluxClient", "FluxError", "flux2Pro", "verifyWebhook", "validateInput"]),
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
});
