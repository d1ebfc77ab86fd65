import { run } from './main.js';

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
// Cancelled: what the run could stop has stopped and its files are cleaned up; a transfer that takes
// no signal (an Actions cache restore or save in @actions/cache) must not keep the job waiting.
// Exit once what was written to stdout (annotations, the last lines) has been flushed.
if (controller.signal.aborted) process.stdout.write('', () => process.exit(code));
process.exitCode = code;
