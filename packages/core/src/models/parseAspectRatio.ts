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
