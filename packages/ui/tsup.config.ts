import { copyFile } from "node:fs/promises";
import { defineConfig } from "tsup";
import { preset } from "../../tsup.preset";

export default defineConfig(
  preset({
    // An app's bundler (Rollup, rolldown) puts each of our files whole into one of its chunks, and esbuild writes
    // modules reached from the same entries into one file: what FluxStudio loads on demand must not share a file
    // with what its first load needs. LayoutEditor is an entry of its own (`@flux-kit/ui/layout-editor`) for that.
    entry: {
      index: "src/index.ts",
      "layout-editor": "src/LayoutEditor.tsx",
      // not exported: entries only so that what FluxStudio's first load does not use gets a file of its own instead
      // of sharing one it needs: HistoryList (its history loads on demand, and once shared ResultViewer's file)…
      "chunks/HistoryList": "src/HistoryList.tsx",
      // …and ReferenceChips, which FLUX 3's fields load on demand
      "chunks/ReferenceChips": "src/ReferenceChips.tsx",
    },
    // types only for the exported entries
    dts: {
      entry: { index: "src/index.ts", "layout-editor": "src/LayoutEditor.tsx" },
      // tsup 8's dts build sets `baseUrl`, which TypeScript 6 deprecates (see tsup.preset.ts)
      compilerOptions: { ignoreDeprecations: "6.0" },
    },
    external: ["react", "react-dom", "@tanstack/react-query", "@flux-kit/core", "@flux-kit/react"],
    // every export is a client component. esbuild keeps the entry's "use client"; rollup (tsup's
    // `treeshake`) would drop it, so this package is tree-shaken by esbuild alone
    treeshake: false,
    async onSuccess() {
      await copyFile("src/styles.css", "dist/styles.css");
    },
  }),
);
