import { useQuery, useQueryClient } from "@tanstack/react-query";
import { FluxStudio } from "@flux-kit/ui";
import { configQuery, galleryQuery } from "./demoApi";
import { Gallery } from "./Gallery";
import { SimulatedBanner } from "./SimulatedBanner";
import type { PageVisit } from "./useAwayOutcomes";

/** The demo page: a banner when simulated, the studio, and the server's gallery of this browser's images. */
export function App({ visit }: { readonly visit: PageVisit }) {
  const queryClient = useQueryClient();
  const config = useQuery(configQuery);
  const gallery = useQuery({ ...galleryQuery, enabled: config.isSuccess });

  return (
    <div className="demo">
      {config.data?.mode === "mock" ? <SimulatedBanner /> : null}
      <header className="demo-header">
        <div className="demo-brand">
          <span className="demo-logo" aria-hidden="true">
            F
          </span>
          <div>
            <h1>FLUX image studio</h1>
            <p className="demo-tagline">
              A flux-kit demo: React in the browser, your key only on the server.
            </p>
          </div>
        </div>
        {config.data ? (
          <span className="demo-mode" data-mode={config.data.mode}>
            {config.data.mode === "mock" ? "Mock upstream" : `BFL · ${config.data.region}`}
          </span>
        ) : null}
      </header>

      <main className="demo-main">
        {config.isError ? (
          <p className="demo-error" role="alert">
            The demo server did not answer. Is it still running?
          </p>
        ) : null}
        {config.data ? (
          <FluxStudio
            className="demo-studio"
            models={config.data.models}
            defaultValue={{ model: config.data.defaultModel }}
            // the server persists every image (proxy onResult) and answers with its own, same-origin URL
            imageRoute={false}
            onResult={() => void queryClient.invalidateQueries({ queryKey: galleryQuery.queryKey })}
          />
        ) : (
          <div className="demo-loading" aria-busy="true">
            Loading…
          </div>
        )}
        <Gallery data={gallery.data} visit={visit} />
      </main>

      <footer className="demo-footer">
        Built with <code>@flux-kit/ui</code> · <code>@flux-kit/react</code> · <code>@flux-kit/proxy</code>
        {config.data?.mode === "mock" ? (
          <>
            {" "}
            · <code>@flux-kit/mock</code>
          </>
        ) : null}
        . Images are saved on the demo server and survive reloads; each browser sees only its own.
      </footer>
    </div>
  );
}
