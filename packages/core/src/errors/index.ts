export * from "./FluxError";
export * from "./errorFromResponse";
export { PROXY_ERROR_CODES, PROXY_ERROR_STATUS, type ProxyErrorCode } from "./proxyErrorCodes";
