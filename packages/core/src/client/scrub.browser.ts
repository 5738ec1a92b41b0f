import { FluxError } from "../errors/FluxError";
import type { scrubSecret as scrubEverywhere } from "./scrub";

/**
 * `scrubSecret` as a browser build gets it (package.json `imports`, `#scrub`): the error normalised, nothing
 * redacted. A browser holds a key only under `dangerouslyAllowBrowser`, and then the key is in the page's own
 * code, which every visitor can read, so redacting it from errors would hide nothing; leaving the redactor out
 * keeps 0.5 kB off every browser bundle. Server runtimes that also match `browser` (workerd, edge-light, any
 * `worker`) are listed before it and get `./scrub`, which redacts; `test/dist.test.ts` checks which one each
 * runtime's conditions resolve to.
 */
export const scrubSecret: typeof scrubEverywhere = (error) => FluxError.from(error);
