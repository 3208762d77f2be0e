// The diff of the two upstream Plex specs in test/fixtures (2025-09, multi-file; 2026-01), under the
// project's own config: it runs, is deterministic, and names changes as each SDK shows them.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffSpecs } from "../../generator/diff/index.ts";
import { reportJson } from "../../generator/diff/report.ts";
import { plexConfig, REPO_ROOT } from "../helpers/generate.ts";

const OLD = path.join(REPO_ROOT, "test/fixtures/plex-2025-09/pms-spec.yaml");
const NEW = path.join(REPO_ROOT, "test/fixtures/plex-2026-01/plex-api-spec.yaml");

describe("diff of Plex 2025-09 and 2026-01", () => {
  it("classifies hundreds of changes per target, the same way twice", async () => {
    const config = await plexConfig();
    const report = await diffSpecs(config, OLD, NEW, { validate: false });
    const again = await diffSpecs(config, OLD, NEW, { validate: false });
    expect(reportJson(again)).toBe(reportJson(report));
    // The SDKs are 0.x: breaking changes ask for a minor bump.
    expect(report.bump).toBe("minor");
    for (const target of ["typescript", "python", "go", "csharp"]) {
      const mine = report.changes.filter((c) => c.target === target);
      expect(mine.filter((c) => c.breaking).length).toBeGreaterThan(100);
      expect(mine.filter((c) => !c.breaking).length).toBeGreaterThan(500);
    }
    const renamed = (target: string) => report.changes.find((c) => c.target === target && c.rule === "operation.renamed" && /activities/i.test(c.surface));
    expect(renamed("typescript")?.surface).toBe("sdk.activities.getServerActivities()");
    expect(renamed("typescript")?.change).toBe("method renamed: now sdk.activities.listActivities()");
    expect(renamed("python")?.surface).toBe("sdk.activities.get_server_activities()");
    expect(renamed("go")?.surface).toBe("s.Activities.GetServerActivities()");
    expect(renamed("csharp")?.surface).toBe("sdk.Activities.GetServerActivitiesAsync()");
  }, 120_000);

  it("of Plex 2026-01 with itself is empty", async () => {
    const report = await diffSpecs(await plexConfig(), NEW, NEW, { validate: false });
    expect(report.changes).toEqual([]);
    expect(report.bump).toBe("none");
  }, 120_000);
});
