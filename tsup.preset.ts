import type { Options } from "tsup";

/**
 * The one tsup preset every package extends. Keep to options tsdown shares, so a later switch is mechanical.
 */
export function preset(options: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    treeshake: true,
    ...options,
  };
}
