import { escapeHtml, BackstoryChartBase, TEXT_STYLE } from './backstory-chart-base';

interface Row { label: string; estimate: number | null; lower: number | null; upper: number | null; note?: string; highlight?: boolean }
interface Data { rows: Row[]; xLabel?: string }

/** Ratios with 95 % CIs on a log axis, one row per term, a dashed line at 1 (no effect). */
class BackstoryForest extends BackstoryChartBase {
  protected buildOption(d: Data): any {
    const labels = d.rows.map((r) => r.label);
    const finite = (v: number | null) => v !== null && Number.isFinite(v) && v > 0;
    const values = d.rows.flatMap((r) => [r.lower, r.upper, r.estimate]).filter(finite) as number[];
    // Whole powers of two, so the log axis shows 0.25, 0.5, 1, 2, 4 rather than odd ticks.
    const min = Math.max(1 / 32, Math.pow(2, Math.floor(Math.log2(Math.min(0.5, ...values)))));
    const max = Math.min(32, Math.pow(2, Math.ceil(Math.log2(Math.max(2, ...values)))));
    const clamp = (v: number) => Math.max(min, Math.min(max, v));
    return {
      textStyle: TEXT_STYLE,
      animation: false,
      grid: { left: 180, right: 32, top: 16, bottom: 56 },
      tooltip: {
        trigger: 'item',
        formatter: (p: any) => {
          const r = d.rows[p.dataIndex];
          const f = (v: number | null) => (v === null ? 'n/a' : Number(v).toFixed(2));
          return `<b>${escapeHtml(r.label)}</b><br>${escapeHtml(`${f(r.estimate)} (95 % CI ${f(r.lower)} to ${f(r.upper)})`)}`
            + (r.note ? '<br>' + escapeHtml(r.note) : '');
        },
      },
      xAxis: { type: 'log', logBase: 2, min, max, name: d.xLabel, nameLocation: 'middle', nameGap: 32,
        axisLabel: { formatter: (v: number) => (v >= 1 ? v.toFixed(0) : v.toFixed(2)) } },
      yAxis: { type: 'category', data: labels, inverse: true, axisTick: { show: false } },
      series: [
        {
          type: 'custom', silent: true, z: 2,
          data: d.rows.map((r, k) => (finite(r.lower) && finite(r.upper) ? [clamp(r.lower!), clamp(r.upper!), k] : [null, null, k])),
          renderItem: (params: any, api: any) => {
            if (api.value(0) === null || Number.isNaN(api.value(0))) return null;
            const a = api.coord([api.value(0), api.value(2)]);
            const b = api.coord([api.value(1), api.value(2)]);
            return { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: { stroke: '#334', lineWidth: 1.5 } };
          },
        },
        {
          type: 'scatter', symbol: 'rect', symbolSize: 10, z: 3,
          data: d.rows.map((r, k) => ({
            value: [finite(r.estimate) ? clamp(r.estimate!) : null, k],
            itemStyle: { color: r.highlight ? '#1f6f8b' : '#445' },
          })),
          markLine: {
            // the category axis is inverted, so 'start' puts the label at the top, clear of the tick labels
            silent: true, symbol: 'none', label: { formatter: 'no effect', position: 'start' },
            lineStyle: { type: 'dashed', color: '#888' }, data: [{ xAxis: 1 }],
          },
        },
      ],
    };
  }
}

customElements.define('backstory-forest', BackstoryForest);
