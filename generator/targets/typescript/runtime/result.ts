/** The outcome of a standalone function: never thrown, always returned. */
export type Result<T, E> = { ok: true; value: T; error?: never } | { ok: false; error: E; value?: never };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** Returns the value, or throws the error: what the client class methods do. */
export async function unwrap<T, E>(result: Promise<Result<T, E>>): Promise<T> {
  const r = await result;
  if (r.ok) return r.value;
  throw r.error;
}
