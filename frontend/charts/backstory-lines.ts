import { escapeHtml, BackstoryChartBase, ChartFormats, type ChartStyle, type ChartWords, seriesColour, TEXT_STYLE } from './backstory-chart-base';

interface Series { name: string; values: (number | null)[]; axis: 0 | 1; percent?: boolean; color?: string }
interface Data { categories: string[]; series: Series[]; axes: { name: string; percent?: boolean; max?: number }[]; xLabel?: string; style: ChartStyle; words: ChartWords }

/** Lines over categories (e.g. quarters), with up to two y axes (a proportion and a count or mean). */
class BackstoryLines extends BackstoryChartBase {
  protected buildOption(d: Data): any {
    const fmt = new ChartFormats(d.words);
    return {
      textStyle: TEXT_STYLE,
      animation: false,
      grid: { left: 64, right: 64, top: 40, bottom: 56 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        formatter: (items: any) => {
          const list = Array.isArray(items) ? items : [items];
          const k = list[0].dataIndex;
          return `<b>${escapeHtml(d.categories[k])}</b><br>` + d.series.map((s) =>
            escapeHtml(`${s.name}: ${s.percent ? fmt.percent(s.values[k]) : fmt.num(s.values[k])}`)).join('<br>');
        },
      },
      xAxis: { type: 'category', data: d.categories, name: d.xLabel, nameLocation: 'middle', nameGap: 32 },
      yAxis: d.axes.map((a) => ({
        type: 'value', min: 0, max: a.max, name: a.name, nameLocation: 'middle', nameGap: 48,
        axisLabel: { formatter: (v: number) => (a.percent ? fmt.percent(v) : String(v)) },
      })),
      series: d.series.map((s, i) => ({
        type: 'line', name: s.name, yAxisIndex: s.axis, data: s.values, connectNulls: false,
        symbolSize: 7, lineStyle: { width: 2, color: s.color ?? seriesColour(d.style, i + 1) },
        itemStyle: { color: s.color ?? seriesColour(d.style, i + 1) },
      })),
    };
  }
}

customElements.define('backstory-lines', BackstoryLines);
