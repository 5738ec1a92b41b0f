/** @jsxImportSource . */
import { forwardRef, useState, type HTMLAttributes } from "react";
import type { FluxResult, ModelId } from "@flux-kit/core";
import { cx } from "./cx";
import { firstLoadLabels, type FluxLabels } from "./labels";

/** One finished generation of this session. */
export interface HistoryEntry {
  readonly result: FluxResult;
  /** The image to show, when it is not `result.url` (a persisted copy). @default result.url */
  readonly imageUrl?: string | undefined;
  /**
   * When the image stops working, as the generation reported it; `undefined` for a persisted copy that never
   * expires. @default result.expiresAt
   */
  readonly expiresAt?: Date | undefined;
  readonly model: ModelId;
  /**
   * The request body it was made with (re-run sends it again with the same seed); `undefined` when it is not known
   * (after a reload, for a request with large reference images): the entry then offers no re-run.
   */
  readonly input?: Readonly<Record<string, unknown>> | undefined;
  readonly prompt: string;
}

/** Props of {@link HistoryList}. */
export interface HistoryListProps extends Omit<HTMLAttributes<HTMLElement>, "onSelect"> {
  readonly entries: readonly HistoryEntry[];
  /** The entry shown in the viewer, if any (marked `aria-current`). */
  readonly selectedId?: string | undefined;
  readonly onSelect: (entry: HistoryEntry) => void;
  readonly onRerun: (entry: HistoryEntry) => void;
  /** Loads an entry's prompt, model and settings into the form; offered when given. */
  readonly onUseAgain?: ((entry: HistoryEntry) => void) | undefined;
  /** Deletes an entry; offered when given. */
  readonly onDelete?: ((entry: HistoryEntry) => void) | undefined;
  /** Offers a search of the prompts (once there is more than one entry). @default false */
  readonly searchable?: boolean | undefined;
  readonly labels?: Partial<FluxLabels> | undefined;
}

/**
 * Finished images as thumbnails: click to reopen, re-run with the same seed, and (when given the handlers) use an
 * image's settings again or delete it; searchable by prompt.
 */
export const HistoryList = /* @__PURE__ */ forwardRef<HTMLElement, HistoryListProps>(function HistoryList(
  {
    entries: all,
    selectedId,
    onSelect,
    onRerun,
    onUseAgain,
    onDelete,
    searchable,
    labels: labelsProp,
    className,
    ...rest
  },
  ref,
) {
  const labels = firstLoadLabels(labelsProp);
  const [query, setQuery] = useState("");
  const words = query.trim().toLowerCase();
  const entries = words ? all.filter((e) => e.prompt.toLowerCase().includes(words)) : all;
  return (
    <section {...rest} ref={ref} className={cx("flux-history", className)} aria-label={labels.history}>
      <h2 className="flux-history-title">{labels.history}</h2>
      {searchable && all.length > 1 ? (
        <input
          type="search"
          className="flux-input flux-history-search"
          aria-label={labels.searchHistory}
          placeholder={labels.searchHistory}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      ) : null}
      {entries.length === 0 ? (
        <p className="flux-field-hint" role={words ? "status" : undefined}>
          {words ? labels.noMatch(query.trim()) : labels.historyEmpty}
        </p>
      ) : (
        <ul className="flux-history-list">
          {entries.map((entry) => {
            const current = entry.result.id === selectedId;
            return (
              <li
                key={entry.result.id}
                className="flux-history-item"
                data-state={current ? "active" : "inactive"}
              >
                <button
                  type="button"
                  className="flux-history-open"
                  aria-current={current || undefined}
                  aria-label={labels.reopen(entry.prompt)}
                  onClick={() => onSelect(entry)}
                >
                  <img src={entry.imageUrl ?? entry.result.url} alt="" loading="lazy" />
                </button>
                {entry.input ? (
                  <button
                    type="button"
                    className="flux-history-rerun"
                    aria-label={`${labels.rerun}: ${entry.prompt || entry.result.id}`}
                    title={labels.rerun}
                    onClick={() => onRerun(entry)}
                  >
                    ↻
                  </button>
                ) : null}
                {onUseAgain || onDelete ? (
                  <div className="flux-history-actions">
                    {onUseAgain ? (
                      <button
                        type="button"
                        className="flux-button"
                        data-variant="secondary"
                        aria-label={`${labels.useAgain}: ${entry.prompt || entry.result.id}`}
                        onClick={() => onUseAgain(entry)}
                      >
                        {labels.useAgain}
                      </button>
                    ) : null}
                    {onDelete ? (
                      <button
                        type="button"
                        className="flux-button"
                        data-variant="secondary"
                        aria-label={labels.deleteImage(entry.prompt)}
                        title={labels.deleteImage(entry.prompt)}
                        onClick={() => onDelete(entry)}
                      >
                        ×
                      </button>
                    ) : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
});
