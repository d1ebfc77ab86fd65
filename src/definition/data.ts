/**
 * Reading plain definition data (what YAML gives: objects, lists, strings) without trusting its
 * shape: each accessor returns the value when it has the expected type, else an empty one.
 */
export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function objAt(o: Obj | undefined, key: string): Obj | undefined {
  const v = o?.[key];
  return isObj(v) ? v : undefined;
}

export function listAt(o: Obj | undefined, key: string): unknown[] {
  const v = o?.[key];
  return Array.isArray(v) ? v : [];
}

export function strAt(o: Obj | undefined, key: string): string {
  const v = o?.[key];
  return typeof v === 'string' ? v : '';
}
