import type { Context } from '../../context.ts';
import type { TSystemRuntimeOutput } from './runtime.schema.ts';

export function systemRuntimeHandler({ ctx }: { ctx: Context }): TSystemRuntimeOutput {
  return ctx.deps.system.runtime();
}
