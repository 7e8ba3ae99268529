import { escapeHtml, BackstoryChartBase, ChartFormats, type ChartStyle, type ChartWords, TEXT_STYLE } from './backstory-chart-base';

interface Point { name: string; n: number; rate: number | null; breadth?: number | null }
/** limits: [n, lower95, upper95, lower998, upper998] */
interface Data { points: Point[]; limits: number[][]; centre: number; xLabel?: string; yLabel?: string; style: ChartStyle; words: ChartWords }

const GRID = { left: 64, right: 32, top: 40, bottom: 56 };
type Position = 'right' | 'left' | 'top' | 'bottom';

/** Funnel plot: each therapist's proportion against their number of episodes, with control limits. */
class BackstoryFunnel extends BackstoryChartBase {
  /**
   * Therapists with similar caseloads and rates sit close together, and their names would print on top of
   * each other: each name goes right of its dot, else left, above or below, wherever it overlaps no other
   * name or dot (greedy, in order of caseload; ECharts' own overlap handling only shifts them a little).
   */
  private labelPositions(points: Point[], maxN: number): Position[] {
    const width = (this.clientWidth || 900) - GRID.left - GRID.right;
    const height = (this.clientHeight || 460) - GRID.top - GRID.bottom;
    const at = (p: Point) => [GRID.left + (p.n / maxN) * width, GRID.top + (1 - (p.rate ?? 0)) * height];
    type Box = [number, number, number, number];
    const taken: Box[] = points.map((p) => { const [x, y] = at(p); return [x - 7, y - 7, x + 7, y + 7]; });
    const overlaps = (b: Box) => taken.some((t) => b[0] < t[2] && t[0] < b[2] && b[1] < t[3] && t[1] < b[3]);
    const order = points.map((_, i) => i).sort((a, b) => points[a].n - points[b].n);
    const result: Position[] = points.map(() => 'right');
    for (const i of order) {
      const [x, y] = at(points[i]);
      const w = points[i].name.length * 6.2;
      const boxes: [Position, Box][] = [
        ['right', [x + 9, y - 7, x + 9 + w, y + 7]],
        ['left', [x - 9 - w, y - 7, x - 9, y + 7]],
        ['top', [x - w / 2, y - 23, x + w / 2, y - 9]],
        ['bottom', [x - w / 2, y + 9, x + w / 2, y + 23]],
      ];
      const free = boxes.find(([, b]) => !overlaps(b)) ?? boxes[0];
      result[i] = free[0];
      taken.push(free[1]);
    }
    return result;
  }

  protected buildOption(d: Data): any {
    const fmt = new ChartFormats(d.words);
    const limit = (i: number) => d.limits.map((l) => [l[0], l[i]]);
    // An axis that ends on a tick (interval 1, 2 or 5 × 10^k): a max of 71 would print "70" and "71" on top of each other.
    const lastN = d.limits.length ? d.limits[d.limits.length - 1][0] : 10;
    const magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(1, lastN / 5))));
    const interval = [1, 2, 5, 10].map((m) => m * magnitude).find((step) => step >= lastN / 5) ?? magnitude * 10;
    const maxN = Math.ceil(lastN / interval) * interval;
    const positions = this.labelPositions(d.points, maxN);
    const line = (name: string, data: number[][], type: 'solid' | 'dashed', color: string) => ({
      type: 'line', name, data, showSymbol: false, silent: true, smooth: false,
      lineStyle: { type, color, width: 1.5 }, itemStyle: { color },
    });
    return {
      textStyle: TEXT_STYLE,
      animation: false,
      grid: GRID,
      legend: { top: 0 },
      tooltip: {
        trigger: 'item',
        formatter: (p: any) => {
          const pt = d.points[p.dataIndex];
          return pt && p.seriesName === fmt.word('therapists')
            ? `<b>${escapeHtml(pt.name)}</b><br>${escapeHtml(fmt.word('episodesOf', fmt.percent(pt.rate), pt.n))}`
              + (pt.breadth != null ? `<br>${escapeHtml(fmt.word('meanBreadth', fmt.num(pt.breadth, 1)))}` : '')
            : '';
        },
      },
      xAxis: { type: 'value', min: 0, max: maxN, interval, name: d.xLabel, nameLocation: 'middle', nameGap: 32 },
      yAxis: { type: 'value', min: 0, max: 1, name: d.yLabel, nameLocation: 'middle', nameGap: 48,
        axisLabel: { formatter: (v: number) => fmt.percent(v) } },
      series: [
        line(fmt.word('limits95'), limit(1), 'solid', d.style.limit95),
        line(fmt.word('limits95'), limit(2), 'solid', d.style.limit95),
        line(fmt.word('limits998'), limit(3), 'dashed', d.style.limit998),
        line(fmt.word('limits998'), limit(4), 'dashed', d.style.limit998),
        line(fmt.word('clinicRate'), [[0, d.centre], [maxN, d.centre]], 'solid', d.style.centre),
        {
          type: 'scatter', name: fmt.word('therapists'), symbolSize: 12, z: 5,
          itemStyle: { color: d.style.multi },
          data: d.points.map((p, i) => ({ value: [p.n, p.rate], label: { position: positions[i] } })),
          label: { show: true, formatter: (p: any) => d.points[p.dataIndex].name, fontSize: 11 },
        },
      ],
    };
  }
}

customElements.define('backstory-funnel', BackstoryFunnel);
