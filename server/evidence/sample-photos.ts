/**
 * Realistic sample site photos for tests, the benchmark and the demo seed:
 * a seeded construction-like scene (concrete, rebar, formwork, brickwork,
 * scaffolding, safety netting), camera noise, a watermark-camera style stamp
 * as Chinese site photos usually carry, and the EXIF a phone writes —
 * Make/Model, DateTimeOriginal with OffsetTimeOriginal "+08:00", GPS around
 * 福州 (26.05 N, 119.30 E). Same seed and options, same bytes.
 *
 * sharp 0.35 writes every tag used here itself (`withExif`: IFD0 = TIFF
 * tags, IFD2 = Exif IFD, IFD3 = GPS IFD; rationals as "n/d n/d n/d"), so no
 * hand-made APP1 segment is needed. The stamp is drawn with Noto Sans SC
 * from npm (server/documents/fonts.ts), so the Chinese text renders on a
 * machine without system CJK fonts.
 */
import sharp from 'sharp';
import { CJK_FONT } from '@/server/documents/fonts';

export interface SamplePhotoOptions {
  width?: number; // 1600
  height?: number; // 1200
  quality?: number; // JPEG quality, 80
  /** 施工部位 on the stamp; default one of SAMPLE_LABELS by seed. */
  label?: string;
  /** EXIF DateTimeOriginal: a Date (written as local time at `offset`) or the text itself ("2026:11:20 09:31:05"). Default 2026-11-20 09:00 +08:00 plus seed minutes. */
  takenAt?: Date | string;
  /** OffsetTimeOriginal; null: written without any offset tag (older phones). */
  offset?: string | null;
  /** null: no GPS IFD. Default ~26.05 N 119.30 E, jittered by seed within ~1 km. */
  gps?: { latitude: number; longitude: number } | null;
  make?: string;
  model?: string;
  /** EXIF Orientation (1–8); the pixels stay landscape, as a phone held upright writes them. */
  orientation?: number;
  /** false: no EXIF at all (a screenshot, or a photo a chat app has stripped). */
  exif?: boolean;
}

/** 施工部位 on the stamp, by the kind of scene (seed % 5): rebar, formwork, concrete frame, brickwork, scaffolding. */
export const SAMPLE_LABELS = [
  ['3F 梁柱节点钢筋', '5F 剪力墙钢筋绑扎', '2F 楼板钢筋隐蔽验收'],
  ['2F 楼板模板支撑', '4F 梁底模板', '6F 高支模立杆'],
  ['基础承台混凝土浇筑', '3F 框架柱拆模', '地下室顶板养护'],
  ['4F 砌体墙拉结筋', '1F 填充墙构造柱', '5F 砌体灰缝'],
  ['外脚手架连墙件', '悬挑脚手架安全网', '外架剪刀撑'],
] as const;

const PHONES = [
  ['HUAWEI', 'ALN-AL00'],
  ['Xiaomi', '23127PN0CC'],
  ['OPPO', 'PHZ110'],
  ['vivo', 'V2324A'],
  ['Apple', 'iPhone 15'],
] as const;

const SAMPLE_ORIGIN = { latitude: 26.0527, longitude: 119.2994 }; // 福州市鼓楼区

/** mulberry32: small, fast, good enough for pictures. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(Math.trunc(n)).padStart(width, '0');

/** "YYYY:MM:DD HH:MM:SS" of `date` as local time at `offset` ("+08:00"), whatever the machine's zone. */
function exifDateText(date: Date, offset = '+08:00'): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const d = new Date(date.getTime() + minutes * 60_000);
  return `${d.getUTCFullYear()}:${pad(d.getUTCMonth() + 1)}:${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Degrees as EXIF's three rationals: "26/1 3/1 97200/10000". */
function dms(value: number): string {
  const abs = Math.abs(value);
  const degrees = Math.floor(abs);
  const minutes = Math.floor((abs - degrees) * 60);
  const seconds = Math.round(((abs - degrees) * 60 - minutes) * 60 * 10_000);
  return `${degrees}/1 ${minutes}/1 ${seconds}/10000`;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type Rand = () => number;
const between = (r: Rand, lo: number, hi: number) => lo + (hi - lo) * r();
const pick = <T>(r: Rand, items: readonly T[]) => items[Math.floor(r() * items.length)]!;
/** A colour near `base`: mostly lighter or darker, slightly tinted, as real materials vary. */
const shade = (r: Rand, base: [number, number, number], spread: number) => {
  const light = between(r, -spread, spread);
  return `rgb(${base.map((c) => Math.max(0, Math.min(255, Math.round(c + light + between(r, -spread / 4, spread / 4))))).join(',')})`;
};

const CONCRETE: [number, number, number] = [150, 148, 140];
const REBAR: [number, number, number] = [120, 70, 40];
const PLYWOOD: [number, number, number] = [196, 140, 70];
const BRICK: [number, number, number] = [160, 72, 50];
const NET_GREEN: [number, number, number] = [40, 120, 60];
const STEEL_BLUE: [number, number, number] = [60, 90, 140];

/** The scene as SVG: one of five kinds of site view, laid out at random. */
function sceneSvg(seed: number, width: number, height: number): string {
  const r = random(seed * 7919 + 17);
  const kind = seed % 5;
  const horizon = Math.round(height * between(r, 0.18, 0.5));
  const parts: string[] = [];
  const sunX = between(r, 0, width);
  const sunY = between(r, -height * 0.2, height * 0.4);
  parts.push(
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${shade(r, [150, 170, 190], 25)}"/><stop offset="1" stop-color="${shade(r, [220, 222, 218], 15)}"/></linearGradient>` +
      `<linearGradient id="ground" x1="0" y1="0" x2="${between(r, 0, 1).toFixed(2)}" y2="1"><stop offset="0" stop-color="${shade(r, CONCRETE, 25)}"/><stop offset="1" stop-color="${shade(r, [100, 92, 80], 25)}"/></linearGradient>` +
      `<radialGradient id="light" cx="${sunX}" cy="${sunY}" r="${width * between(r, 0.6, 1.1)}" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#fff" stop-opacity="${between(r, 0.15, 0.4).toFixed(2)}"/><stop offset="1" stop-color="#000" stop-opacity="${between(r, 0.1, 0.35).toFixed(2)}"/></radialGradient></defs>`,
    `<rect width="${width}" height="${horizon}" fill="url(#sky)"/>`,
    `<rect y="${horizon}" width="${width}" height="${height - horizon}" fill="url(#ground)"/>`,
  );
  // Distant buildings on the horizon
  for (let x = -50; x < width; x += between(r, 60, 220)) {
    const h = between(r, 40, horizon * 0.8);
    parts.push(`<rect x="${x.toFixed(0)}" y="${(horizon - h).toFixed(0)}" width="${between(r, 50, 180).toFixed(0)}" height="${h.toFixed(0)}" fill="${shade(r, [170, 175, 180], 20)}"/>`);
  }
  if (kind === 0) {
    // Slab rebar mesh in perspective with a column cage
    const step = between(r, 28, 60);
    const skew = between(r, -0.6, 0.6);
    for (let x = -width; x < width * 2; x += step) {
      parts.push(`<line x1="${x.toFixed(0)}" y1="${horizon}" x2="${(x + skew * height * 2).toFixed(0)}" y2="${height}" stroke="${shade(r, REBAR, 20)}" stroke-width="${between(r, 4, 9).toFixed(1)}"/>`);
    }
    for (let y = horizon + 10, gap = 8; y < height; gap *= 1.18, y += gap) {
      parts.push(`<line x1="0" y1="${y.toFixed(0)}" x2="${width}" y2="${(y + between(r, -20, 20)).toFixed(0)}" stroke="${shade(r, REBAR, 20)}" stroke-width="${(3 + gap / 8).toFixed(1)}"/>`);
    }
    const cx = between(r, 0.15, 0.75) * width;
    const cw = between(r, 80, 200);
    parts.push(`<rect x="${cx.toFixed(0)}" y="${(horizon * 0.3).toFixed(0)}" width="${cw.toFixed(0)}" height="${(height * 0.75).toFixed(0)}" fill="none" stroke="${shade(r, REBAR, 15)}" stroke-width="10"/>`);
    for (let y = horizon * 0.3; y < height; y += between(r, 25, 45)) {
      parts.push(`<line x1="${cx.toFixed(0)}" y1="${y.toFixed(0)}" x2="${(cx + cw).toFixed(0)}" y2="${y.toFixed(0)}" stroke="${shade(r, REBAR, 15)}" stroke-width="5"/>`);
    }
  } else if (kind === 1) {
    // Formwork panels with props
    const cols = 3 + Math.floor(r() * 5);
    const panelW = width / cols;
    const top = between(r, 0.05, 0.3) * height;
    const bottom = between(r, 0.45, 0.7) * height;
    for (let i = 0; i < cols; i++) {
      parts.push(`<rect x="${(i * panelW + 3).toFixed(0)}" y="${top.toFixed(0)}" width="${(panelW - 6).toFixed(0)}" height="${(bottom - top).toFixed(0)}" fill="${shade(r, PLYWOOD, 25)}"/>`);
    }
    for (let x = between(r, 20, 120); x < width; x += between(r, 70, 180)) {
      parts.push(`<line x1="${x.toFixed(0)}" y1="${bottom.toFixed(0)}" x2="${(x + between(r, -30, 30)).toFixed(0)}" y2="${height}" stroke="${shade(r, STEEL_BLUE, 30)}" stroke-width="${between(r, 8, 16).toFixed(0)}"/>`);
    }
    parts.push(`<rect y="${(bottom - 20).toFixed(0)}" width="${width}" height="24" fill="${shade(r, [90, 60, 40], 20)}"/>`);
  } else if (kind === 2) {
    // Concrete frame: columns and beams
    const bays = 2 + Math.floor(r() * 4);
    const bayW = width / bays;
    const floors = 1 + Math.floor(r() * 3);
    const floorH = (height * 0.9) / floors;
    for (let f = 0; f < floors; f++) {
      const y = height * 0.08 + f * floorH;
      parts.push(`<rect x="0" y="${y.toFixed(0)}" width="${width}" height="${between(r, 40, 90).toFixed(0)}" fill="${shade(r, CONCRETE, 20)}"/>`);
    }
    for (let b = 0; b <= bays; b++) {
      const w = between(r, 60, 130);
      parts.push(`<rect x="${(b * bayW - w / 2).toFixed(0)}" y="0" width="${w.toFixed(0)}" height="${height}" fill="${shade(r, CONCRETE, 25)}"/>`);
    }
  } else if (kind === 3) {
    // Brickwork with mortar joints and a tie bar
    const courseH = between(r, 22, 40);
    const brickW = courseH * between(r, 2.2, 3.2);
    const top = between(r, 0, 0.4) * height;
    parts.push(`<rect y="${top.toFixed(0)}" width="${width}" height="${(height - top).toFixed(0)}" fill="${shade(r, [200, 195, 185], 10)}"/>`);
    for (let y = top, row = 0; y < height; y += courseH, row++) {
      for (let x = row % 2 ? -brickW / 2 : 0; x < width; x += brickW) {
        parts.push(`<rect x="${x.toFixed(0)}" y="${y.toFixed(0)}" width="${(brickW - 5).toFixed(0)}" height="${(courseH - 5).toFixed(0)}" fill="${shade(r, BRICK, 30)}"/>`);
      }
    }
    const tieY = top + courseH * (2 + Math.floor(r() * 6));
    parts.push(`<line x1="0" y1="${tieY.toFixed(0)}" x2="${width}" y2="${tieY.toFixed(0)}" stroke="${shade(r, REBAR, 10)}" stroke-width="7"/>`);
  } else {
    // Scaffolding with safety netting
    parts.push(`<rect x="${between(r, 0, 0.3) * width}" y="0" width="${between(r, 0.5, 0.9) * width}" height="${height}" fill="${shade(r, NET_GREEN, 20)}" fill-opacity="0.85"/>`);
    const step = between(r, 90, 200);
    for (let x = between(r, 0, step); x < width; x += step) {
      parts.push(`<line x1="${x.toFixed(0)}" y1="0" x2="${x.toFixed(0)}" y2="${height}" stroke="${shade(r, [200, 200, 205], 20)}" stroke-width="12"/>`);
    }
    for (let y = between(r, 0, step); y < height; y += step * between(r, 0.8, 1.4)) {
      parts.push(`<line x1="0" y1="${y.toFixed(0)}" x2="${width}" y2="${y.toFixed(0)}" stroke="${shade(r, [200, 200, 205], 20)}" stroke-width="10"/>`);
    }
    for (let i = 0; i < 6; i++) {
      const x = between(r, 0, width);
      parts.push(`<line x1="${x.toFixed(0)}" y1="0" x2="${(x + between(r, -400, 400)).toFixed(0)}" y2="${height}" stroke="${shade(r, [210, 160, 30], 20)}" stroke-width="8"/>`);
    }
  }
  // Site clutter: hard hats, buckets, a tarp, a tape measure
  for (let i = 0, n = 2 + Math.floor(r() * 6); i < n; i++) {
    const x = between(r, 0, width);
    const y = between(r, horizon, height);
    const s = (between(r, 15, 60) * width) / 1600;
    const colour = pick(r, ['#f2c400', '#e85d00', '#ffffff', '#1f5fbf', '#d11']);
    parts.push(
      r() < 0.5
        ? `<ellipse cx="${x.toFixed(0)}" cy="${y.toFixed(0)}" rx="${s.toFixed(0)}" ry="${(s * 0.7).toFixed(0)}" fill="${colour}"/>`
        : `<rect x="${x.toFixed(0)}" y="${y.toFixed(0)}" width="${(s * 3).toFixed(0)}" height="${(s * 1.5).toFixed(0)}" fill="${colour}" transform="rotate(${between(r, -30, 30).toFixed(0)} ${x.toFixed(0)} ${y.toFixed(0)})"/>`,
    );
  }
  parts.push(`<rect width="${width}" height="${height}" fill="url(#light)"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** The watermark-camera stamp: a dark panel with the 施工部位, time and place. */
async function stamp(lines: string[], width: number): Promise<Buffer> {
  const markup = lines
    .map((line, i) => `<span foreground="${i === 0 ? '#ffd24a' : 'white'}" size="${i === 0 ? 'x-large' : 'medium'}">${escapeXml(line)}</span>`)
    .join('\n');
  const text = await sharp({ text: { text: markup, font: 'Noto Sans SC Bold 22', fontfile: CJK_FONT.bold, rgba: true, dpi: 72, width } })
    .png()
    .toBuffer({ resolveWithObject: true });
  const pad = 16;
  const panel = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${text.info.width + pad * 2}" height="${text.info.height + pad * 2}"><rect width="100%" height="100%" rx="8" fill="#000" fill-opacity="0.55"/><rect width="6" height="100%" fill="#1f7ae0"/></svg>`,
  );
  return sharp(panel)
    .composite([{ input: text.data, top: pad, left: pad }])
    .png()
    .toBuffer();
}

/** Grain of a phone sensor (triangular, about ±20 per channel), so the JPEG has the entropy and size of a real photo. */
function addSensorNoise(pixels: Buffer, seed: number) {
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < pixels.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const n = (state & 31) + ((state >>> 8) & 31) - 31; // -31…31, peaked at 0
    const v = pixels[i]! + (n >> 1) + (n >> 2);
    pixels[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
}

/** One sample JPEG; distinct seeds give distinct scenes. */
export async function samplePhoto(seed: number, options: SamplePhotoOptions = {}): Promise<Buffer> {
  const width = options.width ?? 1600;
  const height = options.height ?? 1200;
  const r = random(seed);
  const offset = options.offset === undefined ? '+08:00' : options.offset;
  const takenAtText =
    typeof options.takenAt === 'string'
      ? options.takenAt
      : exifDateText(options.takenAt ?? new Date(Date.UTC(2026, 10, 20, 1, 0, 0) + (seed % 600) * 60_000), offset ?? '+08:00');
  const gps =
    options.gps === undefined
      ? { latitude: SAMPLE_ORIGIN.latitude + between(r, -0.008, 0.008), longitude: SAMPLE_ORIGIN.longitude + between(r, -0.008, 0.008) }
      : options.gps;
  const labels = SAMPLE_LABELS[seed % SAMPLE_LABELS.length]!;
  const label = options.label ?? labels[Math.floor(seed / SAMPLE_LABELS.length) % labels.length]!;
  const [make, model] = [options.make ?? PHONES[seed % PHONES.length]![0], options.model ?? PHONES[seed % PHONES.length]![1]];

  const scale = width / 1600;
  const stampLines = [
    label,
    `福州市·闽江花园二期 ${Math.floor(seed % 9) + 1}号楼`,
    `${takenAtText.slice(0, 10).replace(/:/g, '-')} ${takenAtText.slice(11, 16)}`,
    gps ? `${gps.latitude.toFixed(5)}°N ${gps.longitude.toFixed(5)}°E` : '位置未知',
  ];
  const [stampPng, scenePixels] = await Promise.all([
    stamp(stampLines, 560),
    sharp(Buffer.from(sceneSvg(seed, width, height))).removeAlpha().raw().toBuffer(),
  ]);
  addSensorNoise(scenePixels, seed);
  // The stamp is drawn for a 1600 px wide photo: scale it with the photo, and never past 90 % of it.
  const stampMeta = await sharp(stampPng).metadata();
  const fit = Math.min(scale, (width * 0.9) / stampMeta.width, (height * 0.9) / stampMeta.height);
  const panel = await sharp(stampPng).resize(Math.max(1, Math.round(stampMeta.width * fit))).png().toBuffer({ resolveWithObject: true });
  const margin = Math.round(24 * scale);
  const scene = sharp(scenePixels, { raw: { width, height, channels: 3 } })
    .composite([{ input: panel.data, left: Math.min(margin, width - panel.info.width), top: Math.max(0, height - panel.info.height - margin) }])
    .jpeg({ quality: options.quality ?? 80 });

  if (options.exif === false) return scene.toBuffer();
  const gpsIfd: Record<string, string> = gps
    ? {
        GPSVersionID: '2 2 0 0',
        GPSLatitudeRef: gps.latitude >= 0 ? 'N' : 'S',
        GPSLatitude: dms(gps.latitude),
        GPSLongitudeRef: gps.longitude >= 0 ? 'E' : 'W',
        GPSLongitude: dms(gps.longitude),
        GPSAltitudeRef: '0',
        GPSAltitude: `${Math.round(between(r, 5, 60) * 10)}/10`,
      }
    : {};
  const exifIfd: Record<string, string> = { DateTimeOriginal: takenAtText, DateTimeDigitized: takenAtText };
  if (offset) Object.assign(exifIfd, { OffsetTimeOriginal: offset, OffsetTimeDigitized: offset, OffsetTime: offset });
  const withExif = scene.withExif({
    IFD0: { Make: make, Model: model, Software: 'BuildLedger sample-photos (synthetic)', DateTime: takenAtText },
    IFD2: exifIfd,
    ...(gps ? { IFD3: gpsIfd } : {}),
  });
  return (options.orientation ? withExif.withMetadata({ orientation: options.orientation }) : withExif).toBuffer();
}

/** A run of distinct sample photos (seeds first…first+count-1), made `concurrency` at a time. */
export async function samplePhotos(count: number, first = 1, options: SamplePhotoOptions = {}, concurrency = 4): Promise<Buffer[]> {
  const out: Buffer[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let i = next++; i < count; i = next++) out[i] = await samplePhoto(first + i, options);
    }),
  );
  return out;
}
