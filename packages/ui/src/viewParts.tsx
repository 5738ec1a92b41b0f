/** @jsxImportSource . */
import type { ReactNode } from "react";

/** The level of the viewer's headings, below the page's own. */
export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/**
 * A view's heading at the viewer's level. It takes focus (`tabIndex={-1}`, marked `data-flux-focus`) when the
 * view replaces the one that had it, so focus never falls to the page.
 */
export function Title({ level, children }: { level: HeadingLevel; children: ReactNode }) {
  const Heading = `h${level}` as const;
  return (
    <Heading className="flux-title" tabIndex={-1} data-flux-focus="">
      {children}
    </Heading>
  );
}

/** A view's row of buttons. */
export function Actions({ children }: { children: ReactNode }) {
  return <div className="flux-result-actions">{children}</div>;
}

/** A button for one of the generation's actions; nothing when the generation does not offer it. */
export function RetryButton({
  onClick,
  label,
  disabled,
  variant = "primary",
}: {
  onClick?: (() => unknown) | undefined;
  label: string;
  disabled?: boolean;
  variant?: "primary" | "secondary";
}) {
  if (!onClick) return null;
  return (
    <button
      type="button"
      className="flux-button"
      data-variant={variant}
      disabled={disabled}
      onClick={() => void onClick()}
    >
      {label}
    </button>
  );
}
