import path from 'node:path';
import { WORKLOAD_SPECS, Workload, WorkloadName } from '../workloads';

export type WorkloadSpecs = Record<WorkloadName, Workload>;

/**
 * The workloads each arm is asked, by arm spec: an arm of another checkout (`<kind>@<dir>`) gets that
 * checkout's bench/workloads.ts, so that a schema change can be measured against the code before it —
 * each side asks the question as its own schema spells it. Loaded by the same TypeScript loader (tsx).
 */
export function workloadSpecsByArm(arms: string[]): Map<string, WorkloadSpecs> {
  return new Map(
    arms.map((arm) => {
      const dir = arm.split('@')[1];
      if (!dir) return [arm, WORKLOAD_SPECS];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const other = require(path.join(path.resolve(dir), 'bench', 'workloads.ts')) as {
        WORKLOAD_SPECS: WorkloadSpecs;
      };
      return [arm, other.WORKLOAD_SPECS];
    }),
  );
}
