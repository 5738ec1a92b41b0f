import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { demoRoot } from "../server/demoRoot";

/**
 * vitest globalSetup: `vite build` once, as `pnpm demo` does, so every test file can start the demo server on the
 * built app. A child process, so vitest's `NODE_ENV=test` does not turn it into a development build.
 */
export default function buildApp(): void {
  const vite = join(
    dirname(createRequire(join(demoRoot, "package.json")).resolve("vite/package.json")),
    "bin",
    "vite.js",
  );
  const run = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], {
    cwd: demoRoot,
    env: { ...process.env, NODE_ENV: "production" },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`vite build failed:\n${run.stdout}\n${run.stderr}`);
}
