import type { APIRoute } from 'astro';
import { checkHealth } from '../server/health';

export const GET: APIRoute = async () => {
  const health = await checkHealth();
  return new Response(JSON.stringify(health), {
    status: health.ok ? 200 : 503,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
};
