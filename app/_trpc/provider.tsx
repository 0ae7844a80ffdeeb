'use client';

import { QueryClient, QueryClientProvider, isServer } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { useState, type ReactNode } from 'react';
import superjson from 'superjson';
import type { AppRouter } from '@/server/trpc/root';
import { TRPCProvider } from './client';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Pages hand over server-fetched data as initialData; do not refetch it at once.
        staleTime: 30 * 1000,
        retry: false,
        refetchOnWindowFocus: false,
      },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

/** One client per request on the server (never shared between users), one for the tab in the browser. */
function getQueryClient() {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

function trpcUrl() {
  // The browser calls the same origin; during SSR queries do not run (pages pass initialData).
  if (typeof window !== 'undefined') return '/api/trpc';
  return `http://localhost:${process.env.PORT ?? 3000}/api/trpc`;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: trpcUrl(), transformer: superjson })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
