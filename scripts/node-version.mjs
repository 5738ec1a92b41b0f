// The Node versions this repository's toolchain runs on (vite 8 and jsdom 29 need ^20.19.0 || >=22.12.0): the
// root package.json's `engines.node`, checked before any script does real work, with one clear line.
import { readFileSync } from "node:fs";

const RANGE = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).engines.node;

/** Whether `version` ("20.20.2") is in RANGE, which is "^A.B.C || >=D.E.F". */
export function supportsNode(version) {
  const [major, minor, patch] = version.split(".").map(Number);
  return RANGE.split("||").some((part) => {
    const m = /^\s*(\^|>=)(\d+)\.(\d+)\.(\d+)\s*$/.exec(part);
    if (!m) throw new Error(`engines.node: cannot read "${part.trim()}"`);
    const [want, have] = [
      [+m[2], +m[3], +m[4]],
      [major, minor, patch],
    ];
    const atLeast =
      have[0] !== want[0] ? have[0] > want[0] : have[1] !== want[1] ? have[1] > want[1] : have[2] >= want[2];
    return atLeast && (m[1] === ">=" || have[0] === want[0]);
  });
}

export function assertSupportedNode() {
  if (supportsNode(process.versions.node)) return;
  console.error(`flux-kit needs Node ${RANGE}; this is Node ${process.versions.node}. See .nvmrc.`);
  process.exit(1);
}
