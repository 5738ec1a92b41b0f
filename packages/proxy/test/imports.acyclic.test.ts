// No module of the package imports itself back through others, type-only imports included: a cycle makes the
// order modules initialise in depend on which entry is loaded first, and says two files want to be arranged
// differently (the engine's shared types live in engine/context.ts so that the planners need not import
// createEngine, which imports them).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.test(-d)?\.ts$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const out: string[] = [];
  for (const [, spec] of readFileSync(file, "utf8").matchAll(IMPORT)) {
    const base = resolve(dirname(file), spec!);
    const found = [`${base}.ts`, join(base, "index.ts")].find((c) => existsSync(c));
    if (found) out.push(found);
  }
  return out;
}

it("has no import cycles among its source modules", () => {
  const files = sources(SRC);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") {
        cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(SRC, f)).join(" → "));
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of files) if (!state.has(file)) visit(file);
  expect(files.length).toBeGreaterThan(30);
  expect(cycles).toEqual([]);
});
