import {
  decodeGenerationRecord,
  encodeGenerationRecord,
  type FluxStorage,
  type GenerationRecord,
} from "./generationRecord";

/** Options of `createGenerationPersistence`. */
export interface GenerationPersistenceOptions {
  /**
   * Storage key of this generation slot; two hooks with the same key share (and resume) one record.
   * @example "flux-kit:generation:avatar"
   */
  readonly key: string;
  /**
   * Where records live, or a function returning it (called lazily, so nothing touches `window` on import or on
   * the server). `undefined` (no storage available) turns persistence off.
   * @default sessionStorage, when the environment has one
   * @example { storage: () => window.localStorage } // survive closing the tab, shared across tabs
   */
  readonly storage?: FluxStorage | (() => FluxStorage | undefined) | undefined;
  /** Records older than this are ignored and removed on load. @default 86_400_000 (24 h) */
  readonly maxAgeMs?: number | undefined;
}

/** Reads and writes one generation's record. Never throws: a full, missing or blocked storage is ignored. */
export interface GenerationPersistence {
  readonly key: string;
  load(now?: number): GenerationRecord | undefined;
  save(record: GenerationRecord): void;
  clear(): void;
}

const DAY_MS = 86_400_000;

/**
 * A persistence slot for the generation state machine: the pending task survives a reload and is resumed on mount.
 *
 * @example
 * const slot = createGenerationPersistence({ key: "flux-kit:generation:flux-2-pro" });
 * slot.save({ job, savedAt: Date.now() }); slot.load()?.job.id
 */
export function createGenerationPersistence(options: GenerationPersistenceOptions): GenerationPersistence {
  const maxAgeMs = options.maxAgeMs ?? DAY_MS;
  const attempt = storageAttempt(options.storage);
  return {
    key: options.key,
    load(now = Date.now()) {
      const record = decodeGenerationRecord(attempt((s) => s.getItem(options.key)));
      if (record && now - record.savedAt > maxAgeMs) {
        attempt((s) => s.removeItem(options.key));
        return undefined;
      }
      return record;
    },
    save(record) {
      attempt((s) => s.setItem(options.key, encodeGenerationRecord(record)));
    },
    clear() {
      attempt((s) => s.removeItem(options.key));
    },
  };
}

/**
 * Runs `fn` on the storage `option` names (default sessionStorage, resolved lazily); `undefined` when there is none
 * or it throws (quota exceeded, SecurityError in a sandboxed frame, …). @internal
 */
export function storageAttempt(option: GenerationPersistenceOptions["storage"]) {
  return <T>(fn: (s: FluxStorage) => T): T | undefined => {
    try {
      const s =
        option === undefined ? sessionStorageIfAny() : typeof option === "function" ? option() : option;
      return s ? fn(s) : undefined;
    } catch {
      return undefined;
    }
  };
}

/** `globalThis.sessionStorage` when the environment has one (browsers), else `undefined` (servers, workers). */
export function sessionStorageIfAny(): FluxStorage | undefined {
  try {
    const s = (globalThis as { sessionStorage?: FluxStorage }).sessionStorage;
    return s ?? undefined;
  } catch {
    return undefined;
  }
}
