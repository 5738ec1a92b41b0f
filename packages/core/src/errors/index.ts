export * from "./FluxError";
export * from "./errorFromResponse";
