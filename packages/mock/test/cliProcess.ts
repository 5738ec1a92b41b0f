import { spawn } from "node:child_process";
import { join } from "node:path";

export const pkgDir = join(import.meta.dirname, "..");
export const repoRoot = join(pkgDir, "..", "..");

export interface CliExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A command started by a test in its own process group, as a terminal runs its foreground job. */
export interface CliProcess {
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match in stdout; rejects if the process exits before printing it. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  /** Sends a signal to every process in the group, as Ctrl+C in a terminal does. */
  signalGroup(signal: NodeJS.Signals): void;
  /** Sends a signal to the process the test started (the group leader) only. */
  signal(signal: NodeJS.Signals): void;
  readonly exited: Promise<CliExit>;
}

const running = new Set<CliProcess>();

/**
 * Starts `command` in a new process group, with stdout and stderr collected. `PORT` and `HOST` are only those
 * in `extraEnv`: the tests choose their ports.
 */
export function startCli(
  command: string,
  args: readonly string[],
  cwd = pkgDir,
  extraEnv: Record<string, string> = {},
): CliProcess {
  const env = { ...process.env };
  delete env["PORT"];
  delete env["HOST"];
  Object.assign(env, extraEnv);
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<CliExit>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
  const pid = child.pid!;
  const cli: CliProcess = {
    pid,
    stdout: () => stdout,
    stderr: () => stderr,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (!match) return;
          child.stdout.off("data", check);
          resolve(match);
        };
        child.stdout.on("data", check);
        check();
        void exited.then((exit) =>
          reject(
            new Error(`exited (${JSON.stringify(exit)}) before printing ${pattern}:\n${stdout}${stderr}`),
          ),
        );
      }),
    signalGroup: (signal) => process.kill(-pid, signal),
    signal: (signal) => process.kill(pid, signal),
    exited,
  };
  running.add(cli);
  const forget = () => void running.delete(cli);
  exited.then(forget, forget);
  return cli;
}

/** Kills what a failed test left running (only the groups the tests started). */
export function killLeftovers(): void {
  for (const cli of running) {
    try {
      cli.signalGroup("SIGKILL");
    } catch {
      // the group is gone already
    }
  }
  running.clear();
}

/** Runs the mock's CLI from source, as `pnpm mock` does. */
export function startMockCli(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  const entry = ["--import", "tsx", "--conditions=@flux-kit/source", join(pkgDir, "src", "bin.ts")];
  return startCli(process.execPath, [...entry, ...args], pkgDir, env);
}
