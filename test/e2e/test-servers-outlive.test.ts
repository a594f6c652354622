// No `deskpulse serve` a test starts, nor its temp folder, outlives the test process: stopped and
// removed when it ends as a test file does (its folder is one of the file's), and also when it is
// killed (SIGKILL: no handler of its own runs; vitest ends a file's process with SIGTERM) or its run
// interrupted. The test process is test/e2e/fixtures/serve-until-told.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

async function testProcess(): Promise<{ child: ChildProcess; pid: number; dir: string }> {
  const child = spawn('node', ['--import', 'tsx', 'test/e2e/fixtures/serve-until-told.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next().then((r) => [r.value as string | undefined]);
  if (!line) throw new Error('the test process printed nothing');
  const { pid, dir } = JSON.parse(line) as { pid: number; dir: string };
  expect(alive(pid)).toBe(true);
  expect(existsSync(dir)).toBe(true);
  return { child, pid, dir };
}

const gone = (pid: number, dir: string) => expect.poll(() => ({ serving: alive(pid), folder: existsSync(dir) }), { timeout: 30_000, interval: 200 })
  .toEqual({ serving: false, folder: false });

describe('servers and folders of tests', () => {
  it('a test file\'s process that stops its server and ends leaves no folder', async () => {
    const { child, pid, dir } = await testProcess();
    child.stdin!.write('stop\n');
    await gone(pid, dir);
  }, 120_000);

  it('a test process killed leaves neither its server nor its folder', async () => {
    const { child, pid, dir } = await testProcess();
    child.kill('SIGKILL');
    await gone(pid, dir);
  }, 120_000);
});
