export function emitGoDocs(_v: unknown, _r: unknown) { return []; }
