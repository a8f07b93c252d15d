import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** A progress bar on a terminal; silent when stderr is a pipe or a file (CI, scripts). */
export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`, stream, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

/** A running count on a terminal, for work whose total is not known up front; silent off a terminal. */
export function progressCount(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar({ format: `${label}: {value}`, stream, hideCursor: true }, cliProgress.Presets.shades_classic);
  // No total is shown; the bar only needs one above any count.
  bar.start(Number.MAX_SAFE_INTEGER, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
