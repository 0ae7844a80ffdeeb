import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { createContext } from './context';
import { createCaller } from './root';

/** The same procedures for React Server Components, as the current request's actor. */
export const serverCaller = cache(async () => createCaller(await createContext(await headers())));
