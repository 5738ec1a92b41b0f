import { expect, vi } from "vitest";

/**
 * Expects `render` to throw an error matching `pattern`, as a hook used outside its provider does, and keeps the
 * test run quiet. React 18 also reports a render error before rethrowing it: to the window's `error` event (jsdom
 * prints it with its stack unless a listener handles it) and to console.error; React 19 only throws. Both reports
 * are captured here and must be this error and nothing else.
 */
export function expectRenderError(render: () => unknown, pattern: RegExp): void {
  const reported: unknown[] = [];
  const onError = (event: ErrorEvent) => {
    event.preventDefault();
    reported.push(event.error);
  };
  window.addEventListener("error", onError);
  const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
  let logged: string[];
  try {
    expect(render).toThrow(pattern);
  } finally {
    window.removeEventListener("error", onError);
    logged = consoleError.mock.calls.map((args) => String(args[0]));
    consoleError.mockRestore();
  }
  for (const error of reported) {
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(pattern);
  }
  for (const line of logged)
    expect(line).toMatch(new RegExp(`${pattern.source}|The above error occurred in the <TestComponent>`));
  if (process.env["EXPECTED_REACT_MAJOR"] === "18") {
    expect(reported.length).toBeGreaterThan(0);
    expect(logged.length).toBeGreaterThan(0);
  } else {
    expect({ reported, logged }).toEqual({ reported: [], logged: [] });
  }
}
