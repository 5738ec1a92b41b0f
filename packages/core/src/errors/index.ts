export * from "./FluxError";
