/**
 * A 64-bit perceptual hash (the classic DCT "pHash", as in the imagehash
 * library): the picture in grey, shrunk to 32×32 by area averaging, its
 * 2-D DCT-II, the 8×8 lowest frequencies, one bit each for "above their
 * median". Re-encoding, resizing, a crop of a percent or two or a change of
 * brightness moves few bits; a different scene moves about half. Compare two
 * hashes by Hamming distance (ingest.ts NEAR_COPY_DISTANCE).
 *
 * Not covered (documented limits of pHash): mirror images, rotations other
 * than the EXIF orientation (which is applied first), crops of 3 % and more
 * (caught only sometimes), a new stamp pasted over a corner (sometimes), and
 * a photo of a photo on a screen.
 */
import sharp from 'sharp';

const N = 32; // side of the shrunk picture
const K = 8; // side of the kept low-frequency block: K×K = 64 bits

/** COS[u*N + x] = cos((2x+1)uπ / 2N), u < K: only the coefficients kept are computed. */
const COS = (() => {
  const table = new Float64Array(K * N);
  for (let u = 0; u < K; u++) for (let x = 0; x < N; x++) table[u * N + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * N));
  return table;
})();

/** The hash of a 32×32 greyscale picture (1 byte a pixel, row by row), as 16 hex digits. */
export function hashOfGrey32(grey: Uint8Array): string {
  if (grey.length !== N * N) throw new Error(`expected ${N * N} grey pixels, got ${grey.length}`);
  // Separable DCT: rows first (each row's first K frequencies), then columns.
  const rows = new Float64Array(N * K);
  for (let y = 0; y < N; y++) {
    for (let u = 0; u < K; u++) {
      let sum = 0;
      for (let x = 0; x < N; x++) sum += COS[u * N + x]! * grey[y * N + x]!;
      rows[y * K + u] = sum;
    }
  }
  const low = new Float64Array(K * K);
  for (let v = 0; v < K; v++) {
    for (let u = 0; u < K; u++) {
      let sum = 0;
      for (let y = 0; y < N; y++) sum += COS[v * N + y]! * rows[y * K + u]!;
      low[v * K + u] = sum;
    }
  }
  const sorted = Float64Array.from(low).sort();
  const median = (sorted[K * K / 2 - 1]! + sorted[K * K / 2]!) / 2;
  let hex = '';
  for (let i = 0; i < K * K; i += 4) {
    let nibble = 0;
    for (let b = 0; b < 4; b++) nibble = (nibble << 1) | (low[i + b]! > median ? 1 : 0);
    hex += nibble.toString(16);
  }
  return hex;
}

/**
 * Area-average resampling of one band to N×N: each output pixel is the mean
 * of the input pixels under it (fractional edges weighted), which is the mean
 * filter of the original pHash and removes JPEG noise and grain.
 */
function areaResize(grey: Float64Array, width: number, height: number): Uint8Array {
  const weights = (size: number) => {
    // For each output index: [first input index, weights…] covering size/N inputs
    const scale = size / N;
    return Array.from({ length: N }, (_, o) => {
      const from = o * scale;
      const to = from + scale;
      const w: [number, number][] = [];
      for (let i = Math.floor(from); i < Math.min(size, Math.ceil(to)); i++) w.push([i, (Math.min(to, i + 1) - Math.max(from, i)) / scale]);
      return w;
    });
  };
  const across = weights(width);
  const down = weights(height);
  const rows = new Float64Array(height * N);
  for (let y = 0; y < height; y++) {
    for (let o = 0; o < N; o++) {
      let sum = 0;
      for (const [x, w] of across[o]!) sum += grey[y * width + x]! * w;
      rows[y * N + o] = sum;
    }
  }
  const out = new Uint8Array(N * N);
  for (let o = 0; o < N; o++) {
    for (let x = 0; x < N; x++) {
      let sum = 0;
      for (const [y, w] of down[o]!) sum += rows[y * N + x]! * w;
      out[o * N + x] = Math.round(sum);
    }
  }
  return out;
}

/**
 * pHash of decoded 8-bit pixels (e.g. the thumbnail-sized pixels ingestion
 * already has): luma (Rec. 601) of the colour bands, alpha ignored, then
 * area-averaged to 32×32. Pure JavaScript, no second decode.
 */
export function perceptualHashOfPixels(pixels: Uint8Array, raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 }): string {
  const { width, height, channels } = raw;
  if (pixels.length < width * height * channels) throw new Error('fewer pixels than width × height × channels');
  const grey = new Float64Array(width * height);
  for (let i = 0, p = 0; i < grey.length; i++, p += channels) {
    grey[i] = channels >= 3 ? 0.299 * pixels[p]! + 0.587 * pixels[p + 1]! + 0.114 * pixels[p + 2]! : pixels[p]!;
  }
  return hashOfGrey32(areaResize(grey, width, height));
}

/** Long edge the picture is first reduced to (as ingestion's thumbnail), so both paths hash the same pixels. */
export const HASH_INPUT_LONG_EDGE = 320;

/** pHash of an encoded image, EXIF orientation applied, transparency over white. */
export async function perceptualHash(bytes: Uint8Array, options: { limitInputPixels?: number } = {}): Promise<string> {
  const { data, info } = await sharp(bytes, { autoOrient: true, limitInputPixels: options.limitInputPixels ?? true })
    .resize(HASH_INPUT_LONG_EDGE, HASH_INPUT_LONG_EDGE, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return perceptualHashOfPixels(data, { width: info.width, height: info.height, channels: info.channels });
}

const HASH = /^[0-9a-f]{16}$/;
const POPCOUNT = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** Bits that differ between two 64-bit hashes (16 hex digits each): 0 = same picture, ~32 = unrelated. */
export function hammingDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (!HASH.test(x) || !HASH.test(y)) throw new Error(`not a 64-bit hash: ${HASH.test(x) ? b : a}`);
  let distance = 0;
  for (let i = 0; i < 16; i++) distance += POPCOUNT[parseInt(x[i]!, 16) ^ parseInt(y[i]!, 16)]!;
  return distance;
}
