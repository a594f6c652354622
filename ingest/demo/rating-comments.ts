// Survey comments the demo's customers leave with a rating, in Chinese and English (about one in
// three), grouped by how the customer felt. Each is composed from parts: what went wrong for the
// ticket's problem type (a fault of one of the product's parts, a late parcel, a refund, a fitter, an
// agent's attitude ...), often how the service handled it, and what the customer wants now; so the
// complaint review finds varied, realistic terms, and a comment fits its ticket's product.
import { PRODUCT_LABELS, PROBLEM_TYPE_LABELS } from './labels.ts';
import type { Rng } from './rng.ts';

type Pair = readonly [zh: string, en: string];

/** Faults of each demo product's parts (product id -> faults), for quality and repair tickets. */
const PART_FAULTS: Record<string, readonly Pair[]> = {
  air_conditioner: [['外机噪音特别大', 'the outdoor unit is very loud'], ['开了一小时还是不制冷', 'it does not cool even after an hour'],
    ['室内机一直滴水', 'the indoor unit keeps dripping water'], ['遥控器按键失灵', 'the remote control buttons do not respond'],
    ['出风口有一股霉味', 'the vents smell musty'], ['压缩机频繁启停', 'the compressor keeps switching on and off']],
  refrigerator: [['冷藏室不够冷，菜放两天就坏了', 'the fridge section is not cold and food spoils in two days'], ['冷冻室结了厚厚一层冰', 'the freezer is full of ice'],
    ['压缩机嗡嗡响，晚上睡不着', 'the compressor hums all night'], ['门封条密封不严', 'the door seal does not close properly'],
    ['温度显示屏黑屏', 'the temperature display went blank'], ['制冰机不出冰', 'the ice maker makes no ice']],
  washing_machine: [['脱水时整台机器剧烈晃动', 'the whole machine shakes violently when spinning'], ['排水管漏水，地板都泡了', 'the drain hose leaks onto the floor'],
    ['滚筒有异响', 'the drum makes a grinding noise'], ['洗完衣服上有黑色污渍', 'clothes come out with black stains'],
    ['门锁打不开，衣服拿不出来', 'the door stays locked with the clothes inside'], ['控制面板报错E21', 'the control panel shows error E21']],
  television: [['屏幕出现一条竖线', 'there is a vertical line on the screen'], ['开机半小时后自动重启', 'it restarts by itself after half an hour'],
    ['遥控器配对不上', 'the remote will not pair'], ['画面有漏光', 'the panel bleeds light at the edges'],
    ['声音和画面不同步', 'the sound is out of sync with the picture'], ['连不上家里的无线网络', 'it cannot connect to the home wifi']],
  smartphone: [['电池半天就没电了', 'the battery is empty by noon'], ['充电时机身发烫', 'the phone gets hot while charging'],
    ['屏幕触控失灵', 'the touch screen stops responding'], ['摄像头拍照模糊', 'the camera takes blurry photos'],
    ['信号很差，经常无服务', 'reception is poor and it often shows no service'], ['系统更新后频繁卡死', 'it freezes all the time since the update']],
  laptop: [['键盘有几个键失灵', 'several keys on the keyboard do not work'], ['风扇噪音大，机身烫手', 'the fan is loud and the case burns'],
    ['屏幕转轴松了', 'the screen hinge is loose'], ['电池充不进电', 'the battery will not charge'],
    ['触控板经常乱跳', 'the touchpad cursor jumps around'], ['用了一周就蓝屏', 'it blue-screened within a week']],
  earbuds: [['左耳没有声音', 'the left earbud has no sound'], ['蓝牙经常断连', 'the bluetooth connection keeps dropping'],
    ['充电盒无法充电', 'the charging case will not charge'], ['降噪开了有电流声', 'noise cancelling makes a hissing sound'],
    ['续航不到两小时', 'the battery lasts less than two hours'], ['麦克风通话对方听不清', 'callers cannot hear me through the microphone']],
  robot_vacuum: [['不回充电座', 'it never finds its way back to the dock'], ['边刷转两天就掉了', 'the side brush fell off after two days'],
    ['建图总是出错', 'the map keeps coming out wrong'], ['吸力明显变小', 'the suction has become very weak'],
    ['拖布漏水把地板泡了', 'the mop leaks water all over the floor'], ['在地毯上卡住不动', 'it gets stuck on the rug']],
  water_purifier: [['出水有一股塑料味', 'the water tastes of plastic'], ['滤芯用了一个月就报警', 'the filter alarm went off after a month'],
    ['接头处渗水', 'the fittings seep water'], ['废水比说明书多一倍', 'it wastes twice the water the manual says'],
    ['TDS值一直降不下来', 'the TDS reading never goes down'], ['增压泵声音很吵', 'the booster pump is noisy']],
  water_heater: [['洗到一半水就凉了', 'the water turns cold halfway through a shower'], ['漏电保护老是跳闸', 'the leakage switch keeps tripping'],
    ['加热要等两个小时', 'heating up takes two hours'], ['安全阀一直滴水', 'the safety valve keeps dripping'],
    ['温控失灵，水烫得没法用', 'the thermostat fails and the water is scalding'], ['显示屏报E4故障', 'the display shows fault E4']],
  rice_cooker: [['米饭底部总是糊锅', 'the rice always burns at the bottom'], ['内胆涂层掉了', 'the coating of the inner pot is peeling'],
    ['预约功能不起作用', 'the timer function does not work'], ['煮饭时盖子漏蒸汽', 'steam leaks from the lid while cooking'],
    ['按键面板进水失灵', 'the buttons stopped working after water got in'], ['保温一会儿饭就发黄', 'rice turns yellow on keep-warm']],
  smartwatch: [['表带两周就断了', 'the strap broke within two weeks'], ['心率测得不准', 'the heart rate readings are wrong'],
    ['和手机同步不了数据', 'it will not sync with my phone'], ['续航只有一天', 'the battery lasts only a day'],
    ['表盘屏幕起雾', 'the screen fogs up inside'], ['抬腕亮屏没反应', 'raise-to-wake does not work']],
};

/** Each product's name, and the short word customers use for it. */
const PRODUCT_WORDS: Record<string, Pair> = {
  air_conditioner: ['空调', 'air conditioner'], refrigerator: ['冰箱', 'fridge'], washing_machine: ['洗衣机', 'washing machine'],
  television: ['电视', 'TV'], smartphone: ['手机', 'phone'], laptop: ['笔记本', 'laptop'], earbuds: ['耳机', 'earbuds'], robot_vacuum: ['扫地机', 'robot vacuum'],
  water_purifier: ['净水器', 'water purifier'], water_heater: ['热水器', 'water heater'], rice_cooker: ['电饭煲', 'rice cooker'], smartwatch: ['手表', 'watch'],
};

/** What went wrong, per problem type; {p} stands for the product's word. */
const CORES: Record<string, readonly Pair[]> = {
  return_exchange: [['退货申请提交一周了还在审核', 'my return request has been under review for a week'],
    ['退款承诺三到五天到账，结果等了半个月', 'the refund was promised in 3-5 days and it has been two weeks'],
    ['约好的上门取件没人来', 'nobody came for the booked pickup'], ['换回来的{p}还是同样的毛病', 'the replacement {p} has the same fault'],
    ['退货运费要我自己承担', 'I was told to pay the return shipping myself'], ['仓库说收到的{p}缺配件，拒绝退款', 'the warehouse refused my refund claiming parts were missing'],
    ['七天无理由退货被拒', 'my no-reason return within 7 days was refused'], ['退款只退了一部分', 'only part of my money was refunded']],
  logistics: [['快递比承诺晚了五天', 'the parcel arrived five days late'], ['物流信息三天没有更新', 'tracking has not updated for three days'],
    ['显示已签收但我根本没拿到', 'it says delivered but I never got it'], ['外箱破损，{p}磕坏了', 'the box was crushed and the {p} is dented'],
    ['快递小哥不肯送上楼，让我自己下楼搬', 'the courier refused to carry it upstairs'], ['改了地址还是送到旧地址', 'it went to my old address after I changed it'],
    ['包裹丢了没人负责', 'the parcel is lost and nobody takes responsibility'], ['约好上午送，等了一天没来', 'I waited all day for a morning delivery']],
  product_quality: [],
  installation: [['安装师傅迟到了三个小时', 'the fitter was three hours late'], ['预约了两次上门都没来', 'two booked visits and nobody showed up'],
    ['安装完{p}就出了问题', 'the {p} broke right after installation'], ['师傅多收了材料费', 'the fitter charged extra for materials'],
    ['维修师傅看了一眼就走了', 'the repairman glanced at it and left'], ['装完墙上留了一堆灰没清理', 'they left dust and debris all over the wall'],
    ['维修等配件等了两周', 'the repair waited two weeks for a spare part'], ['修过一次又坏了', 'it broke again after the repair']],
  pre_sales: [['下单后降价了，价格保护不给申请', 'the price dropped after I ordered and price protection was refused'],
    ['结算时优惠券无法使用', 'the coupon did not work at checkout'], ['页面写有货，付款后又说缺货', 'it said in stock, then out of stock after I paid'],
    ['问{p}的参数，两个导购说法不一样', 'two agents gave me different specs for the {p}'], ['赠品一直没有发', 'the free gift never shipped'],
    ['咨询了半天没人能说清楚保修政策', 'nobody could explain the warranty terms'], ['活动规则写得含糊', 'the promotion rules were vague']],
  complaint: [['接线员态度恶劣，直接挂我电话', 'the agent was rude and hung up on me'], ['说话很不耐烦', 'the agent sounded impatient and dismissive'],
    ['承诺回电却一直没有回', 'they promised to call back and never did'], ['被转了四次没人负责', 'I was passed around four times and nobody owned it'],
    ['宣传的功能{p}上根本没有', 'the {p} lacks features the advert promised'], ['同一个问题投诉了三次还没解决', 'I complained three times about the same issue'],
    ['主管也只会道歉不给方案', 'the supervisor only apologised and offered no solution'], ['工单被关了但问题还在', 'my ticket was closed without fixing anything']],
  invoice: [['抬头开错了，公司没法报销', 'the company name on the bill is wrong'], ['电子票一直没发到邮箱', 'the e-invoice never reached my inbox'],
    ['要开增值税专票拖了两周', 'a VAT receipt took two weeks'], ['开票金额和订单对不上', 'the amount billed does not match the order'],
    ['重开还要我把原件寄回去', 'they want the original posted back before reissuing'], ['税号填对了开出来还是错的', 'the printed tax number is wrong although I gave it correctly']],
};

/** How the service handled it (a negative comment adds one to about half its cores). */
const SERVICE: readonly Pair[] = [['客服回复太慢', 'replies took ages'], ['电话一直打不通', 'the hotline never picks up'],
  ['转了好几个人', 'I was transferred again and again'], ['每次都要重新说明情况', 'I had to explain everything each time'],
  ['在线机器人答非所问', 'the chatbot answered something else'], ['答应的跟进没有下文', 'the promised follow-up never came']];

/** What the customer wants now. */
const ENDINGS: readonly Pair[] = [['希望尽快处理', 'please sort it out quickly'], ['要求赔偿', 'I want compensation'],
  ['不会再买这个牌子了', 'never buying this brand again'], ['非常失望', 'very disappointed'], ['不行就找消协投诉', 'I will go to the consumer association'],
  ['请给个明确的答复', 'I need a clear answer']];

/** A settled case, for middling ratings: what happened, and the but. */
const NEUTRAL: readonly Pair[] = [['问题解决了，但是等了三天', 'fixed in the end, but it took three days'], ['处理结果一般', 'the outcome was just OK'],
  ['需要自己多次跟进才有进展', 'I had to chase them several times'], ['客服挺客气，就是效率低', 'polite agents, slow process'],
  ['{p}换好了，物流有点慢', 'the {p} was replaced, delivery was slow'], ['还行，希望下次快一点', 'acceptable, hope it is faster next time']];

const POSITIVE: readonly Pair[] = [['客服很耐心，谢谢！', 'patient and helpful agent, thanks!'], ['处理很快，点赞', 'sorted out quickly, great'],
  ['师傅很专业，{p}装得很好', 'the technician was professional, the {p} works well'], ['退款很快到账了', 'the refund arrived quickly'],
  ['一次就解决了', 'solved on the first contact']];

type Mood = 'negative' | 'neutral' | 'positive';
const MOODS: readonly Mood[] = ['negative', 'neutral', 'positive'];
/** Comments per problem type and product: this many Chinese and English ones per mood. */
const PER_BLOCK: Record<Mood, { zh: number; en: number }> = { negative: { zh: 10, en: 5 }, neutral: { zh: 4, en: 2 }, positive: { zh: 3, en: 2 } };

const GENERIC_FAULTS: readonly Pair[] = [['用了几天就坏了', 'it broke after a few days'], ['有明显的划痕', 'it arrived scratched'],
  ['开机没反应', 'it does not switch on'], ['有异响', 'it makes a strange noise']];
const productWord = (product: string, lang: 0 | 1) => PRODUCT_WORDS[product]?.[lang] ?? PRODUCT_LABELS.find((l) => l.id === product)![lang === 0 ? 'zh' : 'en'].toLowerCase();
const fill = (text: string, product: string, lang: 0 | 1) => text.replaceAll('{p}', productWord(product, lang));
const sentence = (en: string) => `${en[0]!.toUpperCase()}${en.slice(1)}`;

/** What went wrong for a ticket of `problemType` about `product`: quality tickets name a part's fault, others their type's troubles. */
function coresOf(problemType: string, product: string): readonly Pair[] {
  const faults = PART_FAULTS[product] ?? GENERIC_FAULTS;
  if (problemType === 'product_quality') return faults;
  if (problemType === 'installation') return [...CORES.installation!, ...faults.slice(0, 2)];
  return CORES[problemType] ?? CORES.complaint!;
}

/**
 * The `n`th comment of a block, in Chinese (lang 0) or English (1): cores, service lines and endings
 * stepped at different strides, so a block's comments differ and combine parts in many ways.
 */
function compose(mood: Mood, problemType: string, product: string, lang: 0 | 1, n: number, seed: number): string {
  if (mood !== 'negative') {
    const list = mood === 'neutral' ? NEUTRAL : POSITIVE;
    const text = fill(list[(n * 2 + seed) % list.length]![lang], product, lang);
    return lang === 0 ? text : sentence(text);
  }
  const cores = coresOf(problemType, product);
  const core = fill(cores[(n + seed) % cores.length]![lang], product, lang);
  const service = (n + seed) % 2 === 0 ? SERVICE[(n * 5 + seed) % SERVICE.length]![lang] : null;
  const ending = (n + 2 * seed) % 3 !== 2 ? ENDINGS[(n * 7 + seed * 3) % ENDINGS.length]![lang] : null;
  if (lang === 0) return [core, service, ending].filter(Boolean).join('，');
  return `${sentence(core)}${service ? `; ${service}` : ''}.${ending ? ` ${sentence(ending)}.` : ''}`;
}

/** The dictionary: each comment once (the demo's comment column is an ENUM of them), grouped by mood. */
function buildDictionary(): { comments: string[]; blocks: Map<string, number[]>; ranges: Record<Mood, readonly [number, number]> } {
  const comments: string[] = [];
  const codes = new Map<string, number>();
  const blocks = new Map<string, number[]>();
  const ranges = {} as Record<Mood, readonly [number, number]>;
  const codeOf = (comment: string) => {
    if (!codes.has(comment)) codes.set(comment, comments.push(comment) - 1);
    return codes.get(comment)!;
  };
  for (const mood of MOODS) {
    const from = comments.length;
    PROBLEM_TYPE_LABELS.forEach(({ id: problemType }, pt) => {
      PRODUCT_LABELS.forEach(({ id: product }, p) => {
        const seed = pt * 3 + p; // another mix of parts for each product and problem type
        const block = [
          ...Array.from({ length: PER_BLOCK[mood].zh }, (_, n) => codeOf(compose(mood, problemType, product, 0, n, seed))),
          ...Array.from({ length: PER_BLOCK[mood].en }, (_, n) => codeOf(compose(mood, problemType, product, 1, n, seed + 1))),
        ];
        blocks.set(`${mood}:${pt}:${p}`, block);
      });
    });
    ranges[mood] = [from, comments.length];
  }
  return { comments, blocks, ranges };
}

const DICTIONARY = buildDictionary();

/** All comments, as the dictionary of the `comment` code column. */
export const RATING_COMMENTS: readonly string[] = DICTIONARY.comments;

/** Comment code ranges (0-based indexes into RATING_COMMENTS) per sentiment. */
export const COMMENT_RANGES = DICTIONARY.ranges;

/**
 * The code (1-based) of a comment in `range` (one of COMMENT_RANGES) that fits a ticket of
 * `problemType` about `product` (indexes of the demo's labels); one draw of `rng`, as a draw over the
 * whole range would be.
 */
export function commentCode(range: readonly [number, number], problemType: number, product: number, rng: Rng): number {
  const mood = MOODS.find((m) => COMMENT_RANGES[m] === range);
  const block = mood && DICTIONARY.blocks.get(`${mood}:${problemType}:${product}`);
  if (!block) return range[0] + rng.int(range[1] - range[0]) + 1;
  return block[rng.int(block.length)]! + 1;
}
