import * as z from "zod/mini";
import { customCheck } from "./fields";

/**
 * Parses a `"W:H"` aspect ratio (positive numbers, e.g. `"16:9"`, `"2.39:1"`) into `W / H`.
 * @returns the ratio, or `undefined` when the string is not of that form.
 * @example parseAspectRatio("16:9") // 1.777…
 */
/* @__NO_SIDE_EFFECTS__ */
export function parseAspectRatio(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!match) return undefined;
  const w = Number(match[1]);
  const h = Number(match[2]);
  return w > 0 && h > 0 ? w / h : undefined;
}

/**
 * A `"W:H"` string whose ratio lies between `tallest` (e.g. `"1:4"`) and `widest` (e.g. `"4:1"`), inclusive.
 * Failures are pydantic-style `value_error` issues.
 */
/* @__NO_SIDE_EFFECTS__ */
export function aspectRatioString(widest: string, tallest: string) {
  const max = parseAspectRatio(widest) ?? Infinity;
  const min = parseAspectRatio(tallest) ?? 0;
  return z.string().check(
    customCheck((value, ctx) => {
      const ratio = parseAspectRatio(value);
      if (ratio !== undefined && ratio >= min - 1e-9 && ratio <= max + 1e-9) return;
      const why =
        ratio === undefined ? "should be 'W:H', e.g. '16:9'" : `should be between ${tallest} and ${widest}`;
      ctx.issues.push({
        code: "custom",
        input: value,
        message: `Value error, aspect ratio ${why}`,
        params: { type: "value_error", ctx: { widest, tallest } },
      });
    }),
  );
}
