import { createHash } from "node:crypto";

/**
 * Longest name handed out. Names become file names (most file systems allow 255 bytes) with
 * suffixes and case changes added, and some specs derive names of 250 characters and more from
 * their paths (Microsoft Graph's operationIds, for one).
 */
export const MAX_NAME_LENGTH = 96;

/**
 * A name cut to MAX_NAME_LENGTH characters, its end replaced by eight digits of a hash of the whole
 * name: two long names sharing their start stay apart, and digits fit every case style.
 */
export function capped(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_NAME_LENGTH) return name;
  const digits = String(createHash("sha256").update(name).digest().readUInt32BE(0) % 100_000_000).padStart(8, "0");
  return chars.slice(0, MAX_NAME_LENGTH - 8).join("") + digits;
}

/**
 * Hands out unique names within one scope. Candidates are tried in order; a name that is
 * reserved or taken falls through to the next, and only when all are used does a numeric
 * suffix appear. Callers claim in a fixed order, so names are a pure function of the IR.
 * Every name handed out is at most MAX_NAME_LENGTH characters, so capped() leaves it as it is.
 */
export class NameScope {
  private readonly taken = new Set<string>();

  constructor(
    private readonly isReserved: (name: string) => boolean = () => false,
    private readonly fold: (name: string) => string = (n) => n,
  ) {}

  /** Marks names as used without handing them out (runtime exports, for example). */
  reserve(...names: string[]): void {
    for (const n of names) this.taken.add(this.fold(n));
  }

  has(name: string): boolean {
    return this.taken.has(this.fold(name));
  }

  claim(candidates: string[]): string {
    const usable = candidates.filter((c) => c !== "").map(capped);
    for (const candidate of usable) {
      if (!this.isReserved(candidate) && !this.has(candidate)) return this.take(candidate);
    }
    const base = usable[0] ?? "Value";
    // Suffixed names are checked against the reservations too ("constructor2" may be taken by another scope),
    // and cut like any other: a cut name with a digit added was one character too long, so a target that
    // claims it again for a file (PHP, C#, Go) cut it there to other digits, and PHP's autoloader, which
    // looks for the class's own name, found no file (VTEX's schemas sharing one long title).
    for (let i = 2; i < 10_000; i++) {
      const candidate = capped(`${base}${i}`);
      if (!this.isReserved(candidate) && !this.has(candidate)) return this.take(candidate);
    }
    throw new Error(`no free name for ${JSON.stringify(base)}`);
  }

  private take(name: string): string {
    this.taken.add(this.fold(name));
    return name;
  }
}
