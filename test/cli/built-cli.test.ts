// The `deskpulse` command as installed: bin/deskpulse.js runs the build in dist/ (no transpiling at
// run time). Its help lists every command from the table without loading them; a command's own help
// comes from its module; an unknown command fails saying so and where to look.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/command-list.ts';
import { assertFreshServerBuild } from '../support/fresh-build.ts';

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('node', ['bin/deskpulse.js', ...args], { encoding: 'utf8' });
}

beforeAll(() => assertFreshServerBuild());

describe('the built deskpulse command', () => {
  it('lists every command with its summary in --help', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    const listed = help.stdout.replace(/\s+/g, ' ');
    for (const { name, summary } of COMMANDS) expect(listed).toContain(`${name} ${summary}`);
  });

  it("gives each command's options from its own module", () => {
    const ingest = run('ingest', '--help');
    expect(ingest.status).toBe(0);
    expect(ingest.stdout).toContain('Usage: deskpulse ingest [options] <files...>');
    expect(ingest.stdout).toContain('--mapping');
    expect(run('help', 'token').stdout).toMatch(/Commands:[\s\S]*create[\s\S]*revoke/);
  });

  it('fails on an unknown command, naming it and pointing at --help', () => {
    const unknown = run('ingset', 'events.csv');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("error: unknown command 'ingset'");
    expect(unknown.stderr).toContain('(Did you mean ingest?)');
    expect(unknown.stderr).toContain('`deskpulse --help` lists the commands');
    expect(unknown.stdout).toBe('');
  });
});
