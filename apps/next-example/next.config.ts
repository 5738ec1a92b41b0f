import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // `next build` type-checks the app against the workspace packages' built types (dist/, as an installed
  // package would be), not their sources; `tsc --noEmit` (tsconfig.json) checks against the sources.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default nextConfig;
