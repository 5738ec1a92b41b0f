import { defineConfig } from "tsup";
import { preset } from "../../tsup.preset";

/**
 * The models' zod-free side (every model's info, ranges and constants, `parseAspectRatio`, `estimateCost`, the
 * field-error helpers) as entries of their own. An app's bundler (Rollup, rolldown) puts each of our chunk files
 * whole into one of its chunks, and a UI's first load takes these; esbuild writes modules reached from the same
 * entries into one file, so without entries of their own they would share files with the schemas, and a UI that
 * loads the schemas on demand (`@flux-kit/core/catalogue`) would get zod in its first load anyway. Checked on the
 * build by test/dist.test.ts.
 */
export const zodFreeEntries = {
  "chunks/modelInfos": "src/models/modelInfos.ts",
  "chunks/parseAspectRatio": "src/models/parseAspectRatio.ts",
  "chunks/estimateCost": "src/models/estimateCost.ts",
  "chunks/fieldErrors": "src/models/fieldErrors.ts",
  // what a form writes after its caption (ui's first load), apart from the box parser and checks (its lazy parts)
  "chunks/serializeRows": "src/boxes/serializeRows.ts",
};

const options = preset({
  external: ["#scrub"],
  // the CJS build shares chunks too, so each entry gives the very same definitions and error classes (tsup splits
  // only ESM by default: `require("@flux-kit/core/catalogue").models` was a copy of the main entry's)
  splitting: true,
  entry: {
    index: "src/index.ts",
    internal: "src/internal.ts",
    boxes: "src/boxes/index.ts",
    tools: "src/tools.ts",
    catalogue: "src/catalogue.ts",
    // Not exported: entries only so the client, the models and the webhooks land in separate chunks, which a
    // bundler drops whole (`sideEffects: false`) when an app does not use them. One chunk holding everything
    // would keep every model schema behind `createFluxClient`, since statements inside a chunk are only dropped
    // when provably pure.
    "chunks/client": "src/client/createFluxClient.ts",
    "chunks/models": "src/models/catalogue.ts",
    "chunks/flux2": "src/models/flux2.ts",
    "chunks/kontext": "src/models/kontext.ts",
    "chunks/fluxPro11": "src/models/fluxPro11.ts",
    "chunks/fluxPro10": "src/models/fluxPro10.ts",
    "chunks/fluxDev": "src/models/fluxDev.ts",
    "chunks/flux3Image": "src/models/flux3Image.ts",
    "chunks/webhooks": "src/webhooks/index.ts",
    "chunks/generation": "src/generation/createGenerationController.ts",
    // the two sides of package.json's `#scrub` (the redacting one for servers, the plain one for browser builds):
    // files of their own, left for the app's bundler or Node to choose between
    "chunks/scrub": "src/client/scrub.ts",
    "chunks/scrubBrowser": "src/client/scrub.browser.ts",
    ...zodFreeEntries,
  },
});

// types only for the exported entries
export default defineConfig({
  ...options,
  dts: {
    ...(typeof options.dts === "object" ? options.dts : {}),
    entry: {
      index: "src/index.ts",
      internal: "src/internal.ts",
      boxes: "src/boxes/index.ts",
      tools: "src/tools.ts",
      catalogue: "src/catalogue.ts",
    },
  },
});
