import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runtimeProblem } from '../../scripts/require-node.mjs';
import { checkRuntime } from '../../src/server/db/doctor';

const SYSTEM_NODE = '/usr/bin/node';
const systemNodeMajor = existsSync(SYSTEM_NODE)
  ? Number(spawnSync(SYSTEM_NODE, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim())
  : 24;

describe('the runtime', () => {
  it('is the Node 24 that npm install brought', () => {
    expect(process.versions.node).toMatch(/^24\./);
    expect(checkRuntime()).toMatchObject({ name: 'runtime', ok: true, detail: `Node ${process.versions.node}` });
  });

  it('refuses any other major in one line that says what to do', () => {
    expect(runtimeProblem('24.22.3')).toBeNull();
    const problem = runtimeProblem('20.20.2') ?? '';
    expect(problem).toMatch(/^\[whatson\] not starting: this is Node 20\.20\.2, the portal needs Node 24; run it through npm/);
    expect(problem).not.toContain('\n');
    expect(checkRuntime('22.12.0')).toMatchObject({ ok: false });
  });

  // The machine's own Node is another major here (Node 20); where it is 24 there is nothing to refuse.
  it.runIf(systemNodeMajor !== 24)('stops the start script when launched with the system Node instead of through npm', () => {
    const result = spawnSync(SYSTEM_NODE, ['scripts/start.mjs'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('[whatson] not starting: this is Node');
  });
});
