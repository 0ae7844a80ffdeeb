'use client';

import { useEffect } from 'react';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';

/**
 * Replaces the root layout when it fails, so no intl provider, antd or global CSS here:
 * plain markup, the texts straight from both catalogs, Chinese first.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const zh = zhCN.globalError;
  const other = en.globalError;
  return (
    <html lang="zh-CN">
      <head>
        <title>{`${zh.title} · ${zhCN.app.name}`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </head>
      <body
        style={{
          margin: 0,
          minHeight: '100vh',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          padding: 16,
          fontFamily:
            '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif',
          background: '#f4f6f9',
          color: '#1f2329',
        }}
      >
        <main style={{ maxWidth: 420, textAlign: 'center' }}>
          <h1 style={{ fontSize: 22, margin: '0 0 8px' }}>{zh.title}</h1>
          <p style={{ margin: '0 0 4px' }}>{zh.description}</p>
          <p lang="en" style={{ margin: '0 0 20px', color: '#5c6675', fontSize: 14 }}>
            {other.title}. {other.description}
          </p>
          <button
            type="button"
            onClick={() => retry()}
            style={{
              font: 'inherit',
              padding: '8px 24px',
              border: 0,
              borderRadius: 6,
              background: '#1f4f8f',
              color: '#fff',
              cursor: 'pointer',
            }}
          >
            {zh.retry} / {other.retry}
          </button>
        </main>
      </body>
    </html>
  );
}
