/**
 * Generation API (SPEC §4): `planGeneration` renders everything in memory; `applyPlan` writes a plan
 * atomically. The CLI calls both; the editor previews the plan and applies it its own way.
 */
export { planGeneration, type GenerateOptions, type GenerationPlan, type PlannedFile, type PlannedHook } from './plan';
export { applyPlan, bookkeepingWrites, type ApplyPlanOptions, type ApplyResult } from './apply-plan';
export type { VariableLayer } from '../render/variables';
