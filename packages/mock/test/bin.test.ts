import { execFile } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

const run = promisify(execFile);
const pkgDir = join(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as {
  bin: Record<string, string>;
  files: string[];
};
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the package's bin shim in an empty package, with or without a built CLI next to it. */
function installed(cli?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "flux-mock-bin-"));
  dirs.push(dir);
  mkdirSync(join(dir, "bin"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  const shim = join(dir, "bin", "flux-mock.js");
  copyFileSync(join(pkgDir, pkg.bin["flux-mock"]!), shim);
  chmodSync(shim, 0o755);
  if (cli !== undefined) {
    mkdirSync(join(dir, "dist"));
    writeFileSync(join(dir, "dist", "bin.js"), cli);
  }
  return shim;
}

describe("the flux-mock command", () => {
  it("is a file in the repository, so a fresh install links it before anything is built", () => {
    expect(pkg.bin["flux-mock"]).toBe("./bin/flux-mock.js");
    expect(existsSync(join(pkgDir, "bin", "flux-mock.js"))).toBe(true);
    expect(pkg.files).toContain("bin");
  });

  it("runs the built CLI with its arguments", async () => {
    const shim = installed('console.log("cli", process.argv.slice(2).join(" "));');
    const { stdout } = await run(process.execPath, [shim, "--port", "0"]);
    expect(stdout.trim()).toBe("cli --port 0");
  });

  it("says how to build when the CLI is not built yet", async () => {
    const shim = installed();
    const failure = await run(process.execPath, [shim]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/not built yet\. Run `pnpm build`/);
  });

  it("lets the CLI's own errors through", async () => {
    const shim = installed('import "./missing-helper.js";');
    const failure = await run(process.execPath, [shim]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toMatch(/missing-helper/);
    expect(failure?.stderr).not.toMatch(/not built yet/);
  });
});
