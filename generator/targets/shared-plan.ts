import type { GeneratorConfig, TargetName } from "../config.ts";
import type { Api } from "../ir/types.ts";

/**
 * Plans kept from the changelog step for the targets that run next: `generate` plans each target
 * for its surface first, and a plan is a pure function of the IR and the config. A plan reads the
 * package version only to keep it in `config`, so the changelog's version bump does not make it
 * stale: it is handed over with the new target config. Taken once; kept no longer than the IR.
 */
const kept = new WeakMap<Api, Map<TargetName, { key: string; view: { config: unknown } }>>();

/** The config as plans see it: everything but the package versions (the changelog bumps them). */
function planKey(config: GeneratorConfig): string {
  const targets = Object.fromEntries(Object.entries(config.targets).map(([name, options]) => [name, { ...options, packageVersion: undefined }]));
  return JSON.stringify({ ...config, targets });
}

/** Keeps a plan made for a surface, for `takePlan`. */
export function keepPlan<V extends { config: unknown }>(target: TargetName, api: Api, config: GeneratorConfig, view: V): void {
  let byTarget = kept.get(api);
  if (byTarget === undefined) kept.set(api, (byTarget = new Map()));
  byTarget.set(target, { key: planKey(config), view });
}

/** The plan kept for this IR and config (forgotten once taken), else a new one. */
export function takePlan<V extends { config: unknown }>(target: TargetName, api: Api, config: GeneratorConfig, plan: (api: Api, config: GeneratorConfig) => V): V {
  const found = kept.get(api)?.get(target);
  kept.get(api)?.delete(target);
  if (found === undefined || found.key !== planKey(config)) return plan(api, config);
  return { ...(found.view as V), config: config.targets[target] ?? found.view.config };
}
