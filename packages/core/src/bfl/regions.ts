/** BFL's API hosts ([DOCS-gen]): `global` routes across clusters with failover; `eu`/`us` keep data in region. */
export const REGIONS = {
  global: "https://api.bfl.ai",
  eu: "https://api.eu.bfl.ai",
  us: "https://api.us.bfl.ai",
} as const;

export type Region = keyof typeof REGIONS;

/** Whether `name` is one of `REGIONS`' keys (own keys only: `"constructor"` is not a region). */
export function isRegion(name: string): name is Region {
  return Object.hasOwn(REGIONS, name);
}
