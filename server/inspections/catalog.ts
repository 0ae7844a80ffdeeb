/**
 * The GB 50300 / GB 55032 division: 分部 → 子分部 → 分项, as data in one place
 * (acceptance-gb50300.md §2). Codes: 分部 DD, 子分部 DDSS, 分项 DDSSII (the numbering of the
 * common 检验批 form sets, not of the standard's text ⚠️). `verified: false` marks names the
 * domain reference could not confirm in a source copy; they are to be checked against the
 * printed appendix. A 子分部 whose 分项 are not listed here takes 分项 the contractor names
 * (code DDSS + 'X' + n).
 */

export interface CatalogItem {
  code: string;
  name: string;
  verified: boolean;
}
export interface CatalogSubdivision {
  code: string;
  name: string;
  items: CatalogItem[];
}
export interface CatalogDivision {
  code: string;
  name: string;
  subdivisions: CatalogSubdivision[];
}

const items = (subdivision: string, verified: string[], unverified: string[] = []): CatalogItem[] =>
  [...verified.map((name) => ({ name, verified: true })), ...unverified.map((name) => ({ name, verified: false }))].map((item, i) => ({
    code: `${subdivision}${String(i + 1).padStart(2, '0')}`,
    ...item,
  }));

const division = (code: string, name: string, subdivisions: string[], listed: Record<string, CatalogItem[]> = {}): CatalogDivision => ({
  code,
  name,
  subdivisions: subdivisions.map((sub, i) => {
    const subCode = `${code}${String(i + 1).padStart(2, '0')}`;
    return { code: subCode, name: sub, items: listed[subCode] ?? [] };
  }),
});

export const CATALOG: CatalogDivision[] = [
  division('01', '地基与基础', ['地基', '基础', '基坑支护', '地下水控制', '土方', '边坡', '地下防水'], {
    '0102': items(
      '0102',
      ['无筋扩展基础', '钢筋混凝土扩展基础', '筏形与箱形基础', '钢结构基础', '钢管混凝土结构基础'],
      ['型钢混凝土结构基础', '钢筋混凝土预制桩基础', '泥浆护壁成孔灌注桩基础', '干作业成孔桩基础', '长螺旋钻孔压灌桩基础', '沉管灌注桩基础', '钢桩基础', '锚杆静压桩基础', '岩石锚杆基础', '沉井与沉箱基础'],
    ),
    // 0105 as the form sets number it: 土方开挖 01, 土方回填 02, 场地平整 03 (01050301 场地平整 ✅)
    '0105': items('0105', ['土方开挖', '土方回填', '场地平整']),
    '0106': items('0106', ['喷锚支护'], ['挡土墙', '边坡开挖']),
  }),
  division('02', '主体结构', ['混凝土结构', '砌体结构', '钢结构', '钢管混凝土结构', '型钢混凝土结构', '铝合金结构', '木结构'], {
    '0201': items('0201', ['模板', '钢筋', '混凝土', '预应力', '现浇结构', '装配式结构']),
    '0202': items('0202', ['砖砌体', '混凝土小型空心砌块砌体', '石砌体', '配筋砌体', '填充墙砌体']),
    '0203': items('0203', [
      '钢结构焊接',
      '紧固件连接',
      '钢零部件加工',
      '钢构件组装及预拼装',
      '单层钢结构安装',
      '多层及高层钢结构安装',
      '钢管结构安装',
      '预应力钢索和膜结构',
      '压型金属板',
      '防腐涂料涂装',
      '防火涂料涂装',
    ]),
    '0207': items('0207', ['方木与原木结构', '胶合木结构', '轻型木结构', '木结构的防护']),
  }),
  division('03', '建筑装饰装修', ['建筑地面', '抹灰', '外墙防水', '门窗', '吊顶', '轻质隔墙', '饰面板', '饰面砖', '幕墙', '涂饰', '裱糊与软包', '细部']),
  division('04', '屋面', ['基层与保护', '保温与隔热', '防水与密封', '瓦面与板面', '细部构造']),
  division('05', '建筑给水排水及供暖', [
    '室内给水系统',
    '室内排水系统',
    '室内热水系统',
    '卫生器具',
    '室内供暖系统',
    '室外给水管网',
    '室外排水管网',
    '室外供热管网',
    '建筑饮用水供应系统',
    '建筑中水系统及雨水利用系统',
    '游泳池及公共浴池水系统',
    '水景喷泉系统',
    '热源及辅助设备',
    '监测与控制仪表',
  ]),
  division('06', '通风与空调', [
    '送风系统',
    '排风系统',
    '防排烟系统',
    '除尘系统',
    '舒适性空调系统',
    '恒温恒湿空调系统',
    '净化空调系统',
    '地下人防通风系统',
    '真空吸尘系统',
    '冷凝水系统',
    '空调（冷、热）水系统',
    '冷却水系统',
    '土壤源热泵换热系统',
    '水源热泵换热系统',
    '蓄能系统',
    '压缩式制冷（热）设备系统',
    '吸收式制冷设备系统',
    '多联机（热泵）空调系统',
    '太阳能供暖空调系统',
    '设备自控系统',
  ]),
  division('07', '建筑电气', ['室外电气', '变配电室', '供电干线', '电气动力', '电气照明', '备用和不间断电源', '防雷及接地']),
  division('08', '智能建筑', [
    '智能化集成系统',
    '信息接入系统',
    '用户电话交换系统',
    '信息网络系统',
    '综合布线系统',
    '移动通信室内信号覆盖系统',
    '卫星通信系统',
    '有线电视及卫星电视接收系统',
    '公共广播系统',
    '会议系统',
    '信息导引及发布系统',
    '时钟系统',
    '信息化应用系统',
    '建筑设备监控系统',
    '火灾自动报警系统',
    '安全技术防范系统',
    '应急响应系统',
    '机房',
    '防雷与接地',
  ]),
  division('09', '建筑节能', ['围护系统节能', '供暖空调设备及管网节能', '电气动力节能', '监控系统节能', '可再生能源']),
  division('10', '电梯', ['电力驱动的曳引式或强制式电梯', '液压电梯', '自动扶梯、自动人行道']),
];

const SUBDIVISIONS = new Map(CATALOG.flatMap((d) => d.subdivisions.map((s) => [s.code, { division: d, subdivision: s }] as const)));

export function findSubdivision(code: string) {
  return SUBDIVISIONS.get(code) ?? null;
}

/** The catalog 分项 of this code, if the catalog lists it. */
export function findItem(code: string): CatalogItem | null {
  return SUBDIVISIONS.get(code.slice(0, 4))?.subdivision.items.find((i) => i.code === code) ?? null;
}
