/**
 * @module names/fold
 * The form in which names are compared for search: Unicode-normalised, case- and
 * diacritic-folded (Kõuts = Kouts), punctuation and hyphens as spaces (Yan-jun = Yan jun),
 * traditional Chinese characters as simplified (國 = 国). Chinese names also get a toneless
 * pinyin key, so "Guojia Anquanbu" finds 国家安全部.
 *
 * The name-screening issue grows this module (romanisation variants, name order, organisation
 * words); every comparison of names goes through it.
 */
import { Converter } from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';

const toSimplified = Converter({ from: 't', to: 'cn' });
const HAN = /\p{Script=Han}/u;

const ASCII = /^[\t\n\r\x20-\x7e]*$/;

export function fold(text: string): string {
  // Most names of a large list are plain ASCII: nothing to normalise, convert or strip of accents.
  if (ASCII.test(text)) return text.toLowerCase().replace(/[!-/:-@[-`{-~\s]+/g, ' ').trim();
  const nfkc = text.normalize('NFKC');
  return (HAN.test(nfkc) ? toSimplified(nfkc) : nfkc)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

/** Toneless pinyin of the Han characters in a name, syllables separated by spaces; '' if none. */
export function pinyinKey(text: string): string {
  if (!HAN.test(text)) return '';
  // One name is read several ways (names/normalise, names/parts), each asking for the same pinyin.
  let key = pinyinMemo.get(text);
  if (key !== undefined) return key;
  const simplified = toSimplified(text.normalize('NFKC')).replace(/\s+/g, '');
  key = pinyin(simplified, { toneType: 'none', type: 'array', nonZh: 'removed' }).join(' ');
  if (pinyinMemo.size >= 4096) pinyinMemo.clear();
  pinyinMemo.set(text, key);
  return key;
}
const pinyinMemo = new Map<string, string>();

/** `fold` without spaces: pinyin syllables and romanised names compare however they are split. */
export function compact(folded: string): string {
  return folded.replace(/ /g, '');
}
