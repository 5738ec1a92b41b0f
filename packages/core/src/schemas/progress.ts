/**
 * Normalises BFL's `progress`, which is sometimes a fraction (0–1) and sometimes a percentage (0–100), into a
 * fraction. Values ≤ 1 are read as fractions, larger ones as percentages; the result is clamped to 0–1.
 * @returns the fraction, or `undefined` for null, absent or non-finite values.
 * @example normalizeProgress(0.4) // 0.4
 * @example normalizeProgress(40) // 0.4
 */
export function normalizeProgress(progress: unknown): number | undefined {
  if (typeof progress !== "number" || !Number.isFinite(progress)) return undefined;
  const fraction = progress > 1 ? progress / 100 : progress;
  return Math.min(1, Math.max(0, fraction));
}
