import { constants } from 'node:os';

/**
 * SIGINT and SIGTERM start a graceful shutdown once (`shutDown` is told which signal); a second
 * signal, from an operator who will not wait, exits at once with 128 + its number.
 */
export function onShutdownSignals(shutDown: (signal: NodeJS.Signals) => void): void {
  let received: NodeJS.Signals | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (received) process.exit(128 + constants.signals[signal]);
      received = signal;
      shutDown(signal);
    });
  }
}
