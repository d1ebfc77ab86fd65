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
