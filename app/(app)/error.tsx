'use client';

/** Same error page, but inside the signed-in shell (header and navigation stay usable). */
export { default } from '../error';
