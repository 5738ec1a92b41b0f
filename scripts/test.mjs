#!/usr/bin/env node
// `pnpm test`: every package's tests (unit, integration on loopback, browser tests in Debian's Chromium),
// then one plain summary line counted from the vitest JSON reports.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { assertSupportedNode } from "./node-version.mjs";

assertSupportedNode();

const root = new URL("..", import.meta.url).pathname;
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", COREPACK_ENABLE_DOWNLOAD_PROMPT: "0" };

ensureChromium();
for (const dir of packageDirs()) rmSync(join(dir, "test-results"), { recursive: true, force: true });

const extra = process.argv.slice(2);
const run = spawnSync("pnpm", ["exec", "turbo", "run", "test", "--continue", ...extra], {
  cwd: root,
  env,
  stdio: "inherit",
});

const { passed, failed, files, failures } = countReports();
// CI shows only the end of the output: repeat each failure there, briefly, with the package it is in
if (failures.length > 0) {
  console.log(`\nFailed (${failures.length}):`);
  for (const line of failures.slice(0, 12)) console.log(line);
  if (failures.length > 12) console.log(`…and ${failures.length - 12} more (see the output above)`);
}
console.log("(turbo replays packages whose inputs did not change; `pnpm test --force` re-runs every test)");
console.log(`\n${passed} passed, ${failed} failed`);
if (files === 0) console.error("No test report was written: did any test run?");
process.exit(run.status === 0 && failed === 0 && files > 0 ? 0 : 1);

function packageDirs() {
  return ["packages", "apps"].flatMap((group) => {
    const base = join(root, group);
    return existsSync(base) ? readdirSync(base).map((name) => join(base, name)) : [];
  });
}

/** Sums vitest's JSON reports (`<package>/test-results/*.json`). */
function countReports() {
  let passed = 0;
  let failed = 0;
  let files = 0;
  const failures = [];
  for (const dir of packageDirs()) {
    const out = join(dir, "test-results");
    if (!existsSync(out)) continue;
    for (const file of readdirSync(out).filter((f) => f.endsWith(".json"))) {
      const report = JSON.parse(readFileSync(join(out, file), "utf8"));
      passed += report.numPassedTests ?? 0;
      failed += report.numFailedTests ?? 0;
      // a file that failed to load or run has no failed test of its own: count it once
      for (const file of report.testResults ?? []) {
        const where = file.name?.startsWith(root) ? file.name.slice(root.length) : file.name;
        const failedTests = (file.assertionResults ?? []).filter((a) => a.status === "failed");
        for (const test of failedTests)
          failures.push(describeFailure(where, test.fullName, test.failureMessages));
        if (file.status === "failed" && failedTests.length === 0) {
          failed++;
          failures.push(describeFailure(where, "(the file failed to load or run)", [file.message]));
        }
      }
      files++;
    }
  }
  return { passed, failed, files, failures };
}

/** One failure in a few lines: where, which test, and the start of its message (colour codes removed). */
function describeFailure(where, name, messages = []) {
  const message = (messages ?? [])
    .filter(Boolean)
    .join("\n")
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(0, 8)
    .map((line) => `    ${line.slice(0, 300)}`)
    .join("\n");
  return `  ✗ ${where} > ${name}${message ? `\n${message}` : ""}`;
}

/** Browser tests need Debian's Chromium (Playwright's own download is unreachable here). */
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const needed = packageDirs().some(
    (dir) =>
      existsSync(join(dir, "e2e")) ||
      (existsSync(join(dir, "vitest.config.ts")) &&
        readFileSync(join(dir, "vitest.config.ts"), "utf8").includes("browser")),
  );
  if (!needed || existsSync(path)) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log("Installing Debian's chromium for the browser tests (apt-get install -y chromium)…");
    const update = spawnSync("apt-get", ["update"], { stdio: "inherit" });
    const install = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (update.status === 0 && install.status === 0 && existsSync(path)) return;
  }
  console.error(
    `The browser tests need Chromium at ${path}. Install it with "sudo apt-get install -y chromium" ` +
      `(Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary, then run pnpm test again.`,
  );
  process.exit(1);
}
