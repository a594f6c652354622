// alerts: and notify: of the config: good rules read, bad ones refused with file, line and column.
import { describe, expect, it } from 'vitest';
import { parseAlertConfig } from '../../../alerts/config/alert-config.ts';
import { ConfigError } from '../../../warehouse/config-file.ts';

const GOOD = `notify:
  ops:   { type: webhook, url: http://127.0.0.1:9999/hook }
  floor: { type: dingtalk, url: https://oapi.dingtalk.com/robot/send?access_token=x, secret: s }
alerts:
  - id: complaint-spike
    kind: anomaly
    metric: volume
    filter: { problem_type: [complaint] }
    by: [product]
    window: 2h
    notify: [ops]
  - id: frt-sla-low
    kind: threshold
    metric: sla_frt
    below: 80%
    window: 1h
    by: [team]
    notify: [floor]
  - id: breaching
    kind: breaching
    within: 30m
    escalate_after: 20m
    notify: [floor, ops]
`;

function refusal(text: string): ConfigError {
  try {
    parseAlertConfig(text, 'deskpulse.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('the config was accepted');
}

describe('alert config', () => {
  it('reads the rules of the issue\'s example', () => {
    const config = parseAlertConfig(GOOD, 'deskpulse.yaml');
    expect(config.rules.map((r) => [r.id, r.kind])).toEqual([['complaint-spike', 'anomaly'], ['frt-sla-low', 'threshold'], ['breaching', 'breaching']]);
    expect(config.rules[0]).toMatchObject({ window: 7200, level: 0.001, by: ['product'], filter: { problem_type: ['complaint'] } });
    expect(config.rules[1]).toMatchObject({ below: 0.8, window: 3600 });
    expect(config.rules[2]).toMatchObject({ within: 1800, escalateAfter: 1200, notify: ['floor', 'ops'] });
    expect([...config.targets.keys()]).toEqual(['ops', 'floor']);
  });

  it('refuses an unknown metric at its line and column', () => {
    const e = refusal(GOOD.replace('metric: sla_frt', 'metric: sla_first_respons'));
    expect([e.line, e.column, e.key]).toEqual([14, 13, 'alerts.1.metric']);
    expect(e.message).toMatch(/^deskpulse\.yaml:14:13: alerts\.1\.metric: unknown metric "sla_first_respons"; use one of volume/);
  });

  it('refuses an unknown notify target at its line and column', () => {
    const e = refusal(GOOD.replace('notify: [floor]', 'notify: [flor]'));
    expect([e.line, e.column]).toEqual([18, 14]);
    expect(e.message).toContain('unknown notify target "flor"; define it under notify: (ops, floor)');
  });

  it('refuses a bad window at its line and column', () => {
    const e = refusal(GOOD.replace('window: 2h', 'window: two hours'));
    expect([e.line, e.column]).toEqual([10, 13]);
    expect(e.message).toContain('"two hours" is not a duration like 30m, 2h, 1d');
  });

  it('refuses a target of an unknown type and a breaching horizon past the live view\'s hour', () => {
    expect(refusal(GOOD.replace('type: webhook', 'type: pager')).message).toMatch(/:2:18: notify\.ops\.type: unknown type "pager"/);
    expect(refusal(GOOD.replace('within: 30m', 'within: 2h')).message).toMatch(/:21:13: alerts\.2\.within: at most 60m/);
  });
});
