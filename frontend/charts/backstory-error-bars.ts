import { escapeHtml, BackstoryChartBase, ChartFormats, type ChartStyle, type ChartWords, seriesColour, TEXT_STYLE } from './backstory-chart-base';

interface Series { name: string; values: (number | null)[]; lower: (number | null)[]; upper: (number | null)[]; n?: number[]; color?: string; colors?: string[] }
interface Data { categories: string[]; series: Series[]; xLabel?: string; yLabel?: string; style: ChartStyle; words: ChartWords }

/** Proportions as bars with their 95 % confidence intervals as error bars (y in 0..1, shown as %). */
class BackstoryErrorBars extends BackstoryChartBase {
  protected buildOption(d: Data): any {
    const fmt = new ChartFormats(d.words);
    const many = d.series.length > 1;
    const series: any[] = [];
    d.series.forEach((s, i) => {
      const color = s.color ?? seriesColour(d.style, i + 1);
      series.push({
        type: 'bar', name: s.name, data: s.values, barMaxWidth: 48,
        itemStyle: { color: (p: any) => s.colors?.[p.dataIndex] ?? color },
      });
      series.push({
        type: 'custom', name: s.name, silent: true, z: 10,
        data: s.values.map((_, k) => [k, s.lower[k], s.upper[k]]).filter((r) => r[1] !== null && r[2] !== null),
        renderItem: (params: any, api: any) => {
          const k = api.value(0);
          const lo = api.coord([k, api.value(1)]);
          const hi = api.coord([k, api.value(2)]);
          const band = api.size([1, 0])[0];
          const offset = many ? (i - (d.series.length - 1) / 2) * band * 0.8 / d.series.length : 0;
          const half = Math.min(8, band * 0.12);
          const x = lo[0] + offset;
          const style = { stroke: d.style.ink, lineWidth: 1.5 };
          return {
            type: 'group', children: [
              { type: 'line', shape: { x1: x, y1: lo[1], x2: x, y2: hi[1] }, style },
              { type: 'line', shape: { x1: x - half, y1: lo[1], x2: x + half, y2: lo[1] }, style },
              { type: 'line', shape: { x1: x - half, y1: hi[1], x2: x + half, y2: hi[1] }, style },
            ],
          };
        },
      });
    });
    return {
      textStyle: TEXT_STYLE,
      animation: false,
      grid: { left: 64, right: 24, top: many ? 40 : 20, bottom: 56 },
      legend: many ? { top: 0, data: d.series.map((s) => s.name) } : undefined,
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: (items: any) => {
          const list = Array.isArray(items) ? items : [items];
          const k = list[0].dataIndex;
          return `<b>${escapeHtml(d.categories[k])}</b><br>` + d.series.map((s) =>
            escapeHtml(`${s.name}: ${fmt.word('rateCi', fmt.percent(s.values[k]), fmt.percent(s.lower[k]), fmt.percent(s.upper[k]))}`
            + (s.n ? `, n = ${s.n[k]}` : ''))).join('<br>');
        },
      },
      xAxis: { type: 'category', data: d.categories, name: d.xLabel, nameLocation: 'middle', nameGap: 32 },
      yAxis: {
        type: 'value', min: 0, max: 1, name: d.yLabel, nameLocation: 'middle', nameGap: 48,
        axisLabel: { formatter: (v: number) => fmt.percent(v) },
      },
      series,
    };
  }
}

customElements.define('backstory-error-bars', BackstoryErrorBars);
