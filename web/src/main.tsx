import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './lib/api';
import { SessionProvider } from './lib/session';
import { cssVariablesResolver, theme } from './theme';
import { App, isPublicPath, PublicApp } from './App';

import '@mantine/core/styles.layer.css';
import '@mantine/dates/styles.layer.css';
import '@mantine/notifications/styles.layer.css';
import 'mantine-datatable/styles.layer.css';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Each read of patient data is audited: no refetch just because a window got focus.
      refetchOnWindowFocus: false,
      staleTime: 30_000,
      retry: (count, error) => {
        if (error instanceof ApiError && error.status > 0 && error.status < 500) return false;
        return count < 1;
      },
    },
    mutations: { retry: false },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <DatesProvider settings={{ locale: 'en', firstDayOfWeek: 0, weekendDays: [0, 6] }}>
        <Notifications position="bottom-right" limit={3} />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            {/* Public pages (a patient's reminder link) run without the staff session: no sign-in check, no idle logoff. */}
            {isPublicPath(window.location.pathname) ? (
              <PublicApp />
            ) : (
              <SessionProvider>
                <App />
              </SessionProvider>
            )}
          </BrowserRouter>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  </StrictMode>,
);
