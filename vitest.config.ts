import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Type-checking generated packages with tsc takes seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two test files at a time, also on two cores, where vitest's default is one: a file mostly waits on one
    // single-threaded tool (tsc, mypy, go vet, php) while the other core idles. 399 s against 597 s, one at a time (2026-12-08).
    maxWorkers: 2,
  },
});
