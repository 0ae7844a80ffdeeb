/** The calendar date in China (Asia/Shanghai, where the sites and their records are), YYYY-MM-DD, whatever zone the server or phone runs in. */
export const chinaDate = (at: Date = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);

/** A calendar date as the database keeps it (a `@db.Date` comes back as UTC midnight), YYYY-MM-DD. */
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
