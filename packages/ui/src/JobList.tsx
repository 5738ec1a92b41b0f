/** @jsxImportSource . */
import { forwardRef, type HTMLAttributes } from "react";
import type { FluxGenerationState } from "@flux-kit/core";
import { cx } from "./cx";
import { firstLoadLabels, stageTitle, type FirstLoadLabels, type FluxLabels } from "./labels";
import { withLazyLabels } from "./lazyLabels";

/** One generation in a `JobList`: a `useFluxJobs` job, with the prompt to name it by. */
export interface JobListItem {
  readonly id: string;
  readonly prompt: string;
  readonly state: Pick<FluxGenerationState, "status" | "progress" | "waiting"> &
    Partial<Pick<FluxGenerationState, "stage">>;
}

/** Props of {@link JobList}. */
export interface JobListProps extends Omit<HTMLAttributes<HTMLElement>, "onSelect"> {
  /** The jobs to list, newest first: running, waiting for a slot, or ended without an image. */
  readonly jobs: readonly JobListItem[];
  /** The job shown in the viewer, if any (marked `aria-current`). */
  readonly selectedId?: string | undefined;
  readonly onSelect: (id: string) => void;
  /** Stops a running or waiting job. */
  readonly onCancel: (id: string) => void;
  /** Removes an ended one from the list. */
  readonly onDismiss: (id: string) => void;
  readonly labels?: Partial<FluxLabels> | undefined;
}

/** What a job's line says about its state. */
function jobStatus(state: JobListItem["state"], labels: FirstLoadLabels): string {
  switch (state.status) {
    case "submitting":
      return state.waiting ? labels.waitingStatus : labels.submittingStatus;
    case "pending": {
      // FLUX 3's stage, as the viewer names it
      const title = stageTitle(state.stage, labels);
      return state.progress === undefined ? title : `${title} ${Math.round(state.progress * 100)}%`;
    }
    case "moderated":
      return labels.moderatedTitle;
    case "cancelled":
      return labels.cancelledTitle;
    case "timed-out":
      return labels.timedOutTitle;
    default:
      return labels.failedTitle;
  }
}

const isActive = (job: JobListItem) => job.state.status === "submitting" || job.state.status === "pending";

/**
 * The job tray: each generation in progress, then each that ended without an image, with its state, a button to
 * show it in the viewer, and Cancel (running or waiting) or Dismiss (ended). Hidden while empty.
 */
export const JobList = /* @__PURE__ */ forwardRef<HTMLElement, JobListProps>(function JobList(
  { jobs, selectedId, onSelect, onCancel, onDismiss, labels: labelsProp, className, ...rest },
  ref,
) {
  const labels = withLazyLabels(firstLoadLabels(labelsProp));
  if (jobs.length === 0) return null;
  const line = (job: JobListItem) => {
    const active = isActive(job);
    const name = job.prompt || job.id;
    // a waiting submit is cancelled for free; a running task is only no longer watched
    const stop = job.state.status === "pending" ? labels.cancel : labels.cancelWaiting;
    return (
      <li key={job.id} className="flux-job" data-state={job.state.status}>
        <button
          type="button"
          className="flux-job-open"
          aria-current={job.id === selectedId || undefined}
          onClick={() => onSelect(job.id)}
        >
          <span className="flux-job-prompt">{name}</span>
          <span className="flux-field-hint">{jobStatus(job.state, labels)}</span>
        </button>
        <button
          type="button"
          className="flux-button"
          data-variant="secondary"
          aria-label={active ? `${stop}: ${name}` : labels.dismissJob(job.prompt)}
          onClick={() => (active ? onCancel(job.id) : onDismiss(job.id))}
        >
          {active ? stop : "×"}
        </button>
      </li>
    );
  };
  const groups = [
    { title: labels.jobs, list: jobs.filter(isActive) },
    { title: labels.jobsEnded, list: jobs.filter((job) => !isActive(job)) },
  ].filter((group) => group.list.length > 0);
  return (
    <section {...rest} ref={ref} className={cx("flux-jobs", className)} aria-label={labels.jobsRegion}>
      {groups.map((group) => (
        <div key={group.title} role="group" aria-label={group.title}>
          <h2 className="flux-history-title">
            {group.title} ({group.list.length})
          </h2>
          <ul className="flux-jobs-list">{group.list.map(line)}</ul>
        </div>
      ))}
    </section>
  );
});
