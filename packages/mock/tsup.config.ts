import { defineConfig } from "tsup";
import { preset } from "../../tsup.preset";

export default defineConfig([
  // Library entries: the isomorphic handler (+ lazy Node server) and the MSW handlers.
  preset({ entry: ["src/index.ts", "src/msw.ts"], external: ["msw"], removeNodeProtocol: false }),
  // The `flux-mock` CLI: ESM only, keeps its shebang.
  preset({ entry: ["src/bin.ts"], format: ["esm"], dts: false, clean: false, removeNodeProtocol: false }),
]);
