// With several workers, one of them runs the instance's background jobs
// (digests, privacy housekeeping): each pass reads every event file, and
// every worker making it would multiply that work by the number of workers.
import { describe, expect, it, vi } from 'vitest';
import { backgroundJobsHolder, runBackgroundJobsHere } from '../../src/server/http/workers';

describe('the worker that runs the background jobs', () => {
  it('is the first to listen, and only it is told', () => {
    const told: string[] = [];
    const jobs = backgroundJobsHolder<string>((worker) => told.push(worker));
    jobs.listening('first');
    jobs.listening('second');
    expect(jobs.holder).toBe('first');
    expect(told).toEqual(['first']);
  });

  it('passes to the longest-listening other worker when it stops', () => {
    const told: string[] = [];
    const jobs = backgroundJobsHolder<string>((worker) => told.push(worker));
    jobs.listening('first');
    jobs.listening('second');
    jobs.listening('third');
    jobs.exited('first');
    expect(jobs.holder).toBe('second');
    expect(told).toEqual(['first', 'second']);
  });

  it('stays where it is when another worker stops', () => {
    const told: string[] = [];
    const jobs = backgroundJobsHolder<string>((worker) => told.push(worker));
    jobs.listening('first');
    jobs.listening('second');
    jobs.exited('second');
    expect(jobs.holder).toBe('first');
    expect(told).toEqual(['first']);
  });

  it('goes to the replacement once it listens when the only worker stopped', () => {
    const told: string[] = [];
    const jobs = backgroundJobsHolder<string>((worker) => told.push(worker));
    jobs.listening('only');
    jobs.exited('only');
    expect(jobs.holder).toBeNull();
    jobs.listening('replacement');
    expect(told).toEqual(['only', 'replacement']);
  });

  it('in a process that serves by itself, the jobs start at once', () => {
    const start = vi.fn();
    runBackgroundJobsHere(start);
    expect(start).toHaveBeenCalledOnce();
  });
});
