import { fileURLToPath } from "node:url";

/** The app's folder (where `next build` and `next start` run). */
export const appRoot = fileURLToPath(new URL("..", import.meta.url));
