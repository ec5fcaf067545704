/**
 * Line icons as inline SVG: no icon font and no emoji, which a tablet may lack (the e2e Chromium
 * showed tofu boxes for emoji). Decorative: the text beside each icon says what it is.
 */
const PATHS = {
  station: 'M3 11 12 3l9 8v10H3z M9 21v-6h6v6',
  person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M4 21c0-4 4-6 8-6s8 2 8 6',
  scan: 'M3 8V4h4 M17 4h4v4 M21 16v4h-4 M7 20H3v-4 M7 12h10',
} as const;

export function Icon({ name, size = 26 }: { name: keyof typeof PATHS; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      focusable="false"
      className="icon"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
