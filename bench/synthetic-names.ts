/**
 * A deterministic synthetic list of entities and labelled queries for the name-screening benchmark:
 * organisations and people, in Chinese characters with pinyin aliases and in Latin script, and
 * queries that are variants of listed names (script, romanisation, order, case, typos) or
 * look-alike names that are not listed.
 */
import { Converter } from 'opencc-js/cn2t';
import { pinyin } from 'pinyin-pro';
import type { IndexedEntity } from '../src/names/match.ts';
import { normaliseName } from '../src/names/normalise.ts';

export interface Query {
  text: string;
  kind: 'person' | 'organisation';
  expected: string | null;
  variant: string;
}

/** mulberry32: a small seeded generator, so every run builds the same data. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = '北京 上海 天津 南京 武汉 广州 深圳 成都 重庆 西安 杭州 苏州 长沙 青岛 大连 沈阳 哈尔滨 济南 郑州 合肥 福州 厦门 昆明 贵阳 南昌 太原 石家庄 兰州 乌鲁木齐 海口 无锡 宁波 珠海 佛山 东莞 常州 徐州 温州 烟台 洛阳'.split(' ');
const FIELDS = '科技 电子 航空 信息 通信 材料 能源 生物 光电 智能 精密 仪器 海洋 机械 软件 网络 数据 半导体 化工 医药 动力 测控 卫星 雷达 导航 船舶 核 激光 量子 微波'.split(' ');
const SUFFIXES = '有限公司 研究所 大学 研究院 中心 局 学院 公司'.split(' ');
const SURNAMES = '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡'.split(' ');
const GIVEN = '伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 建 国 文 辉 鑫 宇 浩 凯 健 俊 帆 帅 旭 宁 龙 林 鹏 斌 瑞 晨 博 阳 佳 欣 雪 琳 晶 颖 露 瑶 怡 婷 雯 倩 悦 思 梦 萌 蕾 楠 薇'.split(' ');
const EN_ADJ = 'Northern Southern Eastern Western Central National Advanced Applied Allied Pacific Atlantic Global United Royal Federal Imperial Modern Strategic Integrated Continental Coastal Metropolitan Regional Polytechnic Technical'.split(' ');
const EN_NOUN = 'Materials Systems Dynamics Optics Electronics Robotics Energy Aerospace Photonics Instruments Networks Analytics Defence Marine Nuclear Quantum Semiconductor Biotech Logistics Sensors Avionics Propulsion Composites Software Telecom'.split(' ');
const EN_SUFFIX = 'Institute Laboratory Company Corporation Group Agency Foundation University College Centre Bureau Council'.split(' ');
const EN_FIRST = 'James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca Edward Sharon Jason Laura Jeffrey Cynthia Ryan Kathleen'.split(' ');
const EN_LAST = 'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Kowalski Novak Schmidt Weber Fischer Meyer Wagner Becker Schulz Hoffmann Tamm Saar Sepp Kask Mets Petrov Ivanov Kazlauskas Jankauskas Petrauskas'.split(' ');

const toTraditional = Converter({ from: 'cn', to: 't' });
const py = (s: string) => (pinyin(s, { toneType: 'none', type: 'array' }) as string[]).map((p) => p.replace('ü', 'u'));
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function syntheticEntities(size: number, seed = 42): { entities: IndexedEntity[]; unused: () => { text: string; kind: 'person' | 'organisation' } } {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const taken = new Set<string>();
  const entities: IndexedEntity[] = [];
  // Past a few hundred thousand names the short forms run out (a draw keeps repeating a taken
  // name): from then on names take one more word or character, so a million can be generated.
  let longer = false;
  const more = () => (longer ? 1 : 0);
  const make = (): { names: { text: string; type: 'primary' | 'native' | 'romanisation' | 'alias' }[]; kind: 'person' | 'organisation'; primary: string } => {
    const roll = r();
    if (roll < 0.35) {
      const han = pick(PLACES) + pick(FIELDS) + (r() < 0.5 ? pick(FIELDS) : '') + (more() ? pick(FIELDS) : '') + pick(SUFFIXES);
      const latin = py(han).map(cap).join(' ');
      return { kind: 'organisation', primary: latin, names: [{ text: latin, type: 'primary' }, { text: han, type: 'native' }] };
    }
    if (roll < 0.55) {
      const en = `${pick(EN_ADJ)} ${pick(EN_NOUN)} ${r() < 0.4 ? `${pick(EN_NOUN)} ` : ''}${more() ? `${pick(EN_NOUN)} ` : ''}${pick(EN_SUFFIX)}`;
      return { kind: 'organisation', primary: en, names: [{ text: en, type: 'primary' }] };
    }
    if (roll < 0.85) {
      const han = pick(SURNAMES) + (more() ? pick(SURNAMES) : '') + pick(GIVEN) + (r() < 0.7 || more() ? pick(GIVEN) : '');
      const [family, ...given] = py(han);
      const latin = `${cap(family!)} ${cap(given.join(''))}`;
      return { kind: 'person', primary: latin, names: [{ text: latin, type: 'primary' }, { text: han, type: 'native' }] };
    }
    const en = `${pick(EN_FIRST)} ${r() < 0.3 || more() ? `${pick(EN_FIRST)} ` : ''}${pick(EN_LAST)}${more() ? `-${pick(EN_LAST)}` : ''}`;
    return { kind: 'person', primary: en, names: [{ text: en, type: 'primary' }] };
  };
  let repeats = 0;
  while (entities.length < size) {
    const e = make();
    const keys = e.names.map((n) => normaliseName(n.text).key);
    if (keys.some((k) => taken.has(k))) {
      if (++repeats > 50) longer = true;
      continue;
    }
    repeats = 0;
    keys.forEach((k) => taken.add(k));
    entities.push({ id: `syn-${entities.length}`, name: e.primary, kind: e.kind, ...(e.kind === 'organisation' ? { country: 'cn' } : {}), names: e.names });
  }
  return {
    entities,
    unused: () => {
      for (;;) {
        const e = make();
        // A listed person with a further given name is that person written more fully (issue 16), not another: left out.
        const fuller = e.kind === 'person' && e.names.some((n) => n.text.split(' ').some((_, i, w) => w.length > 2 && taken.has(normaliseName(w.filter((__, j) => j !== i).join(' ')).key)));
        if (!fuller && !e.names.some((n) => taken.has(normaliseName(n.text).key))) return { text: e.names[Math.floor(r() * e.names.length)]!.text, kind: e.kind };
      }
    },
  };
}

export function syntheticQueries(entities: IndexedEntity[], unused: () => { text: string; kind: 'person' | 'organisation' }, count: number, seed = 7): Query[] {
  const r = rng(seed);
  const queries: Query[] = [];
  const typo = (s: string) => {
    const i = 1 + Math.floor(r() * (s.length - 2));
    return s.slice(0, i) + s.slice(i + 1);
  };
  while (queries.length < count) {
    if (r() < 0.3) {
      const n = unused();
      queries.push({ text: n.text, kind: n.kind, expected: null, variant: 'negative' });
      continue;
    }
    const e = entities[Math.floor(r() * entities.length)]!;
    const kind = e.kind === 'person' ? 'person' : 'organisation';
    const han = e.names.find((n) => n.type === 'native')?.text;
    const latin = e.names.find((n) => n.type === 'primary')!.text;
    const options: [string, string][] = [
      ['exact', latin],
      ['case', latin.toUpperCase()],
    ];
    if (han) options.push(['traditional', toTraditional(han)], ['pinyin by syllable', py(han).join(' ')], ['pinyin run together', py(han).join('')]);
    if (kind === 'person') options.push(['name order', latin.split(' ').reverse().join(' ')]);
    if (kind === 'organisation' && latin.length > 14) options.push(['typo', typo(latin)]);
    const [variant, text] = options[Math.floor(r() * options.length)]!;
    queries.push({ text, kind, expected: e.id, variant });
  }
  return queries;
}
