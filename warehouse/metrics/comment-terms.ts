// The terms of a customer comment, as the complaint review counts them: Chinese runs segmented by
// jieba (a maintained segmenter), Latin runs split into lower-cased words; stop words dropped.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** Chinese function words and fillers that say nothing about the problem. */
const ZH_STOP_WORDS = new Set([
  '的', '了', '是', '我', '你', '他', '她', '它', '我们', '你们', '他们', '在', '和', '与', '也', '都', '就', '还', '又', '很', '太',
  '吗', '呢', '吧', '啊', '呀', '哦', '嗯', '这', '那', '这个', '那个', '一个', '有', '没', '没有', '不', '被', '把', '给', '让', '到',
  '说', '对', '要', '会', '能', '可以', '但是', '但', '而且', '因为', '所以', '如果', '还是', '就是', '已经', '现在', '什么', '怎么',
  '一直', '一下', '一些', '一点', '有点', '非常', '真的', '自己', '之后', '然后', '谢谢', '不会', '两个', '同一个',
]);

/** Single characters that name a problem on their own (most single characters are particles). */
const ZH_MEANINGFUL_SINGLES = new Set(['慢', '差', '贵', '坏', '破', '漏', '脏', '假', '错', '退', '骗', '吵', '烂', '丢']);

/** English function words and fillers. */
const EN_STOP_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'if', 'so', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'up', 'out', 'about',
  'as', 'into', 'than', 'then', 'too', 'very', 'far', 'just', 'still', 'yet', 'again', 'also', 'only', 'even', 'ever',
  'i', 'me', 'my', 'we', 'our', 'us', 'you', 'your', 'he', 'she', 'it', 'its', 'they', 'them', 'their', 'this', 'that', 'these', 'those',
  'is', 'am', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'do', 'does', 'did', 'will', 'would', 'can', 'could',
  'should', 'get', 'got', 'there', 'here', 'what', 'which', 'who', 'when', 'where', 'how', 'all', 'any', 'some', 'no', 'not', 'nobody',
  'though', 'although', 'thanks', 'thank', 'please', 'ok', 'okay', 'one', 'first', 'end', 'everything', 'time', 'times', 'twice',
]);

let segmenter: Jieba | null = null;

/** jieba with its default dictionary, loaded on first use (about 0.2 s), once per process. */
function jieba(): Jieba {
  segmenter ??= Jieba.withDict(dict);
  return segmenter;
}

const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z]+(?:'[a-z]+)?/g;

function chineseTerms(run: string): string[] {
  return jieba().cut(run, true).filter((w) => !ZH_STOP_WORDS.has(w) && ([...w].length > 1 || ZH_MEANINGFUL_SINGLES.has(w)));
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
