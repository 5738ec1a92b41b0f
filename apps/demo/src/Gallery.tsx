import { getModel, isModelId } from "@flux-kit/core";
import type { GalleryResponse } from "./demoApi";

const modelLabel = (id: string | undefined) => (id && isModelId(id) ? getModel(id).label : id);

/**
 * Every image the server has saved (newest first), the tasks it is still following (they finish even when the
 * tab that started them was closed) and recent failures.
 */
export function Gallery({ data }: { readonly data: GalleryResponse | undefined }) {
  const count = data ? data.items.length : 0;
  return (
    <section className="demo-gallery" aria-labelledby="gallery-title">
      <div className="demo-gallery-head">
        <h2 id="gallery-title">Saved images</h2>
        <p>
          {count === 0
            ? "Every finished image is saved by the demo server, so it outlives BFL's 10-minute links."
            : `${count} image${count === 1 ? "" : "s"}, kept by the demo server.`}
        </p>
      </div>
      {data && data.failed.length > 0 ? (
        <ul className="demo-failures" aria-label="Recent problems">
          {data.failed.slice(0, 3).map((f) => (
            <li key={f.id} data-code={f.code}>
              {modelLabel(f.model)}: {f.code === "moderated" ? "blocked by moderation" : f.message}
            </li>
          ))}
        </ul>
      ) : null}
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
          </li>
        ))}
        {data?.items.map((item) => (
          <li key={item.id} className="demo-card" data-state="saved">
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
        ))}
      </ul>
    </section>
  );
}
