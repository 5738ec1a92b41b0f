import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const packageDir = join(import.meta.dirname, "..");

/**
 * The specifiers a module imports at run time: `import … from`, `export … from` and bare `import "…"`, not
 * `import type` or `export type` (TypeScript erases those).
 */
export function runtimeImports(source: string): string[] {
  const from = /^(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+["']([^"']+)["']/gm;
  const bare = /^import\s+["']([^"']+)["']/gm;
  return [...source.matchAll(from), ...source.matchAll(bare)].map((match) => match[1] as string);
}

function resolveSource(fromFile: string, specifier: string): string {
  const base = join(dirname(fromFile), specifier);
  const file = [`${base}.ts`, join(base, "index.ts")].find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`cannot resolve ${specifier} from ${fromFile}`);
  return file;
}

/**
 * The chain of run-time imports by which a source module of this package (a path from the package's root, e.g.
 * `"src/models/modelInfos.ts"`) reaches zod, or `[]` when it does not.
 * @example zodPath("src/models/flux2.ts") // ["src/models/flux2.ts", "src/models/defineModel.ts", …, "zod/mini"]
 */
export function zodPath(file: string): string[] {
  const seen = new Set<string>();
  const walk = (path: string): string[] => {
    if (seen.has(path)) return [];
    seen.add(path);
    for (const specifier of runtimeImports(readFileSync(path, "utf8"))) {
      if (specifier === "zod" || specifier.startsWith("zod/")) return [path, specifier];
      if (!specifier.startsWith(".")) continue;
      const chain = walk(resolveSource(path, specifier));
      if (chain.length > 0) return [path, ...chain];
    }
    return [];
  };
  return walk(join(packageDir, file)).map((path) =>
    path.startsWith("/") ? relative(packageDir, path) : path,
  );
}

/** Every source module a module of this package reaches at run time, itself included (paths from the package). */
export function reachedSources(file: string): Set<string> {
  const seen = new Set<string>();
  const queue = [join(packageDir, file)];
  for (let path = queue.pop(); path; path = queue.pop()) {
    if (seen.has(path)) continue;
    seen.add(path);
    for (const specifier of runtimeImports(readFileSync(path, "utf8")))
      if (specifier.startsWith(".")) queue.push(resolveSource(path, specifier));
  }
  return new Set([...seen].map((path) => relative(packageDir, path)));
}
