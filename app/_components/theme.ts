import type { ThemeConfig } from 'antd';

/** System CJK fonts only: nothing is fetched at build or run time. */
export const FONT_STACK =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif';

/** A sober engineering blue (blueprint ink) on neutral greys. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4f8f',
    colorInfo: '#1f4f8f',
    colorLink: '#1f4f8f',
    borderRadius: 6,
    fontFamily: FONT_STACK,
    fontSize: 15,
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      headerHeight: 56,
      headerPadding: '0 16px',
      bodyBg: '#f4f6f9',
    },
  },
};
