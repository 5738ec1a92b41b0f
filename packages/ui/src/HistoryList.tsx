/** @jsxImportSource . */
import { forwardRef, type HTMLAttributes } from "react";
import type { FluxResult, ModelId } from "@flux-kit/core";
import { cx } from "./cx";
import { resolveLabels, type FluxLabels } from "./labels";

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
  readonly labels?: Partial<FluxLabels> | undefined;
}

/** The session's results as thumbnails: click to reopen, or re-run with the same seed. */
export const HistoryList = forwardRef<HTMLElement, HistoryListProps>(function HistoryList(
  { entries, selectedId, onSelect, onRerun, labels: labelsProp, className, ...rest },
  ref,
) {
  const labels = resolveLabels(labelsProp);
  return (
    <section {...rest} ref={ref} className={cx("flux-history", className)} aria-label={labels.history}>
      <h2 className="flux-history-title">{labels.history}</h2>
      {entries.length === 0 ? (
        <p className="flux-field-hint">{labels.historyEmpty}</p>
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
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
});
