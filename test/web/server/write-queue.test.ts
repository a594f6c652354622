// The write queue's policy, driven step by step: each write is held until the test lets it go.
import { describe, expect, it } from 'vitest';
import { WriteQueue, WriterBusyError } from '../../../web/server/write-queue.ts';

/** A write that runs until `finish()` is called, and says whether it started. */
function heldWrite() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => { finish = resolve; });
  const write = { started: false, finish, work: async () => { write.started = true; await done; return 'written'; } };
  return write;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WriteQueue', () => {
  it('runs writes one at a time, in order, and calls afterWrite after each', async () => {
    let after = 0;
    const queue = new WriteQueue(() => { after++; });
    const [a, b] = [heldWrite(), heldWrite()];
    const results = [queue.run(a.work), queue.run(b.work)];
    await tick();
    expect([a.started, b.started]).toEqual([true, false]);
    expect(queue.state()).toMatchObject({ running: { what: 'a write' }, waiting: 1 });
    a.finish();
    await results[0];
    await tick();
    expect(b.started).toBe(true);
    b.finish();
    expect(await Promise.all(results)).toEqual(['written', 'written']);
    expect(after).toBe(2);
  });

  it('admits at most maxPending batches; the next is refused at once with what is going on', async () => {
    const queue = new WriteQueue(undefined, { maxPending: 2, maxWaitMs: 60_000 });
    const running = heldWrite();
    const first = queue.admit();
    const result = queue.run(running.work, { admission: first, what: 'an ingest batch' });
    await tick();
    queue.admit();
    queue.admit(); // two uploading: the running batch gave its place up when it started
    const refused = (() => { try { queue.admit(); } catch (err) { return err; } })();
    expect(refused).toBeInstanceOf(WriterBusyError);
    expect((refused as WriterBusyError).retryAfter).toBe(5);
    expect((refused as WriterBusyError).state).toMatchObject({ running: { what: 'an ingest batch' }, waiting: 0, uploading: 2 });
    expect((refused as Error).message).toMatch(/an ingest batch has been running for \d+ s; 0 waiting, 2 uploading.*after 5 s/);
    running.finish();
    await result;
  });

  it('a batch whose turn has not come within maxWaitMs is refused, gives its place back and never runs', async () => {
    const queue = new WriteQueue(undefined, { maxPending: 1, maxWaitMs: 50 });
    const long = heldWrite();
    const running = queue.run(long.work);
    const late = heldWrite();
    const admission = queue.admit();
    const refused = await queue.run(late.work, { admission, what: 'an ingest batch' }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(WriterBusyError);
    expect((refused as Error).message).toMatch(/this batch waited 0 s for its turn \(a write has been running/);
    expect(queue.state()).toMatchObject({ waiting: 0, uploading: 0 });
    expect(() => queue.admit().release()).not.toThrow();
    long.finish();
    await running;
    await tick();
    expect(late.started).toBe(false);
  });

  it('any write (a forecast run, an apply) whose turn has not come within maxWaitMs is refused and never runs', async () => {
    const queue = new WriteQueue(undefined, { maxPending: 1, maxWaitMs: 50 });
    const long = heldWrite();
    const running = queue.run(long.work);
    const apply = heldWrite();
    const refused = await queue.run(apply.work).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(WriterBusyError);
    expect((refused as Error).message).toMatch(/this write waited 0 s for its turn \(a write has been running/);
    expect(queue.state()).toMatchObject({ waiting: 0 });
    long.finish();
    await running;
    await tick();
    expect(apply.started).toBe(false);
  });

  it('a batch that has started runs to its end, however long it takes', async () => {
    const queue = new WriteQueue(undefined, { maxPending: 1, maxWaitMs: 20 });
    const slow = heldWrite();
    const result = queue.run(slow.work, { admission: queue.admit(), what: 'an ingest batch' });
    await new Promise((resolve) => setTimeout(resolve, 60));
    slow.finish();
    expect(await result).toBe('written');
  });
});
