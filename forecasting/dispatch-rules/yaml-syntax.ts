// A YAML syntax error of the dispatch rules in both languages: the yaml library words its errors in
// English only, so the Chinese is chosen by the error's code (the line and column say where).
import type { ErrorCode } from 'yaml';
import type { InBothLanguages } from '../bilingual-error.ts';

const ZH_BY_CODE: Partial<Record<ErrorCode, string>> = {
  BAD_INDENT: '缩进不对：同一层的键要对齐，子项要比上一层多缩进',
  TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
  MISSING_CHAR: '缺少字符（如引号、冒号或括号没有配对）',
  DUPLICATE_KEY: '同一个映射里有重复的键',
  MULTILINE_IMPLICIT_KEY: '键不能跨行：检查上一行是否少了冒号或引号',
  BLOCK_AS_IMPLICIT_KEY: '键不能是一整块内容：检查冒号和缩进',
  UNEXPECTED_TOKEN: '此处出现了意外的字符',
  BAD_SCALAR_START: '值不能以这个字符开头：请给它加上引号',
  BAD_DQ_ESCAPE: '双引号字符串里有无效的转义',
  BLOCK_IN_FLOW: '{ } 或 [ ] 里不能写成块的形式',
  MULTIPLE_DOCS: '文件里只能有一个 YAML 文档（去掉多余的 ---）',
  BAD_ALIAS: '引用（*别名）无效',
  KEY_OVER_1024_CHARS: '键太长（超过 1024 个字符）',
};

/** The error's first line in English, and in Chinese by its code (a code not in the table: a general wording). */
export function yamlSyntaxMessages(error: { code: ErrorCode; message: string }): InBothLanguages {
  const en = error.message.split('\n')[0]!;
  return { en: `YAML syntax: ${en}`, zh: `YAML 语法错误：${ZH_BY_CODE[error.code] ?? '无法解析此处的内容'}` };
}
