import { run } from './main.js';
import { keepFreedMemoryForReuse } from './process-memory.js';

keepFreedMemoryForReuse();

// The runner cancels with SIGINT, then SIGTERM: stop transfers, let cleanup run, exit non-zero.
const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    process.stdout.write(`::warning::Lading was cancelled (${sig}); stopping transfers\n`);
    controller.abort(new Error(`cancelled by ${sig}`));
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}

const code = await run(controller.signal);
// The run is over: exit once what was written to stdout (annotations, the last lines) is flushed,
// without waiting for the event loop to drain. Libraries can leave timers behind: a failed Azure
// download in @actions/cache leaves its 10-minute segment timeout armed, which kept the step alive
// after the run had finished; when cancelled, a transfer that takes no signal must not keep the job
// waiting either. (actions/cache exits the same way, for the same reason.)
process.exitCode = code;
process.stdout.write('', () => process.exit(code));
