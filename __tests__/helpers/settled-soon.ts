/** Whether `p` settles (resolves or rejects) within 50 ms: for "still waiting" checks in tests. */
export async function settledSoon(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true)
  );
  await new Promise((r) => setTimeout(r, 50));
  return settled;
}

/**
 * Waits until `check()` holds (polling), failing after `ms`: for "it has started" checks, which a
 * loaded machine may take longer than settledSoon's 50 ms to reach.
 */
export async function eventually(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
