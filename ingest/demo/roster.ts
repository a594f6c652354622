// The demo's ~40 agents: spread over the configured teams by typical workload, each with skills,
// a speed and a quality. Depends only on the teams (fixed seed), so every demo has the same staff.
import type { DemoTeam } from './demo-config.ts';
import { Rng } from './rng.ts';

export interface DemoAgent {
  id: string;
  name_zh: string;
  name_en: string;
  /** Index into the config's team list. */
  team: number;
  /** Team ids the agent can work: the own team first, sometimes a second one. */
  skills: string[];
  /** Multiplies handle time and reply delay: 0.7 is fast, 1.5 slow. */
  speed: number;
  /** 0..1: better agents get fewer reopens and better ratings. */
  quality: number;
}

const NAMES: readonly [string, string][] = [
  ['王芳', 'Wang Fang'], ['李娜', 'Li Na'], ['张伟', 'Zhang Wei'], ['刘洋', 'Liu Yang'], ['陈静', 'Chen Jing'],
  ['杨磊', 'Yang Lei'], ['赵敏', 'Zhao Min'], ['黄强', 'Huang Qiang'], ['周婷', 'Zhou Ting'], ['吴军', 'Wu Jun'],
  ['徐丽', 'Xu Li'], ['孙浩', 'Sun Hao'], ['马超', 'Ma Chao'], ['朱琳', 'Zhu Lin'], ['胡斌', 'Hu Bin'],
  ['郭燕', 'Guo Yan'], ['何涛', 'He Tao'], ['高洁', 'Gao Jie'], ['林峰', 'Lin Feng'], ['罗佳', 'Luo Jia'],
  ['郑凯', 'Zheng Kai'], ['梁雪', 'Liang Xue'], ['谢鹏', 'Xie Peng'], ['宋雨', 'Song Yu'], ['唐亮', 'Tang Liang'],
  ['许晴', 'Xu Qing'], ['韩冰', 'Han Bing'], ['冯刚', 'Feng Gang'], ['邓莉', 'Deng Li'], ['曹阳', 'Cao Yang'],
  ['彭霞', 'Peng Xia'], ['曾辉', 'Zeng Hui'], ['肖红', 'Xiao Hong'], ['田野', 'Tian Ye'], ['董欣', 'Dong Xin'],
  ['袁博', 'Yuan Bo'], ['潘玉', 'Pan Yu'], ['蒋华', 'Jiang Hua'], ['蔡明', 'Cai Ming'], ['余萍', 'Yu Ping'],
  ['杜鑫', 'Du Xin'], ['叶青', 'Ye Qing'], ['程勇', 'Cheng Yong'], ['魏巍', 'Wei Wei'], ['苏畅', 'Su Chang'],
];

/** Relative head count of the known teams; other teams get the middle weight. */
const TEAM_WEIGHT: Readonly<Record<string, number>> = {
  returns: 10, logistics: 8, presales: 7, quality: 5, install: 5, escalations: 5,
};

export const DEMO_AGENT_COUNT = 40;

export function buildRoster(teams: readonly DemoTeam[], count = DEMO_AGENT_COUNT): DemoAgent[] {
  const rng = new Rng(0x5eed_a6e7);
  const weights = teams.map((t) => TEAM_WEIGHT[t.id] ?? 6);
  const total = weights.reduce((a, b) => a + b, 0);
  const perTeam = weights.map((w) => Math.max(2, Math.round((count * w) / total)));
  const agents: DemoAgent[] = [];
  perTeam.forEach((n, team) => {
    for (let k = 0; k < n; k++) {
      const index = agents.length;
      const [zh, en] = NAMES[index % NAMES.length]!;
      const suffix = index >= NAMES.length ? ` ${Math.floor(index / NAMES.length) + 1}` : '';
      const skills = [teams[team]!.id];
      if (teams.length > 1 && rng.chance(0.3)) {
        const other = (team + 1 + rng.int(teams.length - 1)) % teams.length;
        skills.push(teams[other]!.id);
      }
      agents.push({
        id: `A${String(index + 1).padStart(3, '0')}`,
        name_zh: zh + suffix,
        name_en: en + suffix,
        team,
        skills,
        speed: Math.round(Math.min(1.6, Math.max(0.65, rng.logNormal(1, 0.25))) * 100) / 100,
        quality: Math.round(Math.min(0.98, Math.max(0.1, 0.6 + 0.2 * rng.normal())) * 100) / 100,
      });
    }
  });
  return agents;
}
