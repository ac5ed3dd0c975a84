import { authedProcedure, publicProcedure, roleProcedure, router } from '../../trpc.ts';
import { systemRuntimeHandler } from './runtime.handler.ts';
import { ZSystemRuntimeInput, ZSystemRuntimeOutput } from './runtime.schema.ts';
import { systemStatusHandler } from './status.handler.ts';
import { ZSystemStatusInput, ZSystemStatusOutput } from './status.schema.ts';
import { whoAmIHandler } from './whoami.handler.ts';
import { ZWhoAmIInput, ZWhoAmIOutput } from './whoami.schema.ts';

export const systemRouter = router({
  status: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/system/status',
        tags: ['system'],
        summary: 'Service status: version, database reachability, server time (UTC and Europe/Stockholm)',
        protect: false,
      },
    })
    .input(ZSystemStatusInput)
    .output(ZSystemStatusOutput)
    .query(systemStatusHandler),

  whoami: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/system/whoami',
        tags: ['system'],
        summary: 'The caller as the API sees it (user id, role)',
      },
    })
    .input(ZWhoAmIInput)
    .output(ZWhoAmIOutput)
    .query(whoAmIHandler),

  runtime: roleProcedure('admin')
    .meta({
      openapi: {
        method: 'GET',
        path: '/system/runtime',
        tags: ['system'],
        summary: 'Admin only: non-secret runtime configuration (auth mode, limits, CORS, uptime)',
      },
    })
    .input(ZSystemRuntimeInput)
    .output(ZSystemRuntimeOutput)
    .query(systemRuntimeHandler),
});
