/** The calendar date in China (Asia/Shanghai, where the sites and their records are), YYYY-MM-DD, whatever zone the server or phone runs in. */
export const chinaDate = (at: Date = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
