import { z } from 'zod';
import { metricsRegistry } from '../../app/metrics/app-metrics.js';
import type { ApiContext, RouteModule } from '../api-context.js';
import { immutableResponse } from '../schemas/response-cache.js';
import { CHECK_STATES, type HealthReport } from '../../app/health/health-monitor.js';

const checkSchema = z.object({
  status: z.enum(CHECK_STATES),
  detail: z.string(),
  latencyMs: z.number().nullable(),
  checkedAt: z.string().describe('when the check ran (results are reused for about a second)'),
});

const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded', 'down']),
    version: z.string(),
    uptimeSeconds: z.number(),
    authEnabled: z.boolean(),
    checks: z.record(z.string(), checkSchema),
  })
  .meta({ id: 'Health' });

const gpuStatusSchema = z
  .object({
    accelerator: z.enum(['cpu', 'gpu']).describe('what the forecasting models run on'),
    gpu: z.object({
      inUse: z.boolean(),
      cudaVisibleDevices: z.string().nullable(),
      detail: z.string(),
    }),
    runtime: z.object({
      status: z.enum(['ready', 'failed']),
      library: z.string(),
      backend: z.string().nullable(),
      simd: z.boolean().nullable(),
      threads: z.int().nullable(),
      error: z.string().nullable(),
    }),
  })
  .meta({ id: 'GpuStatus' });

type GpuStatus = z.infer<typeof gpuStatusSchema>;

/** The forecasting runtime's real state, started on first request (its import is deferred: start-up cost). */
async function gpuStatus(context: ApiContext): Promise<GpuStatus> {
  const gpu = {
    inUse: false,
    cudaVisibleDevices: context.config.gpu.cudaVisibleDevices,
    detail:
      'the forecasting models run on TensorFlow.js with its WebAssembly backend, which has no GPU support in ' +
      'Node; no GPU is used whatever CUDA_VISIBLE_DEVICES says',
  };
  const library = '@tensorflow/tfjs-core 4.22 + @tensorflow/tfjs-backend-wasm 4.22';
  try {
    const { initTensorRuntime } = await import('../../forecasting/runtime/tensor-runtime.js');
    const info = await initTensorRuntime();
    return {
      accelerator: 'cpu',
      gpu,
      runtime: { status: 'ready', library, ...info, error: null },
    };
  } catch (error) {
    return {
      accelerator: 'cpu',
      gpu,
      runtime: {
        status: 'failed',
        library,
        backend: null,
        simd: null,
        threads: null,
        error: error instanceof Error ? error.message : String(error),
      },
    };
  }
}

/** Public endpoints, as in the original platform: health, accelerator status, Prometheus metrics. */
export const systemRoutes: RouteModule = {
  name: 'system',
  register(app, context) {
    // The last body sent: reused (and its JSON text with it) while the report and the uptime, in tenths of
    // a second, are the same, so a probe storm costs neither checks nor serialization.
    let last: { report: HealthReport; tenths: number; body: z.infer<typeof healthSchema> } | null = null;
    const body = (report: HealthReport): z.infer<typeof healthSchema> => {
      const tenths = Math.round((context.now() - context.startedAt) / 100);
      if (last?.report === report && last.tenths === tenths) return last.body;
      const checks = Object.entries(report.checks).map(([name, check]) => [
        name,
        { ...check, checkedAt: new Date(check.checkedAt).toISOString() },
      ]);
      last = {
        report,
        tenths,
        body: immutableResponse({
          status: report.status,
          version: context.version,
          uptimeSeconds: tenths / 10,
          authEnabled: context.authenticator !== null,
          checks: Object.fromEntries(checks) as Record<string, z.infer<typeof checkSchema>>,
        }),
      };
      return last.body;
    };
    app.get(
      '/health',
      {
        config: { access: 'public', rateLimit: false },
        schema: {
          tags: ['system'],
          summary: 'Liveness and readiness of the store and the optional services',
          description: '200 when the store answers (status ok or degraded), 503 when it does not.',
          response: { 200: healthSchema, 503: healthSchema },
        },
      },
      async (_request, reply) => {
        const report = await context.health.report();
        return reply.code(report.status === 'down' ? 503 : 200).send(body(report));
      },
    );

    app.get(
      '/gpu-status',
      {
        config: { access: 'public' },
        schema: {
          tags: ['system'],
          summary: 'The accelerator the forecasting models use, and whether a GPU is in use',
          response: { 200: gpuStatusSchema },
        },
      },
      () => gpuStatus(context),
    );

    app.get(
      '/metrics',
      {
        config: { access: 'public', rateLimit: false },
        schema: {
          tags: ['system'],
          summary: 'Prometheus metrics (text exposition format)',
          description:
            'Request latency by route, backtests, jobs, orders, fills, P&L, risk state, model inference ' +
            'time, WebSocket clients and process metrics.',
        },
      },
      async (_request, reply) => {
        const text = await metricsRegistry.metrics();
        return reply.type(metricsRegistry.contentType).send(text);
      },
    );
  },
};
