import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** run.ts rewrites RESULTS.md above this line and keeps what other benchmarks wrote below it. */
export const KEPT_MARKER = "<!-- kept by run.ts: figures from other benchmarks below -->";

/**
 * Writes a benchmark's section of bench/RESULTS.md: `lines` open and close with its own begin and end markers
 * (`<!-- written by x.ts: begin -->` … `end -->`); its previous section goes, and the new one is put right below
 * run.ts's marker. Prints the section too.
 */
export function writeSection(lines: readonly string[]): void {
  const begin = lines[0]!;
  const end = lines.at(-1)!;
  const resultsFile = join(dirname(fileURLToPath(import.meta.url)), "RESULTS.md");
  let text = existsSync(resultsFile) ? readFileSync(resultsFile, "utf8") : "";
  if (text.includes(begin) && text.includes(end)) {
    text =
      text.slice(0, text.indexOf(begin)) + text.slice(text.indexOf(end) + end.length).replace(/^\n+/, "");
  }
  const block = `${lines.join("\n")}\n\n`;
  if (text.includes(KEPT_MARKER)) {
    const at = text.indexOf(KEPT_MARKER) + KEPT_MARKER.length;
    text = `${text.slice(0, at)}\n\n${block}${text.slice(at).replace(/^\n+/, "")}`;
  } else {
    text = `${text.trimEnd()}\n\n${KEPT_MARKER}\n\n${block}`;
  }
  writeFileSync(resultsFile, `${text.trimEnd()}\n`);
  console.log(lines.join("\n"));
}
