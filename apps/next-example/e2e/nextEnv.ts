import { createRequire } from "node:module";
import { join } from "node:path";
import { appRoot } from "./appRoot";

/** Next's CLI, run with this Node (no shell, no npx). */
export const nextBin = join(
  createRequire(join(appRoot, "package.json")).resolve("next/package.json"),
  "..",
  "dist",
  "bin",
  "next",
);

/**
 * The environment every `next` command of the tests gets: this process's less any BFL key (a build must not
 * need one; `next start` is given the test key explicitly), in production mode (not vitest's `NODE_ENV=test`),
 * with telemetry off.
 */
export function nextEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => name !== "BFL_API_KEY");
  return { ...Object.fromEntries(inherited), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...extra };
}
