// The terms of a customer comment, as the complaint review counts them: Chinese runs segmented by
// jieba (a maintained segmenter), Latin runs split into lower-cased words; stop words dropped.
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// Stop words: the stopwords-iso lists (maintained, MIT; 1,298 English and 794 Chinese function words
// and fillers such as "took", "three", "again", 然后, 而且), plus the few fillers they lack that
// customers' complaints are full of: Chinese words jieba keeps whole (没有, 已经, 一直 ...) and English
// words of time spans ("three days", "took hours": the number and the span say nothing about the problem).
const STOP_WORDS = createRequire(import.meta.url)('stopwords-iso') as { en: string[]; zh: string[] };
const ZH_STOP_WORDS = new Set([...STOP_WORDS.zh,
  '太', '没', '没有', '已经', '现在', '一直', '一下', '一点', '一眼', '有点', '非常', '真的', '根本', '之后', '谢谢', '不会', '两个', '同一个', '好几个', '好几天']);
const EN_STOP_WORDS = new Set([...STOP_WORDS.en, 'time', 'times', 'minute', 'minutes', 'hour', 'hours', 'day', 'days', 'week', 'weeks', 'month', 'months', 'ages']);

/** Single characters that name a problem on their own (most single characters are particles). */
const ZH_MEANINGFUL_SINGLES = new Set(['慢', '差', '贵', '坏', '破', '漏', '脏', '假', '错', '退', '骗', '吵', '烂', '丢']);

let segmenter: Jieba | null = null;

/** jieba with its default dictionary, loaded on first use (about 0.2 s), once per process. */
function jieba(): Jieba {
  segmenter ??= Jieba.withDict(dict);
  return segmenter;
}

const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z]+(?:'[a-z]+)?/g;

/** A span of time or a count in Chinese numerals (三天, 两周, 半个, 好几次): the Chinese of "three days", a filler too. */
const ZH_SPAN = /^[一二两三四五六七八九十百几好半多每]+[个次天周月年遍回号点]?(?:小时|分钟|星期|礼拜|工作日)?$/u;

function chineseTerms(run: string): string[] {
  return jieba().cut(run, true).filter((w) => !ZH_STOP_WORDS.has(w) && !ZH_SPAN.test(w) && ([...w].length > 1 || ZH_MEANINGFUL_SINGLES.has(w)));
}

function englishTerms(text: string): string[] {
  return (text.toLowerCase().match(LATIN_WORD) ?? []).filter((w) => w.length > 1 && !EN_STOP_WORDS.has(w));
}

/**
 * The distinct terms of `text`, in order of first use. A Chinese term and its English translation
 * stay two terms: a comment's language is the customer's, and merging would need a dictionary.
 */
export function commentTerms(text: string): string[] {
  const terms = [...(text.match(HAN_RUN) ?? []).flatMap(chineseTerms), ...englishTerms(text.replace(HAN_RUN, ' '))];
  return [...new Set(terms)];
}
