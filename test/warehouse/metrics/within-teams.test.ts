// withinTeams: the one rule by which a team lead sees an alert or a scheduled report (every team it
// concerns theirs), by hand on small cases and as properties over generated teams and scopes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foreignTeams, withinTeams } from '../../../warehouse/metrics/scoped-filter.ts';

const TEAMS = ['returns', 'logistics', 'quality', 'install', 'presales'];
const teamList = fc.uniqueArray(fc.constantFrom(...TEAMS), { maxLength: TEAMS.length });

describe('withinTeams', () => {
  it('shows a lead what concerns their teams alone', () => {
    expect(withinTeams(['returns'], ['returns'])).toBe(true);
    expect(withinTeams(['returns', 'logistics'], ['logistics', 'returns', 'quality'])).toBe(true);
    // also another team: hidden whole
    expect(withinTeams(['returns', 'logistics'], ['returns'])).toBe(false);
    expect(withinTeams(['logistics'], ['returns'])).toBe(false);
    // no team in particular (the whole desk): hidden from every lead, shown to the unscoped
    expect(withinTeams([], ['returns', 'logistics'])).toBe(false);
    expect(withinTeams([], null)).toBe(true);
    // a lead of no team sees nothing
    expect(withinTeams(['returns'], [])).toBe(false);
    expect(withinTeams(['returns', 'logistics'], null)).toBe(true);
  });

  it('properties: more teams in the scope hide nothing; a team outside it hides; order and repeats do not matter; as foreignTeams says', () => {
    fc.assert(fc.property(teamList, teamList, fc.constantFrom(...TEAMS), (teams, scope, extra) => {
      const shown = withinTeams(teams, scope);
      if (shown) expect(withinTeams(teams, [...scope, extra])).toBe(true);
      if (!scope.includes(extra)) expect(withinTeams([...teams, extra], scope)).toBe(false);
      expect(withinTeams([...teams].reverse().concat(teams), [...scope].reverse())).toBe(shown);
      expect(shown).toBe(teams.length > 0 && foreignTeams(teams, { role: 'team_lead', teams: scope }).length === 0);
      expect(withinTeams(teams, null)).toBe(true);
    }));
  });

  it('two things a lead may see, taken together, they may see too', () => {
    fc.assert(fc.property(teamList, teamList, teamList, (a, b, scope) => {
      if (withinTeams(a, scope) && withinTeams(b, scope)) expect(withinTeams([...new Set([...a, ...b])], scope)).toBe(true);
    }));
  });
});
