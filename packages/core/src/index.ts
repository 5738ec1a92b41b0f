export * from "./errors/index";
export * from "./models/index";
export * from "./schemas/index";
export * from "./webhooks/index";
export * from "./client/index";
export * from "./generation/index";
