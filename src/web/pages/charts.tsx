import type { Status } from '../../core/status.js';

/*
 * Server-rendered SVG: a status timeline and a line chart. No script; they
 * scale to the width of a phone (viewBox, width 100%).
 */

const COLOR: Record<Status, string> = { OK: '#1a7f37', WARN: '#bf8700', CRIT: '#cf222e', UNKNOWN: '#8c959f' };

export interface Segment {
  from: number;
  to: number;
  status: Status;
}

export function Timeline(props: { segments: Segment[]; from: number; to: number; label: string }) {
  const span = Math.max(1, props.to - props.from);
  const x = (t: number) => ((Math.min(Math.max(t, props.from), props.to) - props.from) / span) * 1000;
  return (
    <svg
      viewBox="0 0 1000 24"
      width="100%"
      height="24"
      preserveAspectRatio="none"
      role="img"
      aria-label={props.label}
    >
      <rect x="0" y="0" width="1000" height="24" fill="#8882" />
      {props.segments.map((s) => (
        <rect
          x={x(s.from).toFixed(1)}
          y="0"
          width={Math.max(0.5, x(s.to) - x(s.from)).toFixed(1)}
          height="24"
          fill={COLOR[s.status]}
        >
          <title>{s.status}</title>
        </rect>
      ))}
    </svg>
  );
}

export interface Point {
  t: number;
  v: number;
}

export function LineChart(props: { points: Point[]; label: string; unit?: string }) {
  const pts = props.points;
  if (pts.length === 0) return null;
  const t0 = pts[0]!.t;
  const t1 = pts[pts.length - 1]!.t;
  let lo = Math.min(...pts.map((p) => p.v));
  let hi = Math.max(...pts.map((p) => p.v));
  if (hi === lo) {
    hi += 1;
    lo = Math.max(0, lo - 1);
  }
  const W = 1000;
  const H = 160;
  const x = (t: number) => (t1 === t0 ? W / 2 : ((t - t0) / (t1 - t0)) * (W - 60) + 50);
  const y = (v: number) => H - 20 - ((v - lo) / (hi - lo)) * (H - 40);
  const line = pts.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  const fmt = (v: number) => `${Number.isInteger(v) ? v : v.toFixed(1)}${props.unit ?? ''}`;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={props.label}>
      <line x1="50" y1={y(hi)} x2={W - 10} y2={y(hi)} stroke="#8884" />
      <line x1="50" y1={y(lo)} x2={W - 10} y2={y(lo)} stroke="#8884" />
      <text x="0" y={y(hi) + 5} font-size="14" fill="currentColor">
        {fmt(hi)}
      </text>
      <text x="0" y={y(lo) + 5} font-size="14" fill="currentColor">
        {fmt(lo)}
      </text>
      <polyline
        points={line}
        fill="none"
        stroke="#0969da"
        stroke-width="2"
        vector-effect="non-scaling-stroke"
      />
    </svg>
  );
}

/**
 * The number a kind's result carries, for its chart: pending updates, the
 * fullest filesystem's %, a backup's age or size… null when it has none.
 */
export function metricOf(
  kind: string,
  details: Record<string, unknown> | undefined,
): { v: number; unit: string; name: string } | null {
  if (!details) return null;
  if (kind === 'system.disk' && Array.isArray(details.filesystems)) {
    const pcts = (details.filesystems as { pct?: unknown }[])
      .map((f) => f.pct)
      .filter((p): p is number => typeof p === 'number');
    return pcts.length > 0 ? { v: Math.max(...pcts), unit: '%', name: 'fullest filesystem' } : null;
  }
  for (const [name, unit] of [
    ['pending', ''],
    ['usedPct', '%'],
    ['pct', '%'],
    ['ageSec', ' s'],
    ['newestAgeSec', ' s'],
    ['size', ' B'],
    ['count', ''],
    ['days', ' d'],
  ] as const) {
    const v = details[name];
    if (typeof v === 'number' && Number.isFinite(v)) return { v, unit, name };
  }
  for (const [name, v] of Object.entries(details))
    if (typeof v === 'number' && Number.isFinite(v)) return { v, unit: '', name };
  return null;
}

/** A word-sized trend line (a backup's sizes): no axes, its first and last values in the title. */
export function Sparkline(props: { points: Point[]; label: string }) {
  const pts = props.points;
  if (pts.length < 2) return null;
  const W = 120;
  const H = 24;
  const t0 = pts[0]!.t;
  const t1 = pts[pts.length - 1]!.t;
  const lo = Math.min(...pts.map((p) => p.v));
  const hi = Math.max(...pts.map((p) => p.v));
  const x = (t: number) => (t1 === t0 ? W / 2 : ((t - t0) / (t1 - t0)) * (W - 4) + 2);
  const y = (v: number) => (hi === lo ? H / 2 : H - 2 - ((v - lo) / (hi - lo)) * (H - 4));
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={props.label}>
      <title>{props.label}</title>
      <polyline
        points={pts.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')}
        fill="none"
        stroke="#0969da"
        stroke-width="1.5"
      />
    </svg>
  );
}
