import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// A calm steel blue; shade 7 on white passes WCAG AA for text, and white text on
// shade 7 passes for filled buttons.
const praxis: MantineColorsTuple = [
  '#eaf4fa',
  '#d6e7f2',
  '#a9cde5',
  '#79b1d8',
  '#529acd',
  '#3a8bc6',
  '#2b7fbe',
  '#1f6a9f',
  '#175d8e',
  '#06507e',
];

export const theme = createTheme({
  primaryColor: 'praxis',
  // people who ask their system for less motion get no sliding panels or collapses
  respectReducedMotion: true,
  primaryShade: 7,
  colors: { praxis },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: { fontWeight: '600' },
  components: {
    TextInput: { defaultProps: { autoComplete: 'off' } },
    Badge: { defaultProps: { variant: 'light', radius: 'sm' } },
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
    Modal: { defaultProps: { centered: true } },
  },
});

/**
 * WCAG AA (4.5:1) for small text: Mantine's default "dimmed" grey and the text of
 * light badges/alerts in some colours are a little too pale; darken them.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-error': '#c92a2a',
    '--mantine-color-placeholder': '#767d84',
    '--mantine-color-teal-light-color': '#06614a',
    '--mantine-color-orange-light-color': '#9c3a05',
    '--mantine-color-yellow-light-color': '#6e4700',
    '--mantine-color-red-light-color': '#a61e1e',
    '--mantine-color-green-light-color': '#1f6a2c',
  },
  dark: {},
});
