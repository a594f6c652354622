import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDispatchRules } from '../../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import { routeMatchOf } from '../../../alerts/routing/route-match.ts';
import { firstTaker, planRoute } from '../../../alerts/routing/route-plan.ts';
import { routeLines } from '../../../alerts/routing/route-text.ts';
import { parseRouteVersionModel, routeVersionModel } from '../../../alerts/routing/route-version.ts';

const RULES = readFileSync('config/dispatch-rules.yaml', 'utf8');
const QUALITY = { id: 'quality', names: { en: 'Product quality', zh: '质量问题' } };
const spike = (product: string) => ({ group_key: `product=${product}`, detail: { group: { product } } });
const complaints = { filter: { problem_type: ['complaint'], team: ['escalations'] } };
const names = (_d: string, v: string) => v;

describe('routing an alert\'s tickets to a team', () => {
  it('the match: the alert\'s product within its rule\'s filter; a team filter or an agent group is left out and said so', () => {
    expect(routeMatchOf(spike('laptop'), complaints)).toEqual({
      match: { problem_type: ['complaint'], product: ['laptop'] }, routed: { product: 'laptop' }, leftOut: ['team'],
    });
    expect(routeMatchOf({ group_key: 'product=laptop,agent=a7', detail: { group: { product: 'laptop', agent: 'a7' } } }, { filter: {} })).toEqual({
      match: { product: ['laptop'] }, routed: { product: 'laptop' }, leftOut: ['agent'],
    });
    expect(routeMatchOf({ group_key: 'product=laptop,region=(none)', detail: { group: { product: 'laptop', region: null } } }, { filter: {} }))
      .toMatchObject({ match: { product: ['laptop'] }, leftOut: ['region'] });
    const byAgent = routeMatchOf({ group_key: 'product=laptop,agent=a7', detail: { group: { product: 'laptop', agent: 'a7' } } }, { filter: {} })!;
    expect(routeLines(planRoute(RULES, 'x', byAgent, QUALITY, 'why'), byAgent, QUALITY, 'en', names).at(-1)).toBe(
      'The alert\'s rule also filters or groups by agent; dispatch rules cannot match on that, so it is left out (the change applies whatever the agent).');
    expect(routeMatchOf({ group_key: 'team=escalations', detail: { group: { team: 'escalations' } } }, complaints)).toBeNull();
    expect(routeMatchOf({ group_key: 'product=(none)', detail: { group: { product: null } } }, complaints)).toBeNull();
  });

  it('a new skill_match queue of the team ahead of the queue taking them today, its SLA kept; every other byte as it was', () => {
    const route = routeMatchOf(spike('laptop'), complaints)!;
    const plan = planRoute(RULES, 'dispatch-rules.yaml', route, QUALITY, 'routed from alert complaint-spike:product=laptop');
    expect(plan.takenBy?.queue).toBe('escalations');
    expect(plan.change).toMatchObject({ kind: 'add-queue', queue: 'quality-products', skills: ['quality'], ahead: { queue: 'escalations' }, maxOpenPerAgent: 6 });
    const after = readDispatchRules(plan.text, 'x').queues;
    expect(after.map((q) => q.id)).toEqual(['returns', 'logistics', 'quality', 'install', 'presales', 'quality-products', 'escalations']);
    expect(firstTaker(after, { problem_type: ['complaint'], product: ['laptop'] })?.id).toBe('quality-products');
    expect(firstTaker(after, { problem_type: ['complaint'], product: ['earbuds'] })?.id).toBe('escalations');
    expect(after[5]).toMatchObject({ strategy: 'skill_match', sla: { firstResponseSeconds: 900, resolutionSeconds: 28_800, clock: 'calendar' } });
    expect(plan.text.replace(/  # routed from[^\n]*\n  - id: quality-products\n(    [^\n]*\n)*/, '')).toBe(RULES);
    expect(plan.text.split('\n')[plan.change!.line - 1]).toBe('  - id: quality-products');
    expect(routeLines(plan, route, QUALITY, 'en', names)[0]).toBe(
      'New queue Product quality: routed products (quality-products) at line 47, ahead of Complaints & escalations (escalations): matches problem type complaint, product laptop.');
  });

  it('a second product extends that queue\'s list; the same product again changes nothing', () => {
    const first = planRoute(RULES, 'x', routeMatchOf(spike('laptop'), complaints)!, QUALITY, 'why').text;
    const second = planRoute(first, 'x', routeMatchOf(spike('earbuds'), complaints)!, QUALITY, 'why');
    expect(second.change).toMatchObject({ kind: 'extend-match', queue: 'quality-products', added: { product: 'earbuds' } });
    expect(second.text).toBe(first.replace('product: [laptop]', 'product: [laptop, earbuds]'));
    const again = planRoute(second.text, 'x', routeMatchOf(spike('earbuds'), complaints)!, QUALITY, 'why');
    expect(again).toMatchObject({ change: null, already: { queue: 'quality-products' }, text: second.text });
  });

  it('a product-and-region alert never widens a queue to the other pairs of its lists (laptop in south is not earbuds in south)', () => {
    const pair = (product: string, region: string) => ({ group_key: `product=${product},region=${region}`, detail: { group: { product, region } } });
    const first = planRoute(RULES, 'x', routeMatchOf(pair('laptop', 'north'), complaints)!, QUALITY, 'why').text;
    for (const [product, region] of [['earbuds', 'south'], ['laptop', 'south'], ['earbuds', 'north']] as const) {
      const plan = planRoute(first, 'x', routeMatchOf(pair(product, region), complaints)!, QUALITY, 'why');
      const after = readDispatchRules(plan.text, 'x').queues;
      const taker = (p: string, r: string) => firstTaker(after, { problem_type: ['complaint'], product: [p], region: [r] })?.id;
      expect(taker(product, region)).not.toBe('escalations');
      // every other pair goes where it went before
      for (const [p, r] of [['laptop', 'north'], ['laptop', 'south'], ['earbuds', 'north'], ['earbuds', 'south']] as const) {
        if (p !== product || r !== region) expect(taker(p, r), `${p} in ${r}`).toBe(p === 'laptop' && r === 'north' ? 'quality-product-region' : 'escalations');
      }
    }
  });

  it('the version names the route in the history and reads back', () => {
    const model = routeVersionModel({ routed: { product: 'laptop' }, team: 'quality', alertId: 'complaint-spike:product=laptop' });
    expect(model).toBe('alert-route: product=laptop -> quality (alert complaint-spike:product=laptop)');
    expect(parseRouteVersionModel(model)).toEqual({ routed: { product: 'laptop' }, team: 'quality', alertId: 'complaint-spike:product=laptop' });
    expect(parseRouteVersionModel('combination')).toBeNull();
  });
});
