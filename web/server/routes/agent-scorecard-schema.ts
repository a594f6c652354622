// The response schema of GET /api/agents/:agent/scorecard (warehouse/metrics/agent-scorecard.ts).
import { Type } from '@sinclair/typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Label = Type.Object({ en: Type.String(), zh: Type.String() });

export const ScorecardSchema = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String(), timezone: Type.String() }),
  clock: Type.Union([Type.Literal('calendar'), Type.Literal('business')]),
  agent: Type.String(),
  team: Nullable(Type.String()),
  lines: Type.Array(Type.Object({
    key: Type.String(),
    label: Label,
    unit: Type.String(),
    value: Nullable(Type.Number()),
    teamMedian: Nullable(Type.Number()),
    teamAgents: Type.Integer({ description: 'agents of the team with a value, the agent included' }),
    relative: Nullable(Type.Number({ description: '(value - team median) / team median' })),
    position: Nullable(Type.Union([Type.Literal('above'), Type.Literal('below'), Type.Literal('same')])),
    verdict: Nullable(Type.Union([Type.Literal('better'), Type.Literal('worse'), Type.Literal('same')], {
      description: 'by the measure\'s direction; null for workload counts, which have none' })),
  })),
});
