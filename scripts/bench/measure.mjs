// One autocannon run against one URL, reduced to the numbers the report needs.
import autocannon from 'autocannon';

export async function measure(url, { seconds, connections }) {
  const result = await autocannon({ url, connections, duration: seconds });
  return {
    reqPerSec: result.requests.average,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    // A server that answers errors fast would look fast: the caller refuses such runs.
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** Measures url after an unrecorded warm-up, so JIT compilation and caches do not count. */
export async function measureWarm(url, { seconds, warmUpSeconds, connections }) {
  await measure(url, { seconds: warmUpSeconds, connections });
  return measure(url, { seconds, connections });
}
