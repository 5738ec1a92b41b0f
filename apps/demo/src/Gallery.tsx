import { getModel, isModelId } from "@flux-kit/core";
import type { FailedTask, GalleryItem, GalleryResponse } from "./demoApi";
import { useAwayOutcomes, type AwayOutcome, type PageVisit } from "./useAwayOutcomes";

const modelLabel = (id: string | undefined) => (id && isModelId(id) ? getModel(id).label : id);
const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** "Blocked by moderation (Violence, Derivative Works)", "Generation failed: GPU fell over", … */
function failureTitle(failure: FailedTask): string {
  if (failure.code === "moderated") return "Blocked by moderation";
  if (failure.code === "timeout") return "Timed out";
  if (failure.code === "task_not_found") return "Lost at BFL";
  return "Generation failed";
}

function failureWhy(failure: FailedTask): string {
  if (failure.code === "moderated") {
    return failure.reasons.length > 0
      ? `Reasons: ${failure.reasons.join(", ")}. Rephrase the prompt or change the input image.`
      : "Rephrase the prompt or change the input image.";
  }
  return failure.detail ? `BFL said: ${failure.detail}` : failure.message;
}

type Entry =
  | { readonly kind: "saved"; readonly at: number; readonly item: GalleryItem }
  | { readonly kind: "failed"; readonly at: number; readonly failure: FailedTask };

/**
 * This browser's images the server saved and its tasks that ended without one (newest first), the tasks the server
 * is still following for it (they finish even when the tab that started them was closed), and a notice of what
 * finished in the background, so a user returning to the demo sees how a generation they left ended (but not one
 * they watched end in the studio).
 */
export function Gallery({
  data,
  visit,
}: {
  readonly data: GalleryResponse | undefined;
  readonly visit: PageVisit;
}) {
  const outcomes = useAwayOutcomes(data, visit);
  const count = data ? data.items.length : 0;
  const entries: Entry[] = data
    ? [
        ...data.items.map((item) => ({ kind: "saved" as const, at: item.createdAt, item })),
        ...data.failed.map((failure) => ({ kind: "failed" as const, at: failure.at, failure })),
      ].sort((a, b) => b.at - a.at)
    : [];

  return (
    <section className="demo-gallery" aria-labelledby="gallery-title">
      <div className="demo-gallery-head">
        <h2 id="gallery-title">Saved images</h2>
        <p>
          {count === 0
            ? "Every image you make is saved by the demo server, so it outlives BFL's 10-minute links. Only this browser sees them."
            : `${count} image${count === 1 ? "" : "s"}, kept by the demo server for this browser only.`}
        </p>
      </div>
      <div role="status" aria-label="Finished in the background">
        {outcomes.length > 0 ? <OutcomeNotice outcomes={outcomes} /> : null}
      </div>
      <ul className="demo-grid">
        {data?.pending.map((task) => (
          <li key={task.id} className="demo-card" data-state="pending" aria-label="Generating">
            <div className="demo-card-placeholder">
              <div className="flux-spinner" aria-hidden="true" />
              <span>
                Generating
                {task.progress !== undefined ? ` · ${Math.round(task.progress * 100)}%` : "…"}
              </span>
            </div>
            <p className="demo-card-caption">{modelLabel(task.model)}</p>
            <p className="demo-card-meta">started {time(task.submittedAt)}</p>
          </li>
        ))}
        {entries.map((entry) =>
          entry.kind === "saved" ? (
            <SavedCard key={entry.item.id} item={entry.item} />
          ) : (
            <FailedCard key={entry.failure.id} failure={entry.failure} />
          ),
        )}
      </ul>
    </section>
  );
}

function OutcomeNotice({ outcomes }: { readonly outcomes: readonly AwayOutcome[] }) {
  return (
    <div className="demo-outcomes">
      <strong>Finished in the background</strong>
      <ul>
        {outcomes.map((outcome) =>
          outcome.kind === "ready" ? (
            <li key={outcome.id} data-outcome="ready">
              {modelLabel(outcome.item.model)}: your image is ready
              {outcome.item.prompt ? ` (“${outcome.item.prompt}”)` : ""}. It is saved below.
            </li>
          ) : (
            <li key={outcome.id} data-outcome={outcome.failure.code}>
              {modelLabel(outcome.failure.model)} (started {time(outcome.failure.submittedAt)}):{" "}
              {failureTitle(outcome.failure).toLowerCase()}. {failureWhy(outcome.failure)}
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

function SavedCard({ item }: { readonly item: GalleryItem }) {
  return (
    <li className="demo-card" data-state="saved">
      <a href={item.url} target="_blank" rel="noreferrer">
        <img
          src={item.url}
          alt={item.prompt ? `Saved image: ${item.prompt}` : "Saved image"}
          loading="lazy"
        />
      </a>
      <p className="demo-card-caption" title={item.prompt}>
        {item.prompt || "untitled"}
      </p>
      <p className="demo-card-meta">
        {modelLabel(item.model)}
        {item.seed !== undefined ? ` · seed ${item.seed}` : ""}
      </p>
    </li>
  );
}

function FailedCard({ failure }: { readonly failure: FailedTask }) {
  const title = failureTitle(failure);
  const why = failureWhy(failure);
  return (
    <li
      className="demo-card"
      data-state={failure.code === "moderated" ? "moderated" : "failed"}
      aria-label={title}
      title={why}
    >
      <div className="demo-card-placeholder demo-card-problem">
        <span className="demo-card-problem-icon" aria-hidden="true">
          {failure.code === "moderated" ? "⊘" : "!"}
        </span>
        <strong>{title}</strong>
        <span className="demo-card-problem-why">{why}</span>
      </div>
      <p className="demo-card-caption" title={failure.prompt}>
        {failure.prompt || "untitled"}
      </p>
      <p className="demo-card-meta">
        {modelLabel(failure.model)} · ended {time(failure.at)}
      </p>
    </li>
  );
}
