import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

// Workspace packages resolve to their `src/` through the `@flux-kit/source` condition: no package build needed.
// The API (proxy + demo routes) is not configured here: `server/main.ts --dev` mounts it in front of Vite's
// middlewares, and `server/main.ts` serves the built `dist/`.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ["@flux-kit/source", ...defaultClientConditions] },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1000 },
});
