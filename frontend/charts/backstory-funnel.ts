import { BackstoryChartBase, percent, TEXT_STYLE } from './backstory-chart-base';

interface Point { name: string; n: number; rate: number | null; breadth?: number | null }
/** limits: [n, lower95, upper95, lower998, upper998] */
interface Data { points: Point[]; limits: number[][]; centre: number; xLabel?: string; yLabel?: string }

/** Funnel plot: each therapist's proportion against their number of episodes, with control limits. */
class BackstoryFunnel extends BackstoryChartBase {
  protected buildOption(d: Data): any {
    const limit = (i: number) => d.limits.map((l) => [l[0], l[i]]);
    const maxN = d.limits.length ? d.limits[d.limits.length - 1][0] : 10;
    const line = (name: string, data: number[][], type: 'solid' | 'dashed', color: string) => ({
      type: 'line', name, data, showSymbol: false, silent: true, smooth: false,
      lineStyle: { type, color, width: 1.5 }, itemStyle: { color },
    });
    return {
      textStyle: TEXT_STYLE,
      animation: false,
      grid: { left: 64, right: 32, top: 40, bottom: 56 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'item',
        formatter: (p: any) => {
          const pt = d.points[p.dataIndex];
          return pt && p.seriesName === 'Therapists'
            ? `<b>${pt.name}</b><br>${percent(pt.rate)} of ${pt.n} episodes` + (pt.breadth != null ? `<br>average plan breadth ${pt.breadth.toFixed(1)}` : '')
            : '';
        },
      },
      xAxis: { type: 'value', min: 0, max: maxN, name: d.xLabel, nameLocation: 'middle', nameGap: 32 },
      yAxis: { type: 'value', min: 0, max: 1, name: d.yLabel, nameLocation: 'middle', nameGap: 48,
        axisLabel: { formatter: (v: number) => percent(v) } },
      series: [
        line('95 % limits', limit(1), 'solid', '#7a9cc6'),
        line('95 % limits', limit(2), 'solid', '#7a9cc6'),
        line('99.8 % limits', limit(3), 'dashed', '#c0392b'),
        line('99.8 % limits', limit(4), 'dashed', '#c0392b'),
        line('Clinic rate', [[0, d.centre], [maxN, d.centre]], 'solid', '#555'),
        {
          type: 'scatter', name: 'Therapists', symbolSize: 12, z: 5,
          itemStyle: { color: '#1f6f8b' },
          data: d.points.map((p) => [p.n, p.rate]),
          label: { show: true, position: 'right', formatter: (p: any) => d.points[p.dataIndex].name, fontSize: 11 },
        },
      ],
    };
  }
}

customElements.define('backstory-funnel', BackstoryFunnel);
