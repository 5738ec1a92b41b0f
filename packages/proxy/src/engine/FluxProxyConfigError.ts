/** Thrown by `createFluxProxy()` (and every adapter) at startup when the configuration is missing or unsafe. */
export class FluxProxyConfigError extends Error {
  override readonly name = "FluxProxyConfigError";
}
