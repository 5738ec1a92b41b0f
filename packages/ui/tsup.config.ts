import { copyFile } from "node:fs/promises";
import { defineConfig } from "tsup";
import { preset } from "../../tsup.preset";

export default defineConfig(
  preset({
    external: ["react", "react-dom", "@tanstack/react-query", "@flux-kit/core", "@flux-kit/react"],
    // every export is a client component. esbuild keeps the entry's "use client"; rollup (tsup's
    // `treeshake`) would drop it, so this package is tree-shaken by esbuild alone
    treeshake: false,
    async onSuccess() {
      await copyFile("src/styles.css", "dist/styles.css");
    },
  }),
);
