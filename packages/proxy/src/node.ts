export { createNodeHandler, type NodeFluxProxyHandler } from "./node/createNodeHandler";
export type * from "./options";
export { FluxProxyConfigError } from "./engine/FluxProxyConfigError";
