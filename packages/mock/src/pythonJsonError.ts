/** Where and why Python's `json.loads` stops on a text: FastAPI's `json_invalid` takes `pos` and `msg` from it. */
export interface PythonJsonError {
  /** The message without its position, as `JSONDecodeError.msg` (e.g. `"Expecting value"`). */
  readonly msg: string;
  /** The character index `JSONDecodeError.pos`. */
  readonly pos: number;
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

class Stop extends Error {
  constructor(readonly failure: PythonJsonError) {
    super(failure.msg);
  }
}

/**
 * Scans `text` the way CPython's `json` decoder does and returns the first error, or `undefined` when Python
 * would parse it. Only the error matters here, so values are checked, not built. Python also reads `NaN` and
 * `Infinity`; the mock treats them as errors, as `JSON.parse` does.
 * @example pythonJsonError("{not json") // { msg: "Expecting property name enclosed in double quotes", pos: 1 }
 */
export function pythonJsonError(text: string): PythonJsonError | undefined {
  let at = 0;
  const fail = (msg: string, pos = at): never => {
    throw new Stop({ msg, pos });
  };
  const skip = () => {
    while (at < text.length && WHITESPACE.has(text[at] ?? "")) at++;
  };
  const string = () => {
    const start = at;
    at++; // the opening quote
    for (;;) {
      if (at >= text.length) fail("Unterminated string starting at", start);
      const ch = text[at] ?? "";
      if (ch === '"') return void at++;
      if (ch < " ") fail("Invalid control character at");
      if (ch === "\\") {
        const next = text[at + 1] ?? "";
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) fail("Invalid \\uXXXX escape", at + 1);
          at += 6;
          continue;
        }
        if (!ESCAPES.has(next)) fail("Invalid \\escape");
        at += 2;
        continue;
      }
      at++;
    }
  };
  const value = (): void => {
    const ch = text[at];
    if (ch === '"') return string();
    if (ch === "{") return object();
    if (ch === "[") return array();
    for (const word of ["null", "true", "false"]) {
      if (text.startsWith(word, at)) return void (at += word.length);
    }
    NUMBER.lastIndex = at;
    if (NUMBER.test(text)) return void (at = NUMBER.lastIndex);
    fail("Expecting value");
  };
  const object = () => {
    at++;
    skip();
    if (text[at] === "}") return void at++;
    for (;;) {
      if (text[at] !== '"') fail("Expecting property name enclosed in double quotes");
      string();
      skip();
      if (text[at] !== ":") fail("Expecting ':' delimiter");
      at++;
      skip();
      value();
      skip();
      if (text[at] === "}") return void at++;
      if (text[at] !== ",") fail("Expecting ',' delimiter");
      at++;
      skip();
    }
  };
  const array = () => {
    at++;
    skip();
    if (text[at] === "]") return void at++;
    for (;;) {
      value();
      skip();
      if (text[at] === "]") return void at++;
      if (text[at] !== ",") fail("Expecting ',' delimiter");
      at++;
      skip();
    }
  };
  try {
    skip();
    value();
    skip();
    if (at < text.length) fail("Extra data");
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.failure;
    throw error;
  }
}
