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

process.exitCode = await run(controller.signal);
