export { createFluxProxy, type FluxProxyHandler } from "./createFluxProxy";
export { FluxProxyConfigError } from "./engine/FluxProxyConfigError";
export type * from "./options";
export { createWebhookHandler, type WebhookHandlerOptions } from "./webhooks/createWebhookHandler";
export { createMemoryStore, type MemoryStoreOptions } from "./store/createMemoryStore";
export type { ClaimState, LineTicket, Place, ProxyStore, TaskBinding } from "./store/ProxyStore";
