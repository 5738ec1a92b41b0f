import { spawn } from "node:child_process";
import { appRoot } from "./appRoot";
import { nextBin, nextEnv } from "./nextEnv";

/**
 * vitest globalSetup: `next build` once, as CI and Docker builds run it: with no BFL_API_KEY in the environment
 * (the proxy must not need its secret to be built). Every test then serves this build with `next start`.
 */
export default async function buildApp(): Promise<void> {
  const child = spawn(process.execPath, [nextBin, "build"], {
    cwd: appRoot,
    env: nextEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) throw new Error(`next build (with no BFL_API_KEY) failed with code ${code}:\n${output}`);
}
