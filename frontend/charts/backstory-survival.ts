import { BackstoryChartBase, ChartFormats, type ChartStyle, type ChartWords, seriesColour, TEXT_STYLE } from './backstory-chart-base';

/** points: [time, survival, lower, upper] at each distinct time, starting at [0, 1, 1, 1]. */
interface Curve { name: string; color?: string; points: [number, number, number | null, number | null][] }
interface Data { curves: Curve[]; maxX: number; xLabel?: string; yLabel?: string; style: ChartStyle; words: ChartWords }

/** Kaplan-Meier step curves with their 95 % confidence bands. */
class BackstorySurvival extends BackstoryChartBase {
  protected buildOption(d: Data): any {
    const fmt = new ChartFormats(d.words);
    const series: any[] = [];
    d.curves.forEach((c, i) => {
      const color = c.color ?? seriesColour(d.style, i);
      const band = stepBand(c.points, d.maxX);
      series.push({
        type: 'custom', name: fmt.word('band', c.name), silent: true, z: 1, data: [[0, 1]],
        renderItem: (params: any, api: any) => ({
          type: 'polygon',
          shape: { points: band.map((p) => api.coord(p)) },
          style: { fill: color, opacity: 0.15 },
        }),
        tooltip: { show: false },
      });
      const line = c.points.map((p) => [p[0], p[1]]);
      const last = c.points[c.points.length - 1];
      if (last && last[0] < d.maxX) {
        line.push([d.maxX, last[1]]);
      }
      series.push({
        type: 'line', name: c.name, step: 'end', showSymbol: false, z: 5, data: line,
        lineStyle: { color, width: 2 }, itemStyle: { color },
      });
    });
    return {
      textStyle: TEXT_STYLE,
      animation: false,
      grid: { left: 64, right: 24, top: 40, bottom: 56 },
      legend: { top: 0, data: d.curves.map((c) => c.name) },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: any) => fmt.percent(Array.isArray(v) ? v[1] : v),
      },
      xAxis: { type: 'value', min: 0, max: d.maxX, name: d.xLabel, nameLocation: 'middle', nameGap: 32 },
      yAxis: {
        type: 'value', min: 0, max: 1, name: d.yLabel, nameLocation: 'middle', nameGap: 48,
        axisLabel: { formatter: (v: number) => fmt.percent(v) },
      },
      series,
    };
  }
}

/** Polygon of the step-shaped band: upper limits forwards, lower limits backwards. */
function stepBand(points: Curve['points'], maxX: number): number[][] {
  const upper: number[][] = [];
  const lower: number[][] = [];
  let prevU = 1;
  let prevL = 1;
  let prevT = 0;
  for (const [t, , lo, hi] of points) {
    if (t > maxX) break;
    upper.push([prevT, prevU], [t, prevU]);
    lower.push([prevT, prevL], [t, prevL]);
    prevU = hi ?? prevU;
    prevL = lo ?? prevL;
    prevT = t;
  }
  upper.push([prevT, prevU], [maxX, prevU]);
  lower.push([prevT, prevL], [maxX, prevL]);
  return upper.concat(lower.reverse());
}

customElements.define('backstory-survival', BackstorySurvival);
