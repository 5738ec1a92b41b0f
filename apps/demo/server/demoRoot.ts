import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The demo app's folder (`apps/demo`). */
export const demoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
