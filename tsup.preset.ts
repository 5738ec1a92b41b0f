import type { Options } from "tsup";

/**
 * The one tsup preset every package extends. Keep to options tsdown shares, so a later switch is mechanical.
 */
export function preset(options: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: {
      // tsup 8's dts build always sets `baseUrl` (its rollup.js: `baseUrl: compilerOptions.baseUrl || "."`), which
      // TypeScript 6 deprecates (TS5101). Our tsconfigs set no baseUrl, so the silencing lives here, not repo-wide.
      compilerOptions: { ignoreDeprecations: "6.0" },
    },
    sourcemap: true,
    clean: true,
    target: "es2022",
    treeshake: true,
    ...options,
  };
}
