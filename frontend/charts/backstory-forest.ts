import { escapeHtml, BackstoryChartBase, ChartFormats, type ChartStyle, type ChartWords, TEXT_STYLE } from './backstory-chart-base';

interface Row { label: string; estimate: number | null; lower: number | null; upper: number | null; note?: string; highlight?: boolean }
/** min/max: the log axis as Java's ChartStyle.RatioAxis set it (the PDF's too); ticks: labels by power of two. */
interface Data { rows: Row[]; xLabel?: string; min: number; max: number; ticks: Record<string, string>; style: ChartStyle; words: ChartWords }

/** Ratios with 95 % CIs on a log axis, one row per term, a dashed line at 1 (no effect). */
class BackstoryForest extends BackstoryChartBase {
  protected buildOption(d: Data): any {
    const labels = d.rows.map((r) => r.label);
    const finite = (v: number | null) => v !== null && Number.isFinite(v) && v > 0;
    const { min, max } = d;
    const fmt = new ChartFormats(d.words);
    const clamp = (v: number) => Math.max(min, Math.min(max, v));
    return {
      textStyle: TEXT_STYLE,
      animation: false,
      grid: { left: 180, right: 32, top: 16, bottom: 56 },
      tooltip: {
        trigger: 'item',
        formatter: (p: any) => {
          const r = d.rows[p.dataIndex];
          return `<b>${escapeHtml(r.label)}</b><br>${escapeHtml(fmt.word('ratioCi', fmt.num(r.estimate), fmt.num(r.lower), fmt.num(r.upper)))}`
            + (r.note ? '<br>' + escapeHtml(r.note) : '');
        },
      },
      xAxis: { type: 'log', logBase: 2, min, max, name: d.xLabel, nameLocation: 'middle', nameGap: 32,
        axisLabel: { formatter: (v: number) => d.ticks[String(Math.round(Math.log2(v)))] ?? '' } },
      yAxis: { type: 'category', data: labels, inverse: true, axisTick: { show: false } },
      series: [
        {
          type: 'custom', silent: true, z: 2,
          data: d.rows.map((r, k) => (finite(r.lower) && finite(r.upper) ? [clamp(r.lower!), clamp(r.upper!), k] : [null, null, k])),
          renderItem: (params: any, api: any) => {
            if (api.value(0) === null || Number.isNaN(api.value(0))) return null;
            const a = api.coord([api.value(0), api.value(2)]);
            const b = api.coord([api.value(1), api.value(2)]);
            return { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: { stroke: d.style.ink, lineWidth: 1.5 } };
          },
        },
        {
          type: 'scatter', symbol: 'rect', symbolSize: 10, z: 3,
          data: d.rows.map((r, k) => ({
            value: [finite(r.estimate) ? clamp(r.estimate!) : null, k],
            itemStyle: { color: r.highlight ? d.style.multi : d.style.ink },
          })),
          markLine: {
            // the category axis is inverted, so 'start' puts the label at the top, clear of the tick labels
            silent: true, symbol: 'none', label: { formatter: fmt.word('noEffect'), position: 'start' },
            lineStyle: { type: 'dashed', color: d.style.axis }, data: [{ xAxis: 1 }],
          },
        },
      ],
    };
  }
}

customElements.define('backstory-forest', BackstoryForest);
