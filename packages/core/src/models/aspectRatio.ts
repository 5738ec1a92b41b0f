import { parseAspectRatio } from "./parseAspectRatio";
import { checked, report, string } from "./schema";

/**
 * A `"W:H"` string whose ratio lies between `tallest` (e.g. `"1:4"`) and `widest` (e.g. `"4:1"`), inclusive.
 * Failures are pydantic-style `value_error` issues.
 */
/* @__NO_SIDE_EFFECTS__ */
export function aspectRatioString(widest: string, tallest: string) {
  const max = parseAspectRatio(widest) ?? Infinity;
  const min = parseAspectRatio(tallest) ?? 0;
  return checked(string(), (value, loc, issues) => {
    const ratio = parseAspectRatio(value);
    if (ratio !== undefined && ratio >= min - 1e-9 && ratio <= max + 1e-9) return;
    const why =
      ratio === undefined ? "should be 'W:H', e.g. '16:9'" : `should be between ${tallest} and ${widest}`;
    report(issues, loc, "value_error", `Value error, aspect ratio ${why}`, value, { widest, tallest });
  });
}
