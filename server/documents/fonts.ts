import { createRequire } from 'node:module';

/**
 * Noto Sans SC (OFL) as TTF files from the npm registry: PDFs embed a subset
 * of it, so Chinese text renders and extracts on any machine, with nothing
 * fetched at build or run time.
 */
const require = createRequire(import.meta.url);

export const CJK_FONT = {
  // Resolved at run time, not bundled: Turbopack would otherwise try to bundle the .ttf and fail the build.
  regular: require.resolve(/* turbopackIgnore: true */ '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve(/* turbopackIgnore: true */ '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
} as const;
