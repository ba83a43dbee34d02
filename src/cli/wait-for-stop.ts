/** Resolves on the first SIGINT or SIGTERM (Ctrl-C, `kill`): long-running commands then shut down cleanly. */
export function waitForStopSignal(): Promise<void> {
  return new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
