import { defineConfig } from "tsup";
import { preset } from "../../tsup.preset";

export default defineConfig(
  preset({
    // `"use client"` in src/index.ts must reach dist/index.{js,cjs} (the hooks are client-only under React Server
    // Components). esbuild keeps the directive; the preset's rollup treeshake pass drops it, and esbuild alone
    // already tree-shakes this ESM source.
    treeshake: false,
    external: ["react", "react-dom", "@tanstack/react-query", "@flux-kit/core"],
  }),
);
