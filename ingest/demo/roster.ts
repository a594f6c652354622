// The demo's agents, as many per team as its workload needs: spread over the configured teams, each
// with skills, a speed and a quality. Depends only on the teams and their daily handle hours (fixed
// seed), so the same teams and volume always give the same staff.
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

/** The first agents' names, as every demo had them. */
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

// Beyond NAMES: surname × given name. Each list spells every entry's pinyin differently, and every
// syllable starts with a consonant, so two-syllable given names ('Xiaoming') never read alike
// either: distinct Chinese names stay distinct in pinyin.
const SURNAMES: readonly [string, string][] = [
  ['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['赵', 'Zhao'],
  ['黄', 'Huang'], ['周', 'Zhou'], ['吴', 'Wu'], ['徐', 'Xu'], ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'],
  ['胡', 'Hu'], ['郭', 'Guo'], ['何', 'He'], ['高', 'Gao'], ['林', 'Lin'], ['罗', 'Luo'], ['郑', 'Zheng'],
  ['梁', 'Liang'], ['谢', 'Xie'], ['宋', 'Song'], ['唐', 'Tang'], ['韩', 'Han'], ['冯', 'Feng'], ['邓', 'Deng'],
  ['曹', 'Cao'], ['彭', 'Peng'], ['曾', 'Zeng'], ['肖', 'Xiao'], ['田', 'Tian'], ['董', 'Dong'], ['袁', 'Yuan'],
  ['潘', 'Pan'], ['蒋', 'Jiang'], ['蔡', 'Cai'], ['余', 'Yu'], ['杜', 'Du'], ['叶', 'Ye'], ['程', 'Cheng'],
  ['魏', 'Wei'], ['苏', 'Su'], ['丁', 'Ding'], ['任', 'Ren'], ['沈', 'Shen'], ['姚', 'Yao'], ['卢', 'Lu'],
  ['钟', 'Zhong'], ['崔', 'Cui'], ['范', 'Fan'], ['金', 'Jin'], ['石', 'Shi'], ['廖', 'Liao'], ['贾', 'Jia'],
  ['夏', 'Xia'], ['付', 'Fu'], ['方', 'Fang'], ['邹', 'Zou'], ['熊', 'Xiong'], ['白', 'Bai'], ['孟', 'Meng'],
  ['秦', 'Qin'], ['邱', 'Qiu'], ['侯', 'Hou'], ['尹', 'Yin'], ['薛', 'Xue'], ['段', 'Duan'], ['雷', 'Lei'],
  ['龙', 'Long'], ['陶', 'Tao'], ['毛', 'Mao'], ['郝', 'Hao'], ['顾', 'Gu'], ['龚', 'Gong'], ['邵', 'Shao'],
  ['钱', 'Qian'], ['戴', 'Dai'], ['孔', 'Kong'], ['向', 'Xiang'], ['常', 'Chang'], ['莫', 'Mo'],
];
const GIVEN_CHARS: readonly [string, string][] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'],
  ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['涛', 'tao'],
  ['明', 'ming'], ['超', 'chao'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['华', 'hua'], ['辉', 'hui'],
  ['鑫', 'xin'], ['宇', 'yu'], ['晨', 'chen'], ['婷', 'ting'], ['浩', 'hao'], ['凯', 'kai'], ['琳', 'lin'],
  ['雪', 'xue'], ['博', 'bo'], ['佳', 'jia'], ['悦', 'yue'], ['然', 'ran'], ['子', 'zi'], ['思', 'si'],
  ['梦', 'meng'], ['泽', 'ze'], ['宁', 'ning'], ['文', 'wen'], ['建', 'jian'], ['志', 'zhi'], ['红', 'hong'],
  ['玲', 'ling'], ['丹', 'dan'], ['鹏', 'peng'], ['飞', 'fei'], ['斌', 'bin'], ['帆', 'fan'], ['晓', 'xiao'],
  ['春', 'chun'], ['海', 'hai'], ['国', 'guo'], ['荣', 'rong'], ['峰', 'feng'], ['颖', 'ying'], ['璐', 'lu'],
  ['瑶', 'yao'], ['倩', 'qian'], ['岚', 'lan'], ['睿', 'rui'], ['翔', 'xiang'], ['航', 'hang'], ['楠', 'nan'],
  ['彤', 'tong'], ['诗', 'shi'], ['怡', 'yi'], ['轩', 'xuan'],
];
const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);
/**
 * One-character given names, then two-character ones: every ordered pair of different characters,
 * by distance (伟芳, 芳娜, ... then 伟娜, ...) so that neighbours share neither character.
 */
const GIVEN: readonly [string, string][] = [
  ...GIVEN_CHARS.map(([zh, en]) => [zh, capital(en)] as [string, string]),
  ...GIVEN_CHARS.slice(1).flatMap((_, d) => GIVEN_CHARS.map(([a, pa], i) => {
    const [b, pb] = GIVEN_CHARS[(i + d + 1) % GIVEN_CHARS.length]!;
    return [a + b, capital(pa + pb)] as [string, string];
  })),
];

/**
 * Names for `count` agents: NAMES first, then surname k mod S with given name k mod G (k = 0, 1, ...:
 * every pair once before lcm(S, G), and neighbours differ in both parts), skipping any name already
 * given in either language. A numbered copy only past every combination (millions).
 */
export function agentNames(count: number): [string, string][] {
  const names = NAMES.slice(0, count).map(([zh, en]) => [zh, en] as [string, string]);
  const usedZh = new Set(names.map(([zh]) => zh));
  const usedEn = new Set(names.map(([, en]) => en));
  const combinations = lcm(SURNAMES.length, GIVEN.length);
  for (let k = 0; names.length < count; k++) {
    const [sz, se] = SURNAMES[k % SURNAMES.length]!;
    const [gz, ge] = GIVEN[k % GIVEN.length]!;
    const round = Math.floor(k / combinations);
    const suffix = round > 0 ? ` ${round + 1}` : '';
    const zh = sz + gz + suffix;
    const en = `${se} ${ge}${suffix}`;
    if (usedZh.has(zh) || usedEn.has(en)) continue;
    usedZh.add(zh);
    usedEn.add(en);
    names.push([zh, en]);
  }
  return names;
}

function lcm(a: number, b: number): number {
  let [x, y] = [a, b];
  while (y) [x, y] = [y, x % y];
  return (a / x) * b;
}

// How a real centre staffs for its ordinary day: people on duty = the day's handle hours over what
// one person handles in a shift at the target occupancy, grossed up for shrinkage (breaks, training,
// leave). The demo has no shifts (every agent can take any ticket of the day), so these are the
// people on duty a day; promotions and peak hours are more than they can carry, as in real centres.
export const SHIFT_HOURS = 8;
export const TARGET_OCCUPANCY = 0.8;
export const SHRINKAGE = 0.3;
/** Even a quiet team has a colleague to cover. */
export const MIN_TEAM_AGENTS = 2;

/** Agents a team needs for `handleHours` of recorded handle time on an ordinary day. */
export function teamAgents(handleHours: number): number {
  return Math.max(MIN_TEAM_AGENTS, Math.ceil(handleHours / (SHIFT_HOURS * TARGET_OCCUPANCY) / (1 - SHRINKAGE) - 1e-9));
}

/** The roster: per team (in config order) teamAgents(its ordinary day's handle hours). */
export function buildRoster(teams: readonly DemoTeam[], dailyHandleHours: readonly number[]): DemoAgent[] {
  if (dailyHandleHours.length !== teams.length) throw new Error(`demo roster: ${dailyHandleHours.length} handle-hour figures for ${teams.length} teams; give one per team`);
  const rng = new Rng(0x5eed_a6e7);
  const perTeam = dailyHandleHours.map(teamAgents);
  const names = agentNames(perTeam.reduce((a, b) => a + b, 0));
  const agents: DemoAgent[] = [];
  perTeam.forEach((n, team) => {
    for (let k = 0; k < n; k++) {
      const index = agents.length;
      const [zh, en] = names[index]!;
      const skills = [teams[team]!.id];
      if (teams.length > 1 && rng.chance(0.3)) {
        const other = (team + 1 + rng.int(teams.length - 1)) % teams.length;
        skills.push(teams[other]!.id);
      }
      agents.push({
        id: `A${String(index + 1).padStart(3, '0')}`,
        name_zh: zh,
        name_en: en,
        team,
        skills,
        speed: Math.round(Math.min(1.6, Math.max(0.65, rng.logNormal(1, 0.25))) * 100) / 100,
        quality: Math.round(Math.min(0.98, Math.max(0.1, 0.6 + 0.2 * rng.normal())) * 100) / 100,
      });
    }
  });
  return agents;
}
